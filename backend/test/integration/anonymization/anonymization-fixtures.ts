import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { syntheticCurp, type AnonymizationJob, type AnonymizationPolicy } from '@convenio/contracts';
import { adultHierarchy, ADULT_QUASI, seededRandom } from '../../../src/modules/anonymization/engine/testing/run-engine';
import { createTestApp, createTestWorker } from '../support/create-app';
import { bearer, type Session } from '../support/personas';

/** A queue prefix of this file's own, so workers of other test files never take its jobs. */
export function ownQueuePrefix(name: string): Record<string, string> {
  return { QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_${name}` };
}

export async function stack(prefix: Record<string, string>, withWorker = true): Promise<{ api: INestApplication; worker: INestApplicationContext | null }> {
  const api = await createTestApp(prefix);
  const worker = withWorker ? await createTestWorker(prefix) : null;
  return { api, worker };
}

const NAMES = ['Ana', 'Luis', 'María', 'José', 'Sofía', 'Carlos'];
const STATES = ['AS', 'BC', 'CH', 'DF', 'JC', 'NL', 'OC', 'VZ'];
const pickOf = (random: () => number, letters: string) => letters[Math.floor(random() * letters.length)];

/** An invented CURP with a correct structure and check digit (contracts' synthetic builder). */
export function inventedCurp(random: () => number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return syntheticCurp({
    initials: `${pickOf(random, 'BDGLR')}A${pickOf(random, 'LMNR')}${pickOf(random, 'LMNR')}`,
    birthDate: `19${50 + Math.floor(random() * 50)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`,
    sex: random() < 0.5 ? 'H' : 'M',
    stateCode: STATES[Math.floor(random() * STATES.length)],
    consonants: `${pickOf(random, 'BCDFG')}${pickOf(random, 'LMNRS')}${pickOf(random, 'PTVXZ')}`,
  });
}

/**
 * The UCI Adult columns (age, workclass, education, marital-status, occupation, race, sex,
 * native-country, salary-class), generated with a seed — plus a CURP to pseudonymize, a name to
 * drop and a folio to keep, as a steward's real extract would have them.
 */
export function adultCsv(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const domain = Object.fromEntries(ADULT_QUASI.map((column) => [column, adultHierarchy(column).map((row) => row[0])])) as Record<string, string[]>;
  const lines = [['folio', 'curp', 'nombre', ...ADULT_QUASI, 'salary-class'].join(',')];
  for (let i = 0; i < rows; i += 1) {
    const cells = ADULT_QUASI.map((column) => {
      const values = domain[column];
      return column === 'age' ? String(17 + Math.floor(random() * 60)) : values[Math.min(values.length - 1, Math.floor(values.length * random() ** 2))];
    });
    lines.push([`F${String(i + 1).padStart(6, '0')}`, inventedCurp(random), NAMES[i % NAMES.length], ...cells, random() < 0.7 ? '<=50K' : '>50K'].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Age by the built-in intervals, the other quasi-identifiers by ARX's hierarchies given inline. */
export function adultJobPolicy(k = 5, suppressionLimit = 0.05, l?: number): AnonymizationPolicy {
  const columns: AnonymizationPolicy['columns'] = { folio: { action: 'keep' }, curp: { action: 'pseudonymize' }, nombre: { action: 'drop' }, 'salary-class': { action: 'sensitive' } };
  for (const column of ADULT_QUASI) {
    columns[column] = column === 'age' ? { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } } : { action: 'generalize', hierarchy: { type: 'custom', rows: adultHierarchy(column) } };
  }
  return { k, suppressionLimit, columns, ...(l ? { lDiversity: { column: 'salary-class', l } } : {}) };
}

export function upload(api: INestApplication, session: Session, csv: string | Buffer, policy: unknown, extra: Record<string, string> = {}) {
  let call = request(api.getHttpServer()).post('/api/v1/anonymization/jobs').set(bearer(session)).field('policy', typeof policy === 'string' ? policy : JSON.stringify(policy));
  for (const [name, value] of Object.entries(extra)) call = call.field(name, value);
  return call.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), 'extracto.csv');
}

/** Polls the job until `done` holds (or fails the test after `ms`). */
export async function waitForJob(api: INestApplication, session: Session, id: string, done: (job: AnonymizationJob) => boolean, ms = 60_000): Promise<AnonymizationJob> {
  const until = Date.now() + ms;
  for (;;) {
    const response = await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${id}`).set(bearer(session));
    if (response.status !== 200) throw new Error(`GET job answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (done(response.body)) return response.body;
    if (Date.now() > until) throw new Error(`job ${id} still ${response.body.state} at ${response.body.progress}% after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
