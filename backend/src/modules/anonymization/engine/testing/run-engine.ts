import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { anonymize } from '../anonymize';
import type { AnonymizationPolicy } from '../policy';
import type { AnonymizationReport } from '../report';

export const TEST_KEY = 'clave-de-prueba-no-secreta';

/** Runs the engine on CSV text (in chunks, as a stream would deliver it); returns the output text and the report. */
export async function runEngine(csv: string | Buffer, policy: unknown, options: { key?: string; chunk?: number; signal?: AbortSignal; maxKeptRows?: number } = {}): Promise<{ csv: string; report: AnonymizationReport }> {
  const bytes = Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8');
  const size = options.chunk ?? 4096;
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  const out: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(Buffer.from(chunk));
      done();
    },
  });
  const report = await anonymize({ source: () => Readable.from(chunks), policy, hmacKey: options.key ?? TEST_KEY, output, totalBytes: bytes.length, signal: options.signal, maxKeptRows: options.maxKeptRows });
  return { csv: Buffer.concat(out).toString('utf8'), report };
}

const FIXTURES = join(__dirname, 'fixtures');

/** ARX's hierarchy file for an Adult column, as the rows of a custom hierarchy. */
export function adultHierarchy(column: string): string[][] {
  return readFileSync(join(FIXTURES, 'arx-adult', `adult_hierarchy_${column}.csv`), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(';'));
}

export function adultTable(): string {
  return readFileSync(join(FIXTURES, 'arx-adult', 'adult.csv'), 'utf8');
}

export const ADULT_QUASI = ['sex', 'age', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation'] as const;

/** The Adult policy: the eight quasi-identifiers generalized with ARX's hierarchies. */
export function adultPolicy(k: number, suppressionLimit: number, l?: number): AnonymizationPolicy {
  const columns: AnonymizationPolicy['columns'] = { 'salary-class': { action: 'sensitive' } };
  for (const column of ADULT_QUASI) columns[column] = { action: 'generalize', hierarchy: { type: 'custom', rows: adultHierarchy(column) } };
  return { k, suppressionLimit, columns, ...(l ? { lDiversity: { column: 'salary-class', l } } : {}) };
}

/** A seeded pseudo-random generator (mulberry32), for synthetic tables the tests can repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

/** A synthetic Adult-like table (the eight quasi-identifiers and the salary class), values inside ARX's hierarchies. */
export function syntheticAdult(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const domain = Object.fromEntries(ADULT_QUASI.map((column) => [column, adultHierarchy(column).map((row) => row[0])])) as Record<string, string[]>;
  const lines = [[...ADULT_QUASI, 'salary-class'].join(';')];
  for (let i = 0; i < rows; i += 1) {
    // Skewed picks, as real data is: the first values of each domain are the common ones.
    const cells = ADULT_QUASI.map((column) => {
      const values = domain[column];
      const index = Math.min(values.length - 1, Math.floor(values.length * random() ** 2));
      return column === 'age' ? String(17 + Math.floor(random() * 60)) : values[index];
    });
    lines.push([...cells, pick(random, ['<=50K', '>50K'])].join(';'));
  }
  return lines.join('\n') + '\n';
}
