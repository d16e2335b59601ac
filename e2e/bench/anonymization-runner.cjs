// Runs the built anonymization engine (backend/dist) in a plain Node process, as the worker
// does, on a synthetic Adult-like CSV it writes first: 8 quasi-identifiers with ARX's Adult
// hierarchies, k, 5 % suppression. Prints one JSON line: time, peak RSS, the report's figures.
// Usage: node anonymization-runner.cjs <rows> <k> <file> [output file, to check it]
'use strict';
const { createReadStream, createWriteStream, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Writable } = require('node:stream');
const { once } = require('node:events');
const { performance } = require('node:perf_hooks');

const root = join(__dirname, '..', '..', 'backend');
const { anonymize } = require(join(root, 'dist', 'modules', 'anonymization', 'engine'));
const FIXTURES = join(root, 'src', 'modules', 'anonymization', 'engine', 'testing', 'fixtures', 'arx-adult');
const QUASI = ['sex', 'age', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation'];
const hierarchy = (column) => readFileSync(join(FIXTURES, `adult_hierarchy_${column}.csv`), 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split(';'));

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeTable(file, rows) {
  const next = random(20261128);
  const domains = Object.fromEntries(QUASI.map((column) => [column, hierarchy(column).map((row) => row[0])]));
  const out = createWriteStream(file);
  let buffer = [[...QUASI, 'salary-class'].join(';')];
  for (let i = 0; i < rows; i += 1) {
    const cells = QUASI.map((column) => {
      const values = domains[column];
      return column === 'age' ? String(17 + Math.floor(next() * 60)) : values[Math.min(values.length - 1, Math.floor(values.length * next() ** 2))];
    });
    buffer.push([...cells, next() < 0.75 ? '<=50K' : '>50K'].join(';'));
    if (buffer.length >= 10_000) {
      if (!out.write(buffer.join('\n') + '\n')) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end(buffer.length ? buffer.join('\n') + '\n' : '');
  await once(out, 'finish');
}

(async () => {
  const [rows, k, file] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
  await writeTable(file, rows);
  const columns = { 'salary-class': { action: 'sensitive' } };
  for (const column of QUASI) columns[column] = { action: 'generalize', hierarchy: { type: 'custom', rows: hierarchy(column) } };
  let outputBytes = 0;
  const counted = new Writable({ write(chunk, _encoding, done) { outputBytes += chunk.length; done(); } });
  const saved = process.argv[5] ? createWriteStream(process.argv[5]) : null;
  const output = saved ?? counted;
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const report = await anonymize({ source: () => createReadStream(file, { highWaterMark: 1 << 20 }), policy: { k, suppressionLimit: 0.05, columns }, hmacKey: 'bench-key', output });
  const ms = performance.now() - started;
  if (saved) {
    saved.end();
    await once(saved, 'finish');
    outputBytes = saved.bytesWritten;
  }
  process.stdout.write(JSON.stringify({ rows, ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), startRssMb: Math.round(before / 1048576), outputBytes, kAchieved: report.kAchieved, suppressed: report.records.suppressed, classes: report.equivalenceClasses.count, lattice: report.lattice, loss: report.informationLoss.value }) + '\n');
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
