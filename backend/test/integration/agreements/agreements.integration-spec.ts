import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { canonicalJson } from '@convenio/contracts';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll } from '../support/personas';
import { createDraft, forceState, loadWorld, pureTelcoPartner, telcoDraft, type AgreementWorld, type Sessions } from './agreement-fixtures';

describe('agreements: drafts, versions, visibility, comments, withdrawal', () => {
  let app: INestApplication;
  let sessions: Sessions;
  let world: AgreementWorld;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
    world = await loadWorld(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates a draft, version 1, hashed over the canonical terms, with its history and audit entry', async () => {
    const body = telcoDraft(world, { datasetIds: [world.datasets.telcoMobility, world.datasets.telcoCoverage] });
    const response = await http().post('/api/v1/agreements').set(bearer(sessions.official)).send(body).expect(201);
    const { providerOrganizationId: _p, recipientOrganizationId: _r, ...terms } = body;
    expect(response.body).toMatchObject({ state: 'draft', version: 1, providerOrganizationName: 'TelcoMX S.A. de C.V.', recipientOrganizationName: 'Secretaría de Economía' });
    expect(response.body.reference).toMatch(/^CONV-\d{4}-\d{6}$/);
    expect(response.body.termsHash).toBe(createHash('sha256').update(canonicalJson(terms)).digest('hex'));
    expect(response.body.datasets.map((dataset: { title: string }) => dataset.title)).toEqual(['Movilidad agregada por municipio (origen-destino)', 'Cobertura de red 4G y 5G por localidad']);
    expect(response.body.allowedEvents).toEqual(['submit', 'withdraw']);

    const [stored] = await world.db.query(`SELECT terms, terms_hash FROM agreement_versions WHERE agreement_id = $1 AND version = 1`, [response.body.id]);
    expect(stored.terms).toEqual(terms);
    const links = await world.db.query(`SELECT dataset_id FROM agreement_datasets WHERE agreement_id = $1 ORDER BY dataset_id`, [response.body.id]);
    expect(links).toHaveLength(2);
    const history = await http().get(`/api/v1/agreements/${response.body.id}/history`).set(bearer(sessions.official)).expect(200);
    expect(history.body).toEqual([expect.objectContaining({ fromState: null, toState: 'draft', event: 'create', version: 1, actorName: 'Laura Méndez Ortiz' })]);
    const audit = await world.db.query(`SELECT action FROM audit_entries WHERE subject_id = $1`, [response.body.id]);
    expect(audit.map((row: { action: string }) => row.action)).toContain('agreement.create');
  });

  it('refuses bad parties and datasets with a clear 4xx naming what is wrong', async () => {
    const official = bearer(sessions.official);
    const other = await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { datasetIds: [world.datasets.retailSales] })).expect(422);
    expect(other.body.message).toContain(world.datasets.retailSales);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { datasetIds: [missing] })).expect(422)).body.message).toContain(missing);
    expect((await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { providerOrganizationId: missing })).expect(422)).body.message).toContain('provider');
    // The official's organization must receive the data.
    await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { recipientOrganizationId: world.organizations.inegi })).expect(422);
    await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { diagnosticId: missing })).expect(422);
    await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { datasetIds: [world.datasets.telcoMobility, world.datasets.telcoMobility] })).expect(422);
    await http().post('/api/v1/agreements').set(official).send(telcoDraft(world, { endsOn: '2024-01-01' })).expect(400);
    await http().post('/api/v1/agreements').set(bearer(sessions.partner)).send(telcoDraft(world)).expect(403);
  });

  it('makes a new immutable version on PATCH, diffs versions, and keeps the same version when nothing changed', async () => {
    const draft = await createDraft(app, sessions, world);
    const official = bearer(sessions.official);
    const patched = await http()
      .patch(`/api/v1/agreements/${draft.id}`)
      .set(official)
      .send({ datasetIds: [world.datasets.telcoMobility, world.datasets.telcoCoverage], retentionDays: 730, prohibitedUses: [], changeSummary: 'Más cobertura' })
      .expect(200);
    expect(patched.body).toMatchObject({ version: 2, retentionDays: 730 });
    expect(patched.body.termsHash).not.toBe(draft.termsHash);

    const versions = await http().get(`/api/v1/agreements/${draft.id}/versions`).set(official).expect(200);
    expect(versions.body.map((v: { version: number; changeSummary: string }) => [v.version, v.changeSummary])).toEqual([[1, 'Versión inicial'], [2, 'Más cobertura']]);
    const v1 = await http().get(`/api/v1/agreements/${draft.id}/versions/1`).set(official).expect(200);
    expect(v1.body.termsHash).toBe(draft.termsHash);
    await http().get(`/api/v1/agreements/${draft.id}/versions/9`).set(official).expect(404);
    await http().get(`/api/v1/agreements/${draft.id}/versions/abc`).set(official).expect(404);

    const diff = await http().get(`/api/v1/agreements/${draft.id}/diff`).query({ from: 1, to: 2 }).set(official).expect(200);
    expect(diff.body.changes).toEqual([
      { path: '/datasetIds/1', op: 'added', to: world.datasets.telcoCoverage },
      { path: '/prohibitedUses/0', op: 'removed', from: 'Reidentificación de personas' },
      { path: '/retentionDays', op: 'changed', from: 365, to: 730 },
    ]);
    await http().get(`/api/v1/agreements/${draft.id}/diff`).query({ from: 1, to: 7 }).set(official).expect(404);
    await http().get(`/api/v1/agreements/${draft.id}/diff`).query({ from: 'x', to: 2 }).set(official).expect(400);

    const same = await http().patch(`/api/v1/agreements/${draft.id}`).set(official).send({ retentionDays: 730 }).expect(200);
    expect(same.body.version).toBe(2);
    await http().patch(`/api/v1/agreements/${draft.id}`).set(official).send({ startsOn: '2031-01-01' }).expect(422);
    await http().patch(`/api/v1/agreements/${draft.id}`).set(official).send({ datasetIds: [world.datasets.inegiCensus] }).expect(422);

    await expect(world.db.query(`UPDATE agreement_versions SET change_summary = 'x' WHERE agreement_id = $1`, [draft.id])).rejects.toThrow(/immutable/);
    await expect(world.db.query(`DELETE FROM agreement_versions WHERE agreement_id = $1`, [draft.id])).rejects.toThrow(/immutable/);
  });

  it('freezes the terms in review (409 with the allowed events)', async () => {
    const draft = await createDraft(app, sessions, world);
    await forceState(world, draft.id, 'in_review');
    const frozen = await http().patch(`/api/v1/agreements/${draft.id}`).set(bearer(sessions.official)).send({ retentionDays: 90 }).expect(409);
    expect(frozen.body.message).toBe('terms are frozen while the agreement is in_review');
    expect(frozen.body.details).toMatchObject({ allowed: ['request_changes', 'approve', 'reject', 'withdraw'] });
    await forceState(world, draft.id, 'changes_requested');
    await http().patch(`/api/v1/agreements/${draft.id}`).set(bearer(sessions.official)).send({ retentionDays: 90 }).expect(200);
  });

  it('shows an agreement to its parties only: 404 and absent from the list for another organization', async () => {
    const draft = await createDraft(app, sessions, world, { purpose: 'Propósito único para la prueba de visibilidad entre partes.' });
    const partner = await http().get(`/api/v1/agreements/${draft.id}`).set(bearer(sessions.partner)).expect(200);
    expect(partner.body.allowedEvents).toEqual([]);
    await http().get(`/api/v1/agreements/${draft.id}`).set(bearer(sessions.auditor)).expect(200);
    for (const path of ['', '/versions', '/history', '/comments', '/pdf', '/odrl']) {
      await http().get(`/api/v1/agreements/${draft.id}${path}`).set(bearer(sessions.retailPartner)).expect(404);
    }
    await http().get('/api/v1/agreements/not-a-uuid').set(bearer(sessions.official)).expect(404);
    const q = 'visibilidad entre partes';
    const mine = await http().get('/api/v1/agreements').query({ q }).set(bearer(sessions.partner)).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([draft.id]);
    const theirs = await http().get('/api/v1/agreements').query({ q }).set(bearer(sessions.retailPartner)).expect(200);
    expect(theirs.body).toMatchObject({ items: [], total: 0 });
    // Nor do other organizations' active agreements (public-register fields only) appear in "my agreements".
    const retailList = await http().get('/api/v1/agreements').query({ state: 'active', pageSize: 100 }).set(bearer(sessions.retailPartner)).expect(200);
    const retail = world.organizations.retailmx;
    expect(retailList.body.items.filter((item: { providerOrganizationId: string; recipientOrganizationId: string }) => ![item.providerOrganizationId, item.recipientOrganizationId].includes(retail))).toEqual([]);
    const seededActive = await world.db.query(`SELECT id FROM agreements WHERE state = 'active' AND $1 NOT IN (provider_organization_id, recipient_organization_id) LIMIT 1`, [retail]);
    expect(seededActive).toHaveLength(1);
    await http().get(`/api/v1/agreements/${seededActive[0].id}`).set(bearer(sessions.retailPartner)).expect(404);
    const filtered = await http().get('/api/v1/agreements').query({ state: 'draft', party: world.organizations.telcomx, q: '%' }).set(bearer(sessions.official)).expect(200);
    expect(filtered.body.items).toEqual([]);
    await http().get('/api/v1/agreements').query({ state: 'bogus' }).set(bearer(sessions.official)).expect(400);
  });

  it('keeps internal reviewer notes from partners', async () => {
    const draft = await createDraft(app, sessions, world);
    const url = `/api/v1/agreements/${draft.id}/comments`;
    await http().post(url).set(bearer(sessions.official)).send({ body: 'Revisar el fundamento legal con jurídico.', visibility: 'internal' }).expect(201);
    const note = await http().post(url).set(bearer(sessions.partner)).send({ body: 'Podemos entregar datos mensuales.' }).expect(201);
    expect(note.body).toMatchObject({ visibility: 'parties', version: 1, authorName: 'Mariana Treviño Garza', organizationName: 'TelcoMX S.A. de C.V.' });

    const partnerOnly = await pureTelcoPartner(app, world);
    const seen = await http().get(url).set(bearer(partnerOnly)).expect(200);
    expect(seen.body.map((comment: { visibility: string }) => comment.visibility)).toEqual(['parties']);
    const refused = await http().post(url).set(bearer(partnerOnly)).send({ body: 'Nota interna indebida', visibility: 'internal' }).expect(422);
    expect(refused.body.message).toBe('partners cannot write internal notes');
    const official = await http().get(url).set(bearer(sessions.official)).expect(200);
    expect(official.body.map((comment: { visibility: string }) => comment.visibility)).toEqual(['internal', 'parties']);
    await http().post(url).set(bearer(sessions.retailPartner)).send({ body: 'Hola' }).expect(404);
    await http().post(url).set(bearer(sessions.official)).send({ body: '' }).expect(400);
  });

  it('withdraws and terminates only when the state machine allows it (409 listing the allowed events)', async () => {
    const draft = await createDraft(app, sessions, world);
    const official = bearer(sessions.official);
    await http().post(`/api/v1/agreements/${draft.id}/terminate`).set(official).send({ comment: 'Ya no se requiere' }).expect(409)
      .expect(({ body }) => expect(body.details.allowed).toEqual(['submit', 'withdraw']));
    await http().post(`/api/v1/agreements/${draft.id}/withdraw`).set(official).send({ comment: 'x' }).expect(400);
    await http().post(`/api/v1/agreements/${draft.id}/withdraw`).set(bearer(sessions.partner)).send({ comment: 'No aplica' }).expect(403);

    await forceState(world, draft.id, 'in_review');
    const [{ id: workflowId }] = await world.db.query(`SELECT id FROM workflow_definitions ORDER BY created_at LIMIT 1`);
    await world.db.query(
      `INSERT INTO approval_tasks (agreement_id, agreement_version, workflow_definition_id, round, step_index, step_key, step_name, assignee_ids, due_at)
       VALUES ($1, 1, $2, 1, 0, 'legal', 'Revisión jurídica', $3, now() + interval '3 days')`,
      [draft.id, workflowId, [sessions.official.userId]],
    );
    const withdrawn = await http().post(`/api/v1/agreements/${draft.id}/withdraw`).set(official).send({ comment: 'El diagnóstico cambió' }).expect(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', allowedEvents: [] });
    expect(withdrawn.body.endedAt).not.toBeNull();
    expect(await world.db.query(`SELECT status FROM approval_tasks WHERE agreement_id = $1`, [draft.id])).toEqual([{ status: 'cancelled' }]);
    // Cancelled by the one rule for it, which audits each task.
    const [task] = await world.db.query(`SELECT id FROM approval_tasks WHERE agreement_id = $1`, [draft.id]);
    expect(await world.db.query(`SELECT actor_label FROM audit_entries WHERE action = 'approval_task.cancel' AND subject_id = $1`, [task.id])).toEqual([{ actor_label: 'workflow' }]);
    await http().post(`/api/v1/agreements/${draft.id}/withdraw`).set(official).send({ comment: 'Otra vez' }).expect(409)
      .expect(({ body }) => expect(body.message).toContain('allowed: none'));

    const active = await createDraft(app, sessions, world);
    await forceState(world, active.id, 'active');
    const terminated = await http().post(`/api/v1/agreements/${active.id}/terminate`).set(official).send({ comment: 'Incumplimiento de la anonimización' }).expect(200);
    expect(terminated.body.state).toBe('terminated');
    const history = await http().get(`/api/v1/agreements/${active.id}/history`).set(official).expect(200);
    expect(history.body.at(-1)).toMatchObject({ event: 'terminate', fromState: 'active', toState: 'terminated', comment: 'Incumplimiento de la anonimización' });
  });

  it('publishes active and past agreements in the public register, never drafts or notes', async () => {
    const draft = await createDraft(app, sessions, world, { purpose: 'Borrador que nunca debe aparecer en el registro público.' });
    const register = await http().get('/api/v1/public/agreements').query({ pageSize: 100 }).expect(200);
    const states = register.body.items.map((item: { state: string }) => item.state);
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(states.every((state: string) => ['active', 'expired', 'terminated'].includes(state))).toBe(true);
    expect(register.body.items.map((item: { id: string }) => item.id)).not.toContain(draft.id);
    const seededActive = register.body.items.find((item: { providerOrganizationName: string; state: string }) => item.providerOrganizationName === 'TelcoMX S.A. de C.V.' && item.state === 'active');
    expect(Object.keys(seededActive).sort()).toEqual(
      ['activatedAt', 'datasets', 'endedAt', 'endsOn', 'id', 'legalBasis', 'providerOrganizationName', 'purpose', 'recipientOrganizationName', 'reference', 'startsOn', 'state'].sort(),
    );
    expect(seededActive.datasets[0].title).toBe('Movilidad agregada por municipio (origen-destino)');
    const searched = await http().get('/api/v1/public/agreements').query({ q: 'informalidad laboral de las mujeres' }).expect(200);
    expect(searched.body.items.map((item: { state: string }) => item.state)).toEqual(['expired']);
    await http().get('/api/v1/public/agreements').query({ pageSize: 5000 }).expect(400);
    const beyond = await http().get('/api/v1/public/agreements').query({ page: 999 }).expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: register.body.total });

    // The public reads the register, not the agreements behind it.
    const anonymous = ['', '/versions', '/history', '/comments', '/pdf', '/odrl'].map((path) => http().get(`/api/v1/agreements/${seededActive.id}${path}`));
    for (const response of await Promise.all(anonymous)) expect([401, 404]).toContain(response.status);
    const anonymousList = await http().get('/api/v1/agreements');
    expect(anonymousList.status === 401 || anonymousList.body.total === 0).toBe(true);
    await http().post(`/api/v1/agreements/${seededActive.id}/sign`).expect(401);
  });

  it('seeds demo agreements whose stored hashes, signatures and history hold together', async () => {
    const rows = await world.db.query(
      `SELECT a.reference, a.state, v.terms, v.terms_hash AS hash, (SELECT array_agg(s.terms_hash) FROM agreement_signatures s WHERE s.agreement_id = a.id) AS signed,
              (SELECT array_agg(t.event ORDER BY t.id) FROM agreement_transitions t WHERE t.agreement_id = a.id) AS events
         FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
        WHERE a.created_at < now() - interval '1 day' ORDER BY a.created_at`,
    );
    expect(rows.map((row: { state: string }) => row.state)).toEqual(['expired', 'active', 'draft', 'in_review']);
    for (const row of rows) {
      expect(row.hash).toBe(createHash('sha256').update(canonicalJson(row.terms)).digest('hex'));
      for (const hash of row.signed ?? []) expect(hash).toBe(row.hash);
    }
    expect(rows[1].events).toEqual(['create', 'submit', 'request_changes', 'submit', 'approve', 'sign', 'sign', 'activate']);
    // The one in review entered the default workflow as a submission does: definition and outbox row.
    const [inReview] = await world.db.query(
      `SELECT a.workflow_definition_id AS "definitionId", (SELECT count(*)::int FROM outbox o WHERE o.topic = 'agreement.submitted' AND o.payload->>'agreementId' = a.id::text) AS submissions
         FROM agreements a WHERE a.reference = $1`,
      [rows[3].reference],
    );
    expect(inReview.definitionId).not.toBeNull();
    expect(inReview.submissions).toBe(1);
  });
});
