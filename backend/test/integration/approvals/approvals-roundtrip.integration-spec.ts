import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobName, QueueName } from '../../../src/core/queue/queue-names';
import { WorkflowEngine } from '../../../src/modules/approvals/workflow-engine.service';
import { createTestApp, createTestWorker } from '../support/create-app';
import { bearer, login, loginAll, type Persona, type Session } from '../support/personas';
import { agreementState, eventually, insertAgreement, pendingTask, tasksOf, userId } from './support/agreement-fixtures';
import { holdApprovalsWorkerLock } from './support/serial-workers';

jest.setTimeout(30_000);

describe('approvals through the real queue and worker', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let sessions: Record<Persona | 'legal' | 'director', Session>;
  let release: () => Promise<void>;

  const http = () => request(api.getHttpServer());
  const decide = (session: Session, taskId: string, decision: string, comment = 'Revisado y conforme.') =>
    http().post(`/api/v1/approvals/${taskId}/decision`).set(bearer(session)).send({ decision, comment });
  const submit = (agreementId: string, session = sessions.official) => http().post(`/api/v1/agreements/${agreementId}/submit`).set(bearer(session));
  const transitions = async (agreementId: string) =>
    (await db.query(`SELECT event, to_state AS "to", actor_id AS "actorId" FROM agreement_transitions WHERE agreement_id = $1 ORDER BY id`, [agreementId])) as Array<{ event: string; to: string; actorId: string | null }>;

  beforeAll(async () => {
    release = await holdApprovalsWorkerLock();
    api = await createTestApp();
    worker = await createTestWorker();
    db = api.get(DataSource);
    sessions = { ...(await loginAll(api)), legal: await login(api, 'juridico@economia.gob.mx'), director: await login(api, 'directora@economia.gob.mx') };
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await release?.();
  });

  it('seeds the default workflow and lets only admins add versions', async () => {
    const list = await http().get('/api/v1/workflow-definitions').set(bearer(sessions.admin)).expect(200);
    const entry = list.body.find((item: { key: string }) => item.key === 'agreement_default');
    expect(entry.latest.version).toBe(1);
    expect(entry.latest.steps.map((step: { key: string }) => step.key)).toEqual(['provider_review', 'legal_review', 'final_approval']);
    expect(entry.latest.steps[1].reviewers.userIds).toEqual([sessions.legal.userId]);

    const body = { name: 'Revisión de prueba', steps: [{ key: 'only_step', name: 'Paso único', reviewers: { role: 'official', side: 'recipient' }, deadlineWorkingDays: 2, reminderWorkingDays: 1 }] };
    await http().post('/api/v1/workflow-definitions/test_flow/versions').set(bearer(sessions.official)).send(body).expect(403);
    await http().post('/api/v1/workflow-definitions/test_flow/versions').set(bearer(sessions.admin)).send({ ...body, steps: [] }).expect(400);
    const first = await http().post('/api/v1/workflow-definitions/test_flow/versions').set(bearer(sessions.admin)).send(body).expect(201);
    const second = await http().post('/api/v1/workflow-definitions/test_flow/versions').set(bearer(sessions.admin)).send({ ...body, name: 'Revisión de prueba 2' }).expect(201);
    expect([first.body.version, second.body.version]).toEqual([1, 2]);
    const versions = await http().get('/api/v1/workflow-definitions/test_flow/versions').set(bearer(sessions.official)).expect(200);
    expect(versions.body.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([[2, true], [1, false]]);
    await http().get('/api/v1/workflow-definitions/nope_flow/versions').set(bearer(sessions.admin)).expect(404);
    const [audit] = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'workflow_definition.create' AND subject_id = $1`, [second.body.id]);
    expect(audit.n).toBe(1);
  });

  it('takes an agreement through the three steps to approved', async () => {
    const agreement = await insertAgreement(db);
    const submitted = await submit(agreement.id).expect(200);
    expect(submitted.body).toMatchObject({ state: 'in_review', round: 1, version: 1 });
    await submit(agreement.id).expect(409);

    const first = await pendingTask(db, agreement.id, 'provider_review');
    expect(first.assigneeIds).toEqual([sessions.steward.userId]);
    const inbox = await http().get('/api/v1/approvals').set(bearer(sessions.steward)).expect(200);
    expect(inbox.body).toEqual([expect.objectContaining({ id: first.id, agreementId: agreement.id, agreementReference: agreement.reference, overdue: false, step: { index: 0, key: 'provider_review', name: 'Revisión del custodio del proveedor' } })]);
    await http().get(`/api/v1/approvals/${first.id}`).set(bearer(sessions.steward)).expect(200);
    await http().get(`/api/v1/approvals/${first.id}`).set(bearer(sessions.retailPartner)).expect(404);
    await decide(sessions.legal, first.id, 'approve').expect(404);
    await decide(sessions.steward, first.id, 'approve').expect(200);

    const second = await pendingTask(db, agreement.id, 'legal_review');
    expect(second.assigneeIds).toEqual([sessions.legal.userId]);
    await decide(sessions.legal, second.id, 'approve').expect(200);

    const third = await pendingTask(db, agreement.id, 'final_approval');
    // Officials of the recipient (SE) except the author and the legal reviewer, who decided step 2.
    expect(third.assigneeIds).toEqual([sessions.director.userId]);
    expect(third.assigneeIds).not.toContain(sessions.official.userId);
    await decide(sessions.director, third.id, 'approve').expect(200);

    await eventually(async () => (await agreementState(db, agreement.id)) === 'approved', 'approved');
    expect(await transitions(agreement.id)).toEqual([
      { event: 'submit', to: 'in_review', actorId: sessions.official.userId },
      { event: 'approve', to: 'approved', actorId: null },
    ]);
    const notified = await db.query(`SELECT u.email, n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.params->>'reference' = $1 ORDER BY n.created_at`, [agreement.reference]);
    expect(notified).toEqual(expect.arrayContaining([
      { email: 'steward@inegi.org.mx', kind: 'approval_assigned' },
      { email: 'juridico@economia.gob.mx', kind: 'approval_assigned' },
      { email: 'oficial@economia.gob.mx', kind: 'agreement_approved' },
      { email: 'steward@inegi.org.mx', kind: 'signature_requested' },
      { email: 'directora@economia.gob.mx', kind: 'signature_requested' },
    ]));
    expect((await http().get('/api/v1/approvals').set(bearer(sessions.director)).expect(200)).body.map((t: { agreementId: string }) => t.agreementId)).not.toContain(agreement.id);
  });

  it('requests changes, then a resubmission restarts review at step 1 in a new round', async () => {
    const agreement = await insertAgreement(db, { provider: 'TelcoMX' });
    await submit(agreement.id).expect(200);
    const first = await pendingTask(db, agreement.id, 'provider_review');
    expect(first.assigneeIds).toEqual([sessions.partner.userId]);
    await decide(sessions.partner, first.id, 'request_changes', '').expect(400);
    await decide(sessions.partner, first.id, 'request_changes', 'Falta precisar la finalidad.').expect(200);
    await eventually(async () => (await agreementState(db, agreement.id)) === 'changes_requested', 'changes_requested');
    const [note] = await db.query(`SELECT kind FROM notifications WHERE kind = 'agreement_changes_requested' AND params->>'reference' = $1`, [agreement.reference]);
    expect(note).toBeDefined();

    const again = await submit(agreement.id).expect(200);
    expect(again.body.round).toBe(2);
    const restarted = await pendingTask(db, agreement.id, 'provider_review', 2);
    expect(restarted.stepIndex).toBe(0);
  });

  it('rejects', async () => {
    const agreement = await insertAgreement(db);
    await submit(agreement.id).expect(200);
    const first = await pendingTask(db, agreement.id, 'provider_review');
    await decide(sessions.steward, first.id, 'reject', 'No hay base jurídica suficiente.').expect(200);
    await eventually(async () => (await agreementState(db, agreement.id)) === 'rejected', 'rejected');
    await submit(agreement.id).expect(409);
  });

  it('answers 404 for agreements the caller cannot read and 403 for those it may not submit', async () => {
    const agreement = await insertAgreement(db);
    await submit(agreement.id, sessions.retailPartner).expect(403); // partners have no submit at all
    await submit('00000000-0000-4000-8000-000000000000').expect(404);
    const other = await insertAgreement(db, { provider: 'Instituto Nacional', recipient: 'RetailMX' });
    await submit(other.id).expect(403);
  });

  it('keeps four eyes: the author is never an assignee and cannot decide', async () => {
    const agreement = await insertAgreement(db, { authorEmail: 'directora@economia.gob.mx' });
    await submit(agreement.id).expect(200);
    const first = await pendingTask(db, agreement.id, 'provider_review');
    // Force the author into the assignees (as if a definition named her) — the decision is still refused.
    await db.query(`UPDATE approval_tasks SET assignee_ids = assignee_ids || $2::uuid WHERE id = $1`, [first.id, sessions.director.userId]);
    const refused = await decide(sessions.director, first.id, 'approve').expect(409);
    expect(refused.body.details).toEqual({ code: 'FOUR_EYES' });
    await decide(sessions.steward, first.id, 'approve').expect(200);
    await pendingTask(db, agreement.id, 'legal_review');
    await decide(sessions.legal, (await pendingTask(db, agreement.id, 'legal_review')).id, 'approve').expect(200);
    const third = await pendingTask(db, agreement.id, 'final_approval');
    expect(third.assigneeIds).not.toContain(sessions.director.userId);
    expect(third.assigneeIds).toEqual([sessions.official.userId]);
  });

  it('asks nobody twice in one round, unless nobody else fits the step', async () => {
    const agreement = await insertAgreement(db);
    await submit(agreement.id).expect(200);
    await decide(sessions.steward, (await pendingTask(db, agreement.id, 'provider_review')).id, 'approve').expect(200);
    // With the director away, the legal reviewer is the only official besides the author:
    // she is asked again rather than the workflow stalling.
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [sessions.director.userId]);
    try {
      await decide(sessions.legal, (await pendingTask(db, agreement.id, 'legal_review')).id, 'approve').expect(200);
      const third = await pendingTask(db, agreement.id, 'final_approval');
      expect(third.assigneeIds).toEqual([sessions.legal.userId]);
    } finally {
      await db.query(`UPDATE users SET active = true WHERE id = $1`, [sessions.director.userId]);
    }
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    const agreement = await insertAgreement(db);
    await submit(agreement.id).expect(200);
    await decide(sessions.steward, (await pendingTask(db, agreement.id, 'provider_review')).id, 'approve').expect(200);
    await decide(sessions.legal, (await pendingTask(db, agreement.id, 'legal_review')).id, 'approve').expect(200);
    const third = await pendingTask(db, agreement.id, 'final_approval');
    // The same task decided twice at once (two tabs, a double click): the director is its only reviewer.
    const answers = await Promise.all([decide(sessions.director, third.id, 'approve'), decide(sessions.director, third.id, 'reject', 'No procede.')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.body.message).toBe('this task was already decided');
    const [outbox] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'approval.decided' AND payload->>'taskId' = $1`, [third.id]);
    expect(outbox.n).toBe(1);
    await eventually(async () => ['approved', 'rejected'].includes(await agreementState(db, agreement.id)), 'decided');
    expect((await transitions(agreement.id)).length).toBe(2);
  });

  it('changes nothing twice when an outbox job is delivered twice', async () => {
    const agreement = await insertAgreement(db);
    await submit(agreement.id).expect(200);
    const first = await pendingTask(db, agreement.id, 'provider_review');
    await decide(sessions.steward, first.id, 'approve').expect(200);
    await pendingTask(db, agreement.id, 'legal_review');
    const [row] = await db.query(`SELECT id::text AS id, processed_at FROM outbox WHERE topic = 'approval.decided' AND payload->>'taskId' = $1`, [first.id]);
    expect(row.processed_at).not.toBeNull();
    // A second delivery through the queue (another job id, as a relay racing the API would make) and a direct one.
    const queue = worker.get<Queue>(getQueueToken(QueueName.Approvals));
    const job = await queue.add(JobName.OutboxEvent, { outboxId: row.id }, { jobId: `redelivery-${row.id}` });
    await eventually(async () => (await job.getState()) === 'completed', 'redelivered job');
    expect(await worker.get(WorkflowEngine).handleOutboxRow(row.id)).toBe('already_processed');
    const tasks = await tasksOf(db, agreement.id);
    expect(tasks.map((task) => task.stepKey)).toEqual(['provider_review', 'legal_review']);
    expect(await transitions(agreement.id)).toHaveLength(1);
    const [assigned] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'approval_assigned' AND user_id = $1 AND params->>'reference' = $2`, [await userId(db, 'juridico@economia.gob.mx'), agreement.reference]);
    expect(assigned.n).toBe(1);
  });
});
