import { createHmac } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AnonymizationProcessor } from '../../../src/modules/anonymization/anonymization.processor';
import { ADULT_QUASI } from '../../../src/modules/anonymization/engine/testing/run-engine';
import { checkAnonymity } from '../../../src/modules/anonymization/engine/testing/anonymity-checker';
import { createTestWorker } from '../support/create-app';
import { bearer, login, type Session } from '../support/personas';
import { adultCsv, adultJobPolicy, ownQueuePrefix, stack, upload, waitForJob } from './anonymization-fixtures';

jest.setTimeout(120_000);

/** The CSV with one cell changed: `line` is the file's line (the header is line 1). */
function withCell(csv: string, line: number, column: string, value: string): string {
  const lines = csv.split('\n');
  const index = lines[0].split(',').indexOf(column);
  const cells = lines[line - 1].split(',');
  cells[index] = value;
  lines[line - 1] = cells.join(',');
  return lines.join('\n');
}

/** Anonymization jobs through the API and the real worker on BullMQ, against PostgreSQL and Redis. */
describe('anonymization jobs', () => {
  const prefix = ownQueuePrefix('anon_jobs');
  let api: INestApplication;
  let worker: INestApplicationContext | null;
  let db: DataSource;
  let steward: Session;

  beforeAll(async () => {
    ({ api, worker } = await stack(prefix));
    db = api.get(DataSource);
    steward = await login(api, 'steward@inegi.org.mx');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const jobCount = async () => (await db.query(`SELECT count(*)::int AS n, (SELECT count(*)::int FROM anonymization_job_chunks WHERE kind = 'input') AS chunks FROM anonymization_jobs`))[0] as { n: number; chunks: number };

  it('anonymizes the Adult columns end to end: 202, progress, report, result checked independently', async () => {
    const csv = adultCsv(3000, 7);
    const created = await upload(api, steward, csv, adultJobPolicy(5, 0.05, 2)).expect(202);
    expect(created.body).toMatchObject({ state: 'queued', records: 3000, fileName: 'extracto.csv', inputBytes: Buffer.byteLength(csv) });

    const done = await waitForJob(api, steward, created.body.id, (job) => job.state === 'completed');
    expect(done.progress).toBe(100);
    expect(done.attempts).toBe(1);
    const report = (await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${done.id}/report`).set(bearer(steward)).expect(200)).body;
    expect(report).toEqual(done.report);
    expect(report.kAchieved).toBeGreaterThanOrEqual(5);
    expect(report.records.suppressedShare).toBeLessThanOrEqual(0.05);
    expect(Object.keys(report.levels).sort()).toEqual([...ADULT_QUASI].sort());

    const result = await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${done.id}/result`).set(bearer(steward)).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
    }).expect(200);
    expect(result.headers['content-type']).toMatch(/^text\/csv/);
    const text = result.body as string;
    // The independent checker: k and distinct ℓ recomputed from the CSV text alone.
    const check = checkAnonymity(text, ',', [...ADULT_QUASI], 'salary-class');
    expect(check.header).toEqual(['folio', 'curp', ...ADULT_QUASI, 'salary-class']);
    expect(check.records).toBe(report.records.output);
    expect(check.k).toBe(report.kAchieved);
    expect(check.l).toBeGreaterThanOrEqual(2);
    // Pseudonyms are the HMAC of the CURP under the configured key; no CURP and no name is left.
    const source = new Map(csv.trim().split('\n').slice(1).map((line) => line.split(',')).map((cells) => [cells[0], cells[1]]));
    for (const row of check.rows.slice(0, 50)) {
      expect(row[1]).toBe(createHmac('sha256', process.env.ANONYMIZATION_HMAC_KEY!).update(source.get(row[0])!).digest('hex').slice(0, 32));
    }
    expect(text).not.toMatch(/[A-Z]{4}\d{6}[HM]/);
    expect(text).not.toContain('María');

    const preview = (await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${done.id}/preview`).set(bearer(steward)).expect(200)).body;
    expect(preview.input.header).toEqual(['folio', 'curp', 'nombre', ...ADULT_QUASI, 'salary-class']);
    expect(preview.input.rows).toHaveLength(20);
    expect(preview.output.header).toEqual(check.header);
    expect(preview.output.rows[0]).toEqual(check.rows[0]);

    // Only the result of the run that owns the job is kept.
    const [chunks] = await db.query(`SELECT count(*) FILTER (WHERE kind = 'result' AND attempt <> 1)::int AS stray FROM anonymization_job_chunks WHERE job_id = $1`, [done.id]);
    expect(chunks.stray).toBe(0);
    const [audit] = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'anonymization.job_created' AND subject_id = $1`, [done.id]);
    expect(audit.n).toBe(1);
  });

  it.each([
    ['an unknown column in the policy', adultCsv(20, 1), { ...adultJobPolicy(), columns: { ...adultJobPolicy().columns, ingreso: { action: 'keep' } } }, 'policy.columns.ingreso', undefined],
    ['a column the policy does not name', adultCsv(20, 1), { ...adultJobPolicy(), columns: Object.fromEntries(Object.entries(adultJobPolicy().columns).filter(([name]) => name !== 'folio')) }, 'folio', 1],
    ['k below 2', adultCsv(20, 1), { ...adultJobPolicy(), k: 1 }, 'policy.k', undefined],
    ['a suppression limit above 1', adultCsv(20, 1), { ...adultJobPolicy(), suppressionLimit: 1.5 }, 'policy.suppressionLimit', undefined],
    ['a value missing from a custom hierarchy', withCell(adultCsv(20, 1), 8, 'workclass', 'Gig-economy'), adultJobPolicy(), 'workclass', 8],
    ['a CURP kept in clear', adultCsv(20, 1), { ...adultJobPolicy(), columns: { ...adultJobPolicy().columns, curp: { action: 'keep' } } }, 'curp', 2],
    ['an empty file', '', adultJobPolicy(), 'file', undefined],
    ['a file that is not CSV', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), adultJobPolicy(), 'file', undefined],
    ['a policy that is not JSON', adultCsv(20, 1), '{"k": 5,', 'policy', undefined],
  ])('refuses %s with 400 naming where, and stores nothing', async (_what, csv, policy, path, line) => {
    const before = await jobCount();
    const response = await upload(api, steward, csv, policy).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, ...(line === undefined ? {} : { line }) })]));
    expect(response.body.message).toEqual(expect.any(String));
    expect(await jobCount()).toEqual(before);
  });

  it('refuses a form without a file or without a policy', async () => {
    await request(api.getHttpServer()).post('/api/v1/anonymization/jobs').set(bearer(steward)).field('policy', JSON.stringify(adultJobPolicy())).expect(400);
    const noPolicy = await request(api.getHttpServer()).post('/api/v1/anonymization/jobs').set(bearer(steward)).attach('file', Buffer.from(adultCsv(10, 2)), 'a.csv').expect(400);
    expect(noPolicy.body.details[0].path).toBe('policy');
    const json = await request(api.getHttpServer()).post('/api/v1/anonymization/jobs').set(bearer(steward)).send({ policy: adultJobPolicy() }).expect(400);
    expect(json.body.message).toMatch(/multipart/);
  });

  it('lets only the owner organization read a job; auditors read, officials cannot start one', async () => {
    const created = await upload(api, steward, adultCsv(50, 3), adultJobPolicy(2, 0.1)).expect(202);
    const [partner, auditor, official] = await Promise.all([login(api, 'socio@telcomx.com.mx'), login(api, 'auditor@funcionpublica.gob.mx'), login(api, 'oficial@economia.gob.mx')]);
    await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(partner)).expect(404);
    await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(auditor)).expect(200);
    await request(api.getHttpServer()).delete(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(auditor)).expect(403);
    await upload(api, official, adultCsv(10, 3), adultJobPolicy()).expect(403);
    const partnerList = (await request(api.getHttpServer()).get('/api/v1/anonymization/jobs').set(bearer(partner)).expect(200)).body;
    expect(partnerList.items.map((job: { id: string }) => job.id)).not.toContain(created.body.id);
    const mine = (await request(api.getHttpServer()).get('/api/v1/anonymization/jobs?pageSize=100').set(bearer(steward)).expect(200)).body;
    expect(mine.items.map((job: { id: string }) => job.id)).toContain(created.body.id);
    await waitForJob(api, steward, created.body.id, (job) => job.state === 'completed');
  });

  it('answers 409 for the result of a job that has not completed, and 404 for an unknown job', async () => {
    await request(api.getHttpServer()).get('/api/v1/anonymization/jobs/00000000-0000-4000-8000-000000000000').set(bearer(steward)).expect(404);
    await request(api.getHttpServer()).get('/api/v1/anonymization/jobs/not-a-uuid/report').set(bearer(steward)).expect(404);
  });
});

/** Cancelling, and a worker that dies mid-job. */
describe('anonymization jobs: cancel and crash', () => {
  const prefix = ownQueuePrefix('anon_crash');

  it('cancels a queued job: it leaves the queue and never runs', async () => {
    const { api } = await stack(prefix, false);
    let worker: INestApplicationContext | null = null;
    try {
      const steward = await login(api, 'steward@inegi.org.mx');
      const created = await upload(api, steward, adultCsv(100, 4), adultJobPolicy()).expect(202);
      await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${created.body.id}/result`).set(bearer(steward)).expect(409);
      const cancelled = await request(api.getHttpServer()).delete(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(steward)).expect(200);
      expect(cancelled.body.state).toBe('cancelled');
      const again = await request(api.getHttpServer()).delete(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(steward)).expect(409);
      expect(again.body.message).toMatch(/already cancelled/);
      worker = await createTestWorker(prefix);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const job = (await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(steward)).expect(200)).body;
      expect(job).toMatchObject({ state: 'cancelled', attempts: 0, report: null });
    } finally {
      await worker?.close();
      await api.close();
    }
  });

  it('cancels a running job: the run stops and keeps nothing', async () => {
    const { api, worker } = await stack(prefix);
    try {
      const steward = await login(api, 'steward@inegi.org.mx');
      // Large enough that the run is still going when the cancellation arrives.
      const created = await upload(api, steward, adultCsv(80_000, 5), adultJobPolicy()).expect(202);
      await waitForJob(api, steward, created.body.id, (job) => job.state === 'running');
      await request(api.getHttpServer()).delete(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(steward)).expect(200);
      const db = api.get(DataSource);
      const until = Date.now() + 30_000;
      let results = -1;
      while (Date.now() < until) {
        [{ n: results }] = await db.query(`SELECT count(*)::int AS n FROM anonymization_job_chunks WHERE job_id = $1 AND kind = 'result'`, [created.body.id]);
        const [{ active }] = await db.query(`SELECT count(*)::int AS active FROM pg_stat_activity WHERE query LIKE '%anonymization_job_chunks%' AND state = 'active' AND pid <> pg_backend_pid()`);
        if (results === 0 && active === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(results).toBe(0);
      const job = (await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${created.body.id}`).set(bearer(steward)).expect(200)).body;
      expect(job.state).toBe('cancelled');
    } finally {
      await worker?.close();
      await api.close();
    }
  });

  it('starts a job over when its worker dies mid-run, and keeps only the new run’s result', async () => {
    const { api, worker: first } = await stack(prefix);
    let dying: INestApplicationContext | null = first;
    let successor: INestApplicationContext | null = null;
    try {
      const steward = await login(api, 'steward@inegi.org.mx');
      const created = await upload(api, steward, adultCsv(30_000, 6), adultJobPolicy()).expect(202);
      await waitForJob(api, steward, created.body.id, (job) => job.state === 'running' && job.progress > 0);
      // The crash: the BullMQ worker stops renewing its lock at once, then the process goes away.
      await dying!.get(AnonymizationProcessor).worker.close(true);
      await dying!.close().catch(() => undefined);
      dying = null;
      successor = (await stack(prefix)).worker;
      const done = await waitForJob(api, steward, created.body.id, (job) => job.state === 'completed' || job.state === 'failed', 90_000);
      expect(done.state).toBe('completed');
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      const db = api.get(DataSource);
      const [{ attempts }] = await db.query(`SELECT array_agg(DISTINCT attempt) AS attempts FROM anonymization_job_chunks WHERE job_id = $1 AND kind = 'result'`, [created.body.id]);
      expect(attempts).toEqual([done.attempts]);
      const text = (await request(api.getHttpServer()).get(`/api/v1/anonymization/jobs/${done.id}/result`).set(bearer(steward)).buffer(true).parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
      })).body as string;
      const check = checkAnonymity(text, ',', [...ADULT_QUASI]);
      expect(check.records).toBe(done.report!.records.output);
      expect(check.k).toBeGreaterThanOrEqual(5);
    } finally {
      await dying?.close().catch(() => undefined);
      await successor?.close();
      await api.close();
    }
  });
});
