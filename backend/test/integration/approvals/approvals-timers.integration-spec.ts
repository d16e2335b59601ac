import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../../../src/core/clock/clock';
import { QueueName } from '../../../src/core/queue/queue-names';
import { AgreementCalendar } from '../../../src/modules/approvals/agreement-calendar.service';
import { escalationJobId, reminderJobId } from '../../../src/modules/approvals/approval-tasks.service';
import { ApprovalTimers } from '../../../src/modules/approvals/approval-timers.service';
import { ApprovalsScheduler, DAILY_SCHEDULER_ID } from '../../../src/modules/approvals/approvals-scheduler.service';
import { createTestApp, createTestWorker } from '../support/create-app';
import { bearer, login, type Session } from '../support/personas';
import { agreementState, eventually, insertAgreement, pendingTask, signBothSides, userId } from './support/agreement-fixtures';
import { holdApprovalsWorkerLock } from './support/serial-workers';

jest.setTimeout(30_000);

describe('reminders, escalation and the daily job with a controlled clock', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let official: Session;
  let director: Session;
  let release: () => Promise<void>;
  const notifications = (kind: string, reference: string) =>
    db.query(`SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = $1 AND n.params->>'reference' = $2 ORDER BY u.email`, [kind, reference]) as Promise<Array<{ email: string }>>;

  beforeAll(async () => {
    release = await holdApprovalsWorkerLock();
    api = await createTestApp();
    worker = await createTestWorker();
    db = api.get(DataSource);
    official = await login(api, 'oficial@economia.gob.mx');
    director = await login(api, 'directora@economia.gob.mx');
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await worker?.close();
    await api?.close();
    await release?.();
  });

  it('dates a task in working days, skipping weekends and federal holidays', async () => {
    // Thursday 12 November 2026, 10:00 in Mexico City; Monday 16 November is Revolution Day.
    jest.spyOn(worker.get(Clock), 'now').mockReturnValue(new Date('2026-11-12T16:00:00Z'));
    const agreement = await insertAgreement(db);
    await request(api.getHttpServer()).post(`/api/v1/agreements/${agreement.id}/submit`).set(bearer(official)).expect(200);
    const task = await pendingTask(db, agreement.id, 'provider_review');
    expect(task.remindAt?.toISOString()).toBe('2026-11-17T16:00:00.000Z'); // 3 − 1 working days: Fri 13, Tue 17
    expect(task.dueAt.toISOString()).toBe('2026-11-18T16:00:00.000Z'); // 3 working days: Fri 13, Tue 17, Wed 18

    // The delayed jobs exist, keyed by the task (re-scheduling is a no-op).
    const queue = worker.get<Queue>(getQueueToken(QueueName.Approvals));
    const reminder = await queue.getJob(reminderJobId(task.id));
    const escalation = await queue.getJob(escalationJobId(task.id));
    expect(reminder?.opts.delay).toBe(Date.parse('2026-11-17T16:00:00Z') - Date.parse('2026-11-12T16:00:00Z'));
    expect(escalation?.opts.delay).toBe(Date.parse('2026-11-18T16:00:00Z') - Date.parse('2026-11-12T16:00:00Z'));
    expect(await reminder?.getState()).toBe('delayed');

    const timers = worker.get(ApprovalTimers);
    expect(await timers.remind(task.id, new Date('2026-11-17T15:59:00Z'))).toBe('not_due');
    expect(await timers.remind(task.id, new Date('2026-11-17T16:00:00Z'))).toBe('sent');
    expect(await timers.remind(task.id, new Date('2026-11-17T16:05:00Z'))).toBe('already_done');
    expect(await notifications('approval_reminder', agreement.reference)).toEqual([{ email: 'steward@inegi.org.mx' }]);

    expect(await timers.escalate(task.id, new Date('2026-11-18T15:00:00Z'))).toBe('not_due');
    expect(await timers.escalate(task.id, new Date('2026-11-18T16:00:00Z'))).toBe('sent');
    expect(await timers.escalate(task.id, new Date('2026-11-19T16:00:00Z'))).toBe('already_done');
    const [escalated] = await db.query(`SELECT escalated_to_ids AS ids, escalated_at AS at FROM approval_tasks WHERE id = $1`, [task.id]);
    expect(new Set(escalated.ids)).toEqual(new Set([await userId(db, 'directora@economia.gob.mx'), await userId(db, 'juridico@economia.gob.mx')]));
    expect(escalated.at.toISOString()).toBe('2026-11-18T16:00:00.000Z');
    expect(await notifications('approval_overdue', agreement.reference)).toEqual([{ email: 'directora@economia.gob.mx' }, { email: 'juridico@economia.gob.mx' }, { email: 'steward@inegi.org.mx' }]);

    // The escalated official sees it as overdue and may decide it.
    const inbox = await request(api.getHttpServer()).get('/api/v1/approvals').set(bearer(director)).expect(200);
    expect(inbox.body.find((t: { id: string }) => t.id === task.id)).toMatchObject({ overdue: true });
    await request(api.getHttpServer()).post(`/api/v1/approvals/${task.id}/decision`).set(bearer(director)).send({ decision: 'approve' }).expect(200);
    await pendingTask(db, agreement.id, 'legal_review');
    expect(await timers.remind(task.id, new Date('2026-11-20T16:00:00Z'))).toBe('not_pending');
  });

  it('registers the daily job at 06:00 Mexico City', async () => {
    const scheduler = await worker.get<Queue>(getQueueToken(QueueName.Approvals)).getJobScheduler(DAILY_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: '0 6 * * *', tz: 'America/Mexico_City' });
  });

  it('expires, warns once 30 days ahead and activates, through the queue for a chosen date', async () => {
    const ended = await insertAgreement(db, { state: 'active', startsOn: '2025-11-01', endsOn: '2026-11-27' });
    const endsToday = await insertAgreement(db, { state: 'active', startsOn: '2025-11-01', endsOn: '2026-11-28' });
    const endingSoon = await insertAgreement(db, { state: 'active', startsOn: '2025-11-01', endsOn: '2026-12-28' });
    const endingLater = await insertAgreement(db, { state: 'active', startsOn: '2025-11-01', endsOn: '2026-12-29' });
    const signed = await insertAgreement(db, { state: 'awaiting_signatures', startsOn: '2026-11-28', endsOn: '2027-11-28' });
    const signedFuture = await insertAgreement(db, { state: 'awaiting_signatures', startsOn: '2026-11-29', endsOn: '2027-11-28' });
    const halfSigned = await insertAgreement(db, { state: 'awaiting_signatures', startsOn: '2026-11-01', endsOn: '2027-11-28' });
    await signBothSides(db, signed.id);
    await signBothSides(db, signedFuture.id);

    await worker.get(ApprovalsScheduler).runDailyNow('2026-11-28');
    await eventually(async () => (await agreementState(db, ended.id)) === 'expired', 'expiry');
    await eventually(async () => (await agreementState(db, signed.id)) === 'active', 'activation');
    expect(await agreementState(db, endsToday.id)).toBe('active');
    expect(await agreementState(db, signedFuture.id)).toBe('awaiting_signatures');
    expect(await agreementState(db, halfSigned.id)).toBe('awaiting_signatures');
    expect(await notifications('agreement_expired', ended.reference)).toContainEqual({ email: 'oficial@economia.gob.mx' });

    // A second run the same day (or a retried job) sends no second warning and moves nothing again.
    const again = await worker.get(AgreementCalendar).run('2026-11-28');
    expect(again.expired).not.toContain(ended.id);
    expect(again.activated).not.toContain(signed.id);
    expect(again.warned).not.toContain(endingSoon.id);
    const warned = await notifications('agreement_expiring', endingSoon.reference);
    expect(warned.map((row) => row.email)).toEqual(expect.arrayContaining(['oficial@economia.gob.mx', 'steward@inegi.org.mx', 'directora@economia.gob.mx']));
    expect(new Set(warned.map((row) => row.email)).size).toBe(warned.length);
    expect(await notifications('agreement_expiring', endsToday.reference)).not.toHaveLength(0);
    expect(await notifications('agreement_expiring', endingLater.reference)).toHaveLength(0);
    const [transitions] = await db.query(`SELECT count(*)::int AS n FROM agreement_transitions WHERE agreement_id = ANY($1::uuid[])`, [[ended.id, signed.id]]);
    expect(transitions.n).toBe(2);
  });
});
