/**
 * CSV column profiling, end to end: POST /api/v1/catalog/profile on the built backend.
 * Issue figure: a 100,000-row, 20-column CSV is profiled in at most 3 s (median of the runs).
 * Baseline in the same run: merely streaming the same file through csv-parse, in plain Node.
 *
 * BENCH_SIZE=full: 100,000 rows, asserts the median ≤ 3,000 ms and records BENCHMARKS.md.
 * Default (smoke, inside `npm test`): 2,000 rows, asserts correctness only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiLogin } from '../src/support/api';
import { baseUrl } from '../src/support/browser';
import { benchSize, machine, median, printBenchLine, recordInBenchmarks } from './bench-report';
import { FIXTURE_EXPECTED_KINDS, FIXTURE_HEADER, writeFixtureCsv } from './csv-fixture';

const SIZE = benchSize();
const ROWS = SIZE === 'full' ? 100_000 : 2_000;
const RUNS = SIZE === 'full' ? 7 : 2;
const LIMIT_MS = 3_000;

interface ProfileBody {
  rows: number;
  sampledRows: number;
  sampled: boolean;
  columns: { name: string; inferredType: string; detected: { kind: string; share: number; confidence: string }[]; suggestedIdentifierKind: string }[];
}

jest.setTimeout(SIZE === 'full' ? 300_000 : 60_000);

describe(`profiling bench (${SIZE}: ${ROWS} rows × ${FIXTURE_HEADER.length} columns)`, () => {
  let folder: string;
  let file: string;
  let bytes: number;
  let token: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'convenio-bench-'));
    file = join(folder, 'personas.csv');
    bytes = await writeFixtureCsv(file, ROWS);
    token = await apiLogin('steward@inegi.org.mx');
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** One profiling request, from reading the file to the parsed answer. */
  async function profileOnce(): Promise<{ ms: number; body: ProfileBody }> {
    const started = performance.now();
    const form = new FormData();
    form.append('file', await openAsBlob(file, { type: 'text/csv' }), 'personas.csv');
    const response = await fetch(`${baseUrl()}/api/v1/catalog/profile`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    const body = (await response.json()) as ProfileBody;
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`profile answered ${response.status}: ${JSON.stringify(body)}`);
    return { ms, body };
  }

  /**
   * The baseline: every record of the file through csv-parse, nothing else, timed inside a plain
   * Node process (the server's conditions). Not in this Jest process: its module sandbox slows
   * csv-parse about fivefold, which would flatter the ratio. Returns one time per run, in ms.
   */
  function csvParseRuns(runs: number): { times: number[]; records: number } {
    const script = `
      const { createReadStream } = require('node:fs');
      const { parse } = require(${JSON.stringify(require.resolve('csv-parse'))});
      (async () => {
        const times = [];
        let records = 0;
        for (let run = 0; run <= ${runs}; run++) {
          const started = performance.now();
          records = 0;
          for await (const record of createReadStream(process.argv[1]).pipe(parse({ relax_quotes: true }))) if (record) records++;
          if (run > 0) times.push(performance.now() - started); // run 0 warms up
        }
        process.stdout.write(JSON.stringify({ times, records }));
      })();`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 })) as { times: number[]; records: number };
  }

  it(`profiles the file correctly${SIZE === 'full' ? ` within ${LIMIT_MS} ms (median)` : ''}`, async () => {
    const warmup = await profileOnce();
    const body = warmup.body;
    expect(body.rows).toBe(ROWS);
    expect(body.sampled).toBe(ROWS > 10_000);
    expect(body.columns.map((c) => c.name)).toEqual([...FIXTURE_HEADER]);
    for (const [name, kind] of Object.entries(FIXTURE_EXPECTED_KINDS)) {
      const column = body.columns.find((c) => c.name === name);
      expect({ name, detected: column?.detected[0] }).toMatchObject({ name, detected: { kind, confidence: 'high' } });
    }
    const types = Object.fromEntries(body.columns.map((c) => [c.name, c.inferredType]));
    expect(types).toMatchObject({ folio: 'integer', edad: 'integer', ingreso_mensual: 'decimal', activo: 'boolean', fecha_alta: 'date', ultima_actualizacion: 'datetime', nombre: 'text' });

    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push((await profileOnce()).ms);
    const baseline = csvParseRuns(RUNS);
    expect(baseline.records).toBe(ROWS + 1);
    const baselineTimes = baseline.times;

    const result = {
      bench: 'catalog-profile',
      size: SIZE,
      rows: ROWS,
      columns: FIXTURE_HEADER.length,
      bytes,
      runs: RUNS,
      medianMs: Math.round(median(times)),
      minMs: Math.round(Math.min(...times)),
      baselineCsvParseMedianMs: Math.round(median(baselineTimes)),
      ratioToBaseline: Math.round((median(times) / median(baselineTimes)) * 100) / 100,
      limitMs: SIZE === 'full' ? LIMIT_MS : null,
      machine: machine(),
      date: new Date().toISOString(),
    };
    printBenchLine(result);

    if (SIZE === 'full') {
      recordInBenchmarks({
        id: 'catalog-profile',
        title: 'CSV column profiling — `POST /api/v1/catalog/profile`',
        intro: [
          `A ${ROWS.toLocaleString('en-US')}-row × ${FIXTURE_HEADER.length}-column CSV of invented people (${(bytes / 1024 ** 2).toFixed(1)} MB: CURP, RFC, e-mail, phone, INEGI keys, SCIAN, dates, numbers, text), posted as multipart to the built API on localhost; time from opening the file to the parsed JSON answer, after one warm-up, median and min of ${RUNS} runs.`,
          `Target (issue): median ≤ ${LIMIT_MS.toLocaleString('en-US')} ms. Baseline: streaming the same file through csv-parse (6.2.1, relax_quotes) in a plain Node process, no profiling, no HTTP; ratio = profile median / baseline median.`,
          'Source: e2e/bench/profiling.bench-spec.ts (`npm run bench`, or `cd e2e && BENCH_SIZE=full npx jest --config jest.bench.config.js --runInBand`).',
        ].join('\n'),
        columns: ['Date (UTC)', 'Median ms', 'Min ms', 'Baseline csv-parse ms', 'Ratio', 'Rows', 'MB', 'Machine'],
        row: [
          result.date.slice(0, 16).replace('T', ' '),
          String(result.medianMs),
          String(result.minMs),
          String(result.baselineCsvParseMedianMs),
          String(result.ratioToBaseline),
          String(ROWS),
          (bytes / 1024 ** 2).toFixed(1),
          result.machine,
        ],
      });
      expect(result.medianMs).toBeLessThanOrEqual(LIMIT_MS);
    }
  });
});
