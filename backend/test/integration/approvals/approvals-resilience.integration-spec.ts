import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApprovalsProcessor } from '../../../src/modules/approvals/approvals.processor';
import { createTestApp, createTestWorker } from '../support/create-app';
import { bearer, login } from '../support/personas';
import { agreementState, eventually, insertAgreement, pendingTask, tasksOf } from './support/agreement-fixtures';
import { freePort, OwnRedis } from './support/own-redis';
import { holdApprovalsWorkerLock } from './support/serial-workers';

jest.setTimeout(60_000);

/** Decisions survive a worker dying mid-job and Redis losing everything. */
describe('approvals resilience', () => {
  let release: () => Promise<void>;

  beforeAll(async () => {
    release = await holdApprovalsWorkerLock();
  }, 120_000);

  afterAll(async () => {
    await release?.();
  });

  const outboxOf = async (db: DataSource, taskId: string) => {
    const [row] = await db.query(`SELECT id::text AS id, published_at AS "publishedAt", processed_at AS "processedAt" FROM outbox WHERE topic = 'approval.decided' AND payload->>'taskId' = $1`, [taskId]);
    return row as { id: string; publishedAt: Date | null; processedAt: Date | null } | undefined;
  };

  it('lands a decision exactly once when the worker dies mid-job and another takes over', async () => {
    const api = await createTestApp();
    let dying: INestApplicationContext | undefined = await createTestWorker();
    let successor: INestApplicationContext | undefined;
    const blocker = new Client({ connectionString: process.env.DATABASE_URL });
    try {
      const db = api.get(DataSource);
      const [official, steward] = [await login(api, 'oficial@economia.gob.mx'), await login(api, 'steward@inegi.org.mx')];
      const agreement = await insertAgreement(db);
      await request(api.getHttpServer()).post(`/api/v1/agreements/${agreement.id}/submit`).set(bearer(official)).expect(200);
      const task = await pendingTask(db, agreement.id, 'provider_review');

      // Hold the agreement's row so the worker's job stops inside its transaction, after claiming the outbox row.
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM agreements WHERE id = $1 FOR UPDATE', [agreement.id]);
      await request(api.getHttpServer()).post(`/api/v1/approvals/${task.id}/decision`).set(bearer(steward)).send({ decision: 'approve' }).expect(200);
      // The worker's session waits on ours (pg_stat_activity's query text may lag while it waits, so ask who blocks whom).
      const stuck = await eventually(async () => {
        const { rows: [row] } = await blocker.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pg_backend_pid() = ANY(pg_blocking_pids(pid))`);
        return row as { pid: number } | undefined;
      }, 'the worker blocked mid-job');

      // The crash: the worker stops taking and renewing jobs, and its database session dies with its open transaction.
      await dying.get(ApprovalsProcessor).worker.close(true);
      await blocker.query('SELECT pg_terminate_backend($1)', [stuck.pid]);
      await blocker.query('ROLLBACK');
      await dying.close().catch(() => undefined);
      dying = undefined;
      expect((await outboxOf(db, task.id))?.processedAt).toBeNull();
      expect(await tasksOf(db, agreement.id)).toHaveLength(1);

      successor = await createTestWorker();
      const next = await pendingTask(db, agreement.id, 'legal_review');
      await eventually(async () => (await outboxOf(db, task.id))?.processedAt, 'outbox row processed', 30_000);
      // Give a late duplicate a chance to show itself before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const tasks = await tasksOf(db, agreement.id);
      expect(tasks.map((t) => [t.stepKey, t.status])).toEqual([['provider_review', 'decided'], ['legal_review', 'pending']]);
      expect(tasks[1].id).toBe(next.id);
      const [assigned] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'approval_assigned' AND params->>'reference' = $1 AND params->>'step' = 'Revisión jurídica de la Secretaría'`, [agreement.reference]);
      expect(assigned.n).toBe(1);
      expect(await agreementState(db, agreement.id)).toBe('in_review');
    } finally {
      await blocker.end().catch(() => undefined);
      await successor?.close();
      await dying?.close().catch(() => undefined);
      await api.close();
    }
  });

  it('keeps a decision written while Redis is down and moves on once Redis is back', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const overrides = { REDIS_URL: redis.url, QUEUE_PREFIX: `cvredis_${process.pid}` };
    const api = await createTestApp(overrides);
    const worker = await createTestWorker(overrides);
    try {
      const db = api.get(DataSource);
      const [official, steward] = [await login(api, 'oficial@economia.gob.mx'), await login(api, 'steward@inegi.org.mx')];
      const agreement = await insertAgreement(db);
      await request(api.getHttpServer()).post(`/api/v1/agreements/${agreement.id}/submit`).set(bearer(official)).expect(200);
      const task = await pendingTask(db, agreement.id, 'provider_review');

      await redis.stop();
      const started = Date.now();
      await request(api.getHttpServer()).post(`/api/v1/approvals/${task.id}/decision`).set(bearer(steward)).send({ decision: 'approve' }).expect(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const waiting = await outboxOf(db, task.id);
      expect(waiting).toMatchObject({ publishedAt: null, processedAt: null });

      // Back empty (no persistence): only the outbox remembers the decision, and the relay publishes it.
      await redis.start();
      await pendingTask(db, agreement.id, 'legal_review');
      const done = await outboxOf(db, task.id);
      expect(done?.publishedAt).not.toBeNull();
      expect(done?.processedAt).not.toBeNull();
      expect((await tasksOf(db, agreement.id)).map((t) => t.stepKey)).toEqual(['provider_review', 'legal_review']);
    } finally {
      await worker.close();
      await api.close();
      await redis.stop();
    }
  });
});
