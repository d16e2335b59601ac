import type { INestApplication } from '@nestjs/common';
import { workingDaysBetween, type PipelineDashboard } from '@convenio/contracts';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';
import { createIsolatedDatabase, type IsolatedDatabase } from './isolated-database';

const DAY = 86_400_000;

describe('GET /api/v1/pipeline (dashboard aggregates on real PostgreSQL)', () => {
  let iso: IsolatedDatabase;
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  const ids: Record<string, string> = {};

  const sql = <T = Record<string, string>>(text: string, params: unknown[] = []): Promise<T[]> => iso.db.query(text, params);

  async function agreement(key: string, state: string, extra: { createdAt?: Date; activatedAt?: Date } = {}): Promise<string> {
    const [{ id }] = await sql(
      `INSERT INTO agreements (reference, provider_organization_id, recipient_organization_id, state, author_id, workflow_definition_id, created_at, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, now()), $8) RETURNING id`,
      [`CNV-TEST-${key}`, sessions.steward.organizationId, sessions.official.organizationId, state, sessions.official.userId, ids.workflow, extra.createdAt ?? null, extra.activatedAt ?? null],
    );
    ids[key] = id;
    return id;
  }

  async function transitions(agreementId: string, events: Array<[string, string]>): Promise<void> {
    for (const [event, at] of events) {
      await sql(`INSERT INTO agreement_transitions (agreement_id, from_state, to_state, event, version, at) VALUES ($1, NULL, 'x', $2, 1, $3)`, [agreementId, event, at]);
    }
  }

  async function task(agreementId: string, status: string, dueAt: Date, assignees: string[]): Promise<void> {
    await sql(
      `INSERT INTO approval_tasks (agreement_id, agreement_version, workflow_definition_id, round, step_index, step_key, step_name, assignee_ids, status, due_at)
       VALUES ($1, 1, $2, 1, (SELECT count(*) FROM approval_tasks WHERE agreement_id = $1), 'legal_review', 'Revisión jurídica', $3::uuid[], $4, $5)`,
      [agreementId, ids.workflow, assignees, status, dueAt],
    );
  }

  beforeAll(async () => {
    iso = await createIsolatedDatabase('pipeline');
    app = await createTestApp({ DATABASE_URL: iso.url });
    sessions = await loginAll(app);
    const [{ id: directora }] = await sql(`SELECT id FROM users WHERE email = 'directora@economia.gob.mx'`);
    ids.directora = directora;
    [{ id: ids.workflow }] = await sql(`INSERT INTO workflow_definitions (key, version, name, steps) VALUES ('pipeline_test', 1, 'Prueba', '[]') RETURNING id`);

    // Two diagnostics, five needs (three with an owner), two open data requests and one answered.
    const [{ id: d1 }] = await sql(`INSERT INTO diagnostics (title, policy_question, organization_id) VALUES ('D1', '¿?', $1) RETURNING id`, [sessions.official.organizationId]);
    const [{ id: d2 }] = await sql(`INSERT INTO diagnostics (title, policy_question, organization_id) VALUES ('D2', '¿?', $1) RETURNING id`, [sessions.official.organizationId]);
    const needIds: string[] = [];
    for (const [position, diagnostic, owner] of [[1, d1, true], [2, d1, true], [3, d1, false], [1, d2, true], [2, d2, false]] as const) {
      const [{ id }] = await sql(
        `INSERT INTO diagnostic_needs (diagnostic_id, position, topic, theme, geo_level, personal_data, assigned_organization_id) VALUES ($1, $2, 'tema', 'economia', 'state', false, $3) RETURNING id`,
        [diagnostic, position, owner ? sessions.steward.organizationId : null],
      );
      needIds.push(id);
    }
    for (const [need, status] of [[needIds[2], 'open'], [needIds[4], 'open'], [needIds[4], 'answered']]) {
      await sql(
        `INSERT INTO data_requests (diagnostic_id, need_id, requester_organization_id, addressed_organization_id, message, status)
         SELECT diagnostic_id, id, $2, $3, '¿Tienen estos datos?', $4 FROM diagnostic_needs WHERE id = $1`,
        [need, sessions.official.organizationId, sessions.partner.organizationId, status],
      );
    }

    // Approvals: 2 working days; 4 in the last round (after a request for changes); 14 across the 16 September holiday.
    const now = Date.now();
    await transitions(await agreement('A1', 'active', { activatedAt: new Date(now) }), [['submit', '2025-03-03T16:00:00Z'], ['approve', '2025-03-05T16:00:00Z']]);
    await transitions(await agreement('A2', 'active', { activatedAt: twoMonthsAgo() }), [
      ['submit', '2025-06-02T16:00:00Z'], ['request_changes', '2025-06-03T16:00:00Z'], ['submit', '2025-06-09T16:00:00Z'], ['approve', '2025-06-13T16:00:00Z'],
    ]);
    await transitions(await agreement('A3', 'awaiting_signatures'), [['submit', '2025-09-01T16:00:00Z'], ['approve', '2025-09-22T16:00:00Z']]);
    // In review: one step overdue since yesterday, one due tomorrow; a decided past-due step is not overdue.
    await task(await agreement('R1', 'in_review'), 'pending', new Date(now - DAY), [sessions.official.userId, ids.directora]);
    await task(await agreement('R2', 'in_review'), 'pending', new Date(now + DAY), [sessions.official.userId]);
    await task(ids.A3, 'decided', new Date(now - 30 * DAY), [sessions.official.userId]);
    await agreement('D', 'draft');
    // Created 13 months ago: counted by state, outside the monthly series.
    await agreement('OLD', 'withdrawn', { createdAt: new Date(now - 400 * DAY) });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await iso?.drop();
  });

  /** The 15th of the month two months before the current one in Mexico City (UTC−6). */
  function twoMonthsAgo(): Date {
    const local = new Date(Date.now() - 6 * 3_600_000);
    return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 2, 15, 18));
  }

  const get = (persona: Persona) => request(app.getHttpServer()).get('/api/v1/pipeline').set(bearer(sessions[persona]));

  it('counts needs, owners assigned and open data requests', async () => {
    const body: PipelineDashboard = (await get('official').expect(200)).body;
    expect(body.needs).toEqual({ diagnostics: 2, identified: 5, ownerAssigned: 3, openDataRequests: 2 });
  });

  it('counts agreements by state, every state present', async () => {
    const body: PipelineDashboard = (await get('official').expect(200)).body;
    expect(body.agreementsByState).toEqual({
      draft: 1, in_review: 2, changes_requested: 0, approved: 0, awaiting_signatures: 1, active: 2, expired: 0, terminated: 0, rejected: 0, withdrawn: 1,
    });
  });

  it('takes the median time to approval in Mexican working days, from the last round', async () => {
    expect(workingDaysBetween(new Date('2025-09-01T16:00:00Z'), new Date('2025-09-22T16:00:00Z'))).toBe(14);
    const body: PipelineDashboard = (await get('official').expect(200)).body;
    expect(body.approval).toEqual({ medianWorkingDays: 4, approvedCount: 3 });
  });

  it('lists the pending steps past their deadline with the assignees’ names', async () => {
    const body: PipelineDashboard = (await get('auditor').expect(200)).body;
    expect(body.overdueTotal).toBe(1);
    expect(body.overdueSteps).toEqual([
      {
        taskId: expect.any(String),
        agreementId: ids.R1,
        agreementReference: 'CNV-TEST-R1',
        stepName: 'Revisión jurídica',
        dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        assignees: expect.arrayContaining([expect.any(String), expect.any(String)]),
      },
    ]);
    const [{ names }] = await sql<{ names: string[] }>(`SELECT array_agg(full_name ORDER BY full_name) AS names FROM users WHERE id = ANY($1::uuid[])`, [[sessions.official.userId, ids.directora]]);
    expect(body.overdueSteps[0].assignees).toEqual(names);
  });

  it('gives 12 months of agreements created and activated, the current month last', async () => {
    const body: PipelineDashboard = (await get('official').expect(200)).body;
    expect(body.monthly).toHaveLength(12);
    const local = new Date(Date.now() - 6 * 3_600_000);
    const current = local.toISOString().slice(0, 7);
    const earlier = twoMonthsAgo().toISOString().slice(0, 7);
    expect(body.monthly[11]).toEqual({ month: current, created: 6, activated: 1 });
    expect(body.monthly[9]).toEqual({ month: earlier, created: 0, activated: 1 });
    expect(body.monthly.reduce((sum, m) => sum + m.created, 0)).toBe(6);
    expect(body.monthly.map((m) => m.month)).toEqual([...body.monthly.map((m) => m.month)].sort());
  });

  it('is for officials and auditors, not for partners or stewards', async () => {
    await get('partner').expect(403);
    await get('steward').expect(403);
    await request(app.getHttpServer()).get('/api/v1/pipeline').expect(401);
  });
});
