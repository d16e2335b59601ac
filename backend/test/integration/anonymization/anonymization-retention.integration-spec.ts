import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AnonymizationRunner } from '../../../src/modules/anonymization/anonymization-runner.service';
import { bearer, login, type Session } from '../support/personas';
import { adultCsv, adultJobPolicy, ownQueuePrefix, stack, upload, waitForJob } from './anonymization-fixtures';

jest.setTimeout(120_000);

/**
 * The original upload of a job holds the personal data: it is deleted once the job has ended —
 * after ANONYMIZATION_INPUT_RETENTION_DAYS (7 by default) by the worker, or at once by a steward —
 * while the anonymized result, the report and the audit stay.
 */
describe('anonymization input retention', () => {
  const prefix = ownQueuePrefix('anon_retention');
  let api: INestApplication;
  let worker: INestApplicationContext | null;
  let db: DataSource;
  let steward: Session;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    ({ api, worker } = await stack(prefix));
    db = api.get(DataSource);
    steward = await login(api, 'steward@inegi.org.mx');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  async function completedJob(): Promise<string> {
    const created = await upload(api, steward, adultCsv(400, 3), adultJobPolicy(2, 0.1)).expect(202);
    await waitForJob(api, steward, created.body.id, (job) => job.state === 'completed');
    return created.body.id;
  }
  const inputChunks = async (id: string) => (await db.query(`SELECT count(*)::int AS n FROM anonymization_job_chunks WHERE job_id = $1 AND kind = 'input'`, [id]))[0].n as number;
  const audits = async (id: string) => db.query(`SELECT after, actor_label FROM audit_entries WHERE action = 'anonymization.input_deleted' AND subject_id = $1`, [id]) as Promise<Array<{ after: Record<string, unknown>; actor_label: string | null }>>;

  it('the worker deletes uploads kept past the retention, and only those; the result stays', async () => {
    const [old, recent] = [await completedJob(), await completedJob()];
    const fresh = (await http().get(`/api/v1/anonymization/jobs/${recent}`).set(bearer(steward)).expect(200)).body;
    expect(fresh.inputPurgedAt).toBeNull();
    expect(Date.parse(fresh.inputDeleteAfter) - Date.parse(fresh.finishedAt)).toBe(7 * 24 * 3600 * 1000);

    await db.query(`UPDATE anonymization_jobs SET finished_at = now() - interval '8 days' WHERE id = $1`, [old]);
    await db.query(`UPDATE anonymization_jobs SET finished_at = now() - interval '6 days' WHERE id = $1`, [recent]);
    expect(await inputChunks(old)).toBeGreaterThan(0);
    await worker!.get(AnonymizationRunner).purgeExpiredInputs();

    expect(await inputChunks(old)).toBe(0);
    expect(await inputChunks(recent)).toBeGreaterThan(0);
    const purged = (await http().get(`/api/v1/anonymization/jobs/${old}`).set(bearer(steward)).expect(200)).body;
    expect(purged).toMatchObject({ state: 'completed', inputDeleteAfter: null });
    expect(purged.inputPurgedAt).not.toBeNull();
    // The anonymized result, the report and the after side of the preview stay; the before side is gone.
    const result = await http().get(`/api/v1/anonymization/jobs/${old}/result`).set(bearer(steward)).expect(200);
    expect(result.text.split('\n')[0]).toContain('folio');
    await http().get(`/api/v1/anonymization/jobs/${old}/report`).set(bearer(steward)).expect(200);
    const preview = (await http().get(`/api/v1/anonymization/jobs/${old}/preview`).set(bearer(steward)).expect(200)).body;
    expect(preview.input).toEqual({ header: [], rows: [] });
    expect(preview.output.rows.length).toBeGreaterThan(0);
    const [entry] = await audits(old);
    expect(entry.after).toMatchObject({ reason: 'retention', retentionDays: 7, state: 'completed' });
    expect(entry.actor_label).toMatch(/retention/);
    expect(await audits(recent)).toEqual([]);
    // Nothing left to do: a second sweep deletes nothing more and audits nothing more.
    expect(await worker!.get(AnonymizationRunner).purgeExpiredInputs()).toBe(0);
    expect(await audits(old)).toHaveLength(1);
  });

  it('a steward deletes the upload at once once the job has ended; not while it runs; not another organization', async () => {
    const id = await completedJob();
    const partner = await login(api, 'socio@telcomx.com.mx');
    await http().delete(`/api/v1/anonymization/jobs/${id}/input`).set(bearer(partner)).expect(404);
    expect(await inputChunks(id)).toBeGreaterThan(0);

    const deleted = (await http().delete(`/api/v1/anonymization/jobs/${id}/input`).set(bearer(steward)).expect(200)).body;
    expect(deleted.inputPurgedAt).not.toBeNull();
    expect(await inputChunks(id)).toBe(0);
    const again = (await http().delete(`/api/v1/anonymization/jobs/${id}/input`).set(bearer(steward)).expect(200)).body;
    expect(again.inputPurgedAt).toBe(deleted.inputPurgedAt);
    const entries = await audits(id);
    expect(entries).toHaveLength(1);
    expect(entries[0].after).toMatchObject({ reason: 'requested' });

    // A job still running keeps its input (the run reads it).
    const running = await completedJob();
    await db.query(`UPDATE anonymization_jobs SET state = 'running', report = NULL, result_attempt = NULL, finished_at = NULL WHERE id = $1`, [running]);
    const refused = await http().delete(`/api/v1/anonymization/jobs/${running}/input`).set(bearer(steward)).expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, details: { state: 'running' } });
    expect(refused.body.message).toMatch(/is running; its original file can be deleted once it has ended/);
    expect(await inputChunks(running)).toBeGreaterThan(0);
    await http().delete(`/api/v1/anonymization/jobs/not-a-job/input`).set(bearer(steward)).expect(404);
  });
});
