import type { INestApplication } from '@nestjs/common';
import type { DatasetCandidate, Diagnostic, NeedCandidates } from '@convenio/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/create-app';
import { bearer, login, loginAll, type Persona, type Session } from '../support/personas';

const RETAIL_SALES = 'Ventas al menudeo por municipio y categoría';
const EXPORTS_BY_STATE = 'Exportaciones por entidad federativa';
const DENUE = 'Directorio Estadístico Nacional de Unidades Económicas (DENUE)';
const LOYALTY = 'Programa de lealtad: clientes y compras';
const DRAFT_TRAFFIC = 'Tráfico de datos móviles por entidad';

const retailNeed = { topic: 'Ventas del comercio al por menor', theme: 'trade', geoLevel: 'municipality', sectorLevel: 2, sectorCodes: ['46'], periodFrom: '2021-01-01', periodTo: '2023-12-31', personalData: false };
const energyNeed = { topic: 'Consumo eléctrico de los comercios', theme: 'energy', geoLevel: 'state', geoCodes: ['11', '14'], personalData: false };

describe('diagnostics and owner identification', () => {
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  let datasetIds: Map<string, string>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
    const rows: Array<{ id: string; title: string }> = await app.get(DataSource).query(`SELECT id, title FROM datasets WHERE title = ANY($1)`, [[RETAIL_SALES, EXPORTS_BY_STATE, DENUE, LOYALTY, DRAFT_TRAFFIC]]);
    datasetIds = new Map(rows.map((row) => [row.title, row.id]));
  });

  afterAll(async () => {
    await app.close();
  });

  const create = (body: object, session = sessions.official) => http().post('/api/v1/diagnostics').set(bearer(session)).send(body);
  const validDiagnostic = { title: 'Comercio minorista en el Bajío', policyQuestion: '¿Dónde apoyar al comercio minorista con conectividad?', needs: [retailNeed, energyNeed] };

  it('creates, lists and reads a diagnostic of the official’s organization', async () => {
    const created = await create(validDiagnostic).expect(201);
    const diagnostic: Diagnostic = created.body;
    expect(diagnostic).toMatchObject({ status: 'open', organizationId: sessions.official.organizationId, createdById: sessions.official.userId });
    expect(diagnostic.needs.map((need) => [need.position, need.topic, need.assignedDatasetId])).toEqual([
      [0, retailNeed.topic, null],
      [1, energyNeed.topic, null],
    ]);
    expect(diagnostic.needs[1].geoCodes).toEqual(['11', '14']);

    const listed = await http().get('/api/v1/diagnostics').query({ status: 'open', pageSize: 100 }).set(bearer(sessions.official)).expect(200);
    expect(listed.body.items.map((item: Diagnostic) => item.id)).toContain(diagnostic.id);
    expect(listed.body.total).toBeGreaterThanOrEqual(2); // with the demo diagnostic
    await http().get(`/api/v1/diagnostics/${diagnostic.id}`).set(bearer(sessions.auditor)).expect(200);
    const audit = await app.get(DataSource).query(`SELECT action FROM audit_entries WHERE subject_type = 'Diagnostic' AND subject_id = $1`, [diagnostic.id]);
    expect(audit).toEqual([{ action: 'diagnostic.created' }]);
  });

  it('keeps partners and stewards out by route policy, and answers 404 for an unknown id', async () => {
    const { body } = await create(validDiagnostic).expect(201);
    await http().get('/api/v1/diagnostics').set(bearer(sessions.partner)).expect(403);
    await http().get(`/api/v1/diagnostics/${body.id}`).set(bearer(sessions.partner)).expect(403);
    await http().get(`/api/v1/diagnostics/${body.id}/candidates`).set(bearer(sessions.steward)).expect(403);
    await create(validDiagnostic, sessions.steward).expect(403);
    await http().get('/api/v1/diagnostics/00000000-0000-4000-8000-000000000000').set(bearer(sessions.official)).expect(404);
    await http().get('/api/v1/diagnostics/not-a-uuid').set(bearer(sessions.official)).expect(404);
  });

  it('answers 400 naming an unknown INEGI or SCIAN code, or a reversed period', async () => {
    const badState = await create({ ...validDiagnostic, needs: [{ ...energyNeed, geoCodes: ['11', '99'] }] }).expect(400);
    expect(badState.body.message).toContain('99');
    expect(badState.body.details).toEqual([expect.objectContaining({ path: 'body.needs.0.geoCodes.1' })]);
    const badScian = await create({ ...validDiagnostic, needs: [{ ...retailNeed, sectorLevel: 6, sectorCodes: ['469999'] }] }).expect(400);
    expect(badScian.body.message).toContain('469999');
    const reversed = await create({ ...validDiagnostic, needs: [{ ...retailNeed, periodFrom: '2024-01-01', periodTo: '2023-01-01' }] }).expect(400);
    expect(reversed.body.details).toEqual([expect.objectContaining({ path: 'body.needs.0.periodTo' })]);
    const wrongLength = await create({ ...validDiagnostic, needs: [{ ...energyNeed, geoCodes: ['11020'] }] }).expect(400);
    expect(wrongLength.body.details).toEqual([expect.objectContaining({ path: 'body.needs.0.geoCodes.0' })]);
  });

  it('edits while open (needs keep their ids), then answers 409 once closed', async () => {
    const { body: created } = await create(validDiagnostic).expect(201);
    const [retail, energy] = created.needs;
    const directora = await login(app, 'directora@economia.gob.mx');
    const edited = await http()
      .patch(`/api/v1/diagnostics/${created.id}`)
      .set(bearer(directora))
      .send({ title: 'Comercio minorista y conectividad', needs: [{ ...energyNeed, id: energy.id, topic: 'Consumo de electricidad' }, { ...retailNeed, topic: 'Empleo en comercio', theme: 'employment' }] })
      .expect(200);
    expect(edited.body.title).toBe('Comercio minorista y conectividad');
    expect(edited.body.needs.map((need: { id: string; topic: string }) => need.topic)).toEqual(['Consumo de electricidad', 'Empleo en comercio']);
    expect(edited.body.needs[0].id).toBe(energy.id);
    expect(edited.body.needs[1].id).not.toBe(retail.id);

    await http().patch(`/api/v1/diagnostics/${created.id}`).set(bearer(sessions.official)).send({ needs: [{ ...retailNeed, id: retail.id }] }).expect(400);
    await http().patch(`/api/v1/diagnostics/${created.id}`).set(bearer(sessions.auditor)).send({ title: 'No debería' }).expect(403);
    await http().patch(`/api/v1/diagnostics/${created.id}`).set(bearer(sessions.official)).send({ status: 'closed' }).expect(200);
    const closed = await http().patch(`/api/v1/diagnostics/${created.id}`).set(bearer(sessions.official)).send({ title: 'Otra vez' }).expect(409);
    expect(closed.body.message).toContain('only an open diagnostic can change');
    await http().put(`/api/v1/diagnostics/${created.id}/needs/${energy.id}/assignment`).set(bearer(sessions.official)).send({ datasetId: datasetIds.get(RETAIL_SALES) }).expect(409);
  });

  it('ranks candidates with reasons; a coarser dataset is excluded and a finer one serves', async () => {
    const { body: created } = await create(validDiagnostic).expect(201);
    const response = await http().get(`/api/v1/diagnostics/${created.id}/candidates`).set(bearer(sessions.official)).expect(200);
    const [retail, energy]: NeedCandidates[] = response.body;
    expect(retail.needId).toBe(created.needs[0].id);
    const byTitle = new Map(retail.candidates.map((candidate: DatasetCandidate) => [candidate.title, candidate]));
    const sales = byTitle.get(RETAIL_SALES)!;
    expect(sales).toMatchObject({ datasetId: datasetIds.get(RETAIL_SALES), ownerOrganizationId: sessions.retailPartner.organizationId, ownerOrganizationName: 'RetailMX S.A. de C.V.' });
    expect(sales.reasons.map((reason) => `${reason.reason}:${reason.variant}`)).toEqual(['theme:match', 'granularity:same', 'geo_coverage:national', 'sector_coverage:full', 'period:full']);
    expect(byTitle.get(DENUE)?.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'granularity', variant: 'finer' })]));
    // State-level exports cannot be split into municipalities.
    expect(byTitle.has(EXPORTS_BY_STATE)).toBe(false);
    expect(byTitle.get(LOYALTY)?.reasons.at(-1)).toMatchObject({ reason: 'personal_data', weight: -1 });
    const scores = retail.candidates.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(retail.candidates[0].title).toBe(RETAIL_SALES);
    expect(retail.candidates.length).toBeLessThanOrEqual(10);
    expect(energy.candidates).toEqual([]);
  });

  it('assigns a published dataset and its owner to a need, and unassigns it', async () => {
    const { body: created } = await create(validDiagnostic).expect(201);
    const path = `/api/v1/diagnostics/${created.id}/needs/${created.needs[0].id}/assignment`;
    const assigned = await http().put(path).set(bearer(sessions.official)).send({ datasetId: datasetIds.get(RETAIL_SALES) }).expect(200);
    expect(assigned.body).toMatchObject({ id: created.needs[0].id, assignedDatasetId: datasetIds.get(RETAIL_SALES), assignedDatasetTitle: RETAIL_SALES, assignedOrganizationId: sessions.retailPartner.organizationId, assignedOrganizationName: 'RetailMX S.A. de C.V.' });
    expect(assigned.body.assignedAt).toEqual(expect.any(String));
    const read = await http().get(`/api/v1/diagnostics/${created.id}`).set(bearer(sessions.auditor)).expect(200);
    expect(read.body.needs[0].assignedOrganizationId).toBe(sessions.retailPartner.organizationId);

    const draft = await http().put(path).set(bearer(sessions.official)).send({ datasetId: datasetIds.get(DRAFT_TRAFFIC) }).expect(422);
    expect(draft.body.message).toContain('Only a published dataset can be assigned');
    await http().put(path).set(bearer(sessions.official)).send({ datasetId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await http().put(`/api/v1/diagnostics/${created.id}/needs/00000000-0000-4000-8000-000000000000/assignment`).set(bearer(sessions.official)).send({ datasetId: datasetIds.get(RETAIL_SALES) }).expect(404);
    await http().put(path).set(bearer(sessions.retailPartner)).send({ datasetId: datasetIds.get(RETAIL_SALES) }).expect(403);

    const unassigned = await http().delete(path).set(bearer(sessions.official)).expect(200);
    expect(unassigned.body).toMatchObject({ assignedDatasetId: null, assignedOrganizationId: null, assignedAt: null });
    const audit = await app.get(DataSource).query(`SELECT action FROM audit_entries WHERE subject_type = 'Diagnostic' AND subject_id = $1 ORDER BY id::bigint`, [created.id]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['diagnostic.created', 'diagnostic.need_assigned', 'diagnostic.need_unassigned']);
  });

  it('turns a need into a data request that the addressed stewards see and answer, notifying the requester', async () => {
    const { body: created } = await create(validDiagnostic).expect(201);
    const energy = created.needs[1];
    const inegi = sessions.steward.organizationId;
    const message = 'Necesitamos el consumo eléctrico de los comercios del Bajío.';
    const requested = await http().post(`/api/v1/diagnostics/${created.id}/needs/${energy.id}/requests`).set(bearer(sessions.official)).send({ organizationId: inegi, message }).expect(201);
    expect(requested.body).toMatchObject({ status: 'open', needId: energy.id, needTopic: energyNeed.topic, addressedOrganizationId: inegi, requesterOrganizationId: sessions.official.organizationId, diagnosticTitle: validDiagnostic.title });
    const requestId = requested.body.id;
    await http().post(`/api/v1/diagnostics/${created.id}/needs/${energy.id}/requests`).set(bearer(sessions.official)).send({ organizationId: inegi, message }).expect(409);

    const db = app.get(DataSource);
    const received = await db.query(`SELECT link, params FROM notifications WHERE user_id = $1 AND kind = 'data_request_received' AND dedupe_key = $2`, [sessions.steward.userId, `data_request_received:${requestId}`]);
    expect(received).toEqual([{ link: '/solicitudes-de-datos', params: expect.objectContaining({ topic: energyNeed.topic }) }]);

    const inbox = await http().get('/api/v1/data-requests').query({ status: 'open', pageSize: 100 }).set(bearer(sessions.steward)).expect(200);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(requestId);
    expect(inbox.body.items.every((item: { addressedOrganizationId: string }) => item.addressedOrganizationId === inegi)).toBe(true);
    const telco = await http().get('/api/v1/data-requests').query({ pageSize: 100 }).set(bearer(sessions.partner)).expect(200);
    expect(telco.body.items.map((item: { id: string }) => item.id)).not.toContain(requestId);
    const asAuditor = await http().get('/api/v1/data-requests').query({ pageSize: 100 }).set(bearer(sessions.auditor)).expect(200);
    expect(asAuditor.body.items.map((item: { id: string }) => item.id)).toContain(requestId);

    const answerPath = `/api/v1/data-requests/${requestId}/answer`;
    await http().post(answerPath).set(bearer(sessions.partner)).send({ status: 'declined', response: 'No es nuestro' }).expect(404);
    await http().post(answerPath).set(bearer(sessions.official)).send({ status: 'declined', response: 'No es nuestro' }).expect(403);
    const foreign = await http().post(answerPath).set(bearer(sessions.steward)).send({ status: 'answered', response: 'Ofrecemos este', datasetId: datasetIds.get(RETAIL_SALES) }).expect(422);
    expect(foreign.body.details).toEqual([expect.objectContaining({ path: 'body.datasetId' })]);
    const answered = await http().post(answerPath).set(bearer(sessions.steward)).send({ status: 'answered', response: 'Podemos ofrecer el DENUE como aproximación.', datasetId: datasetIds.get(DENUE) }).expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', datasetId: datasetIds.get(DENUE), datasetTitle: DENUE, answeredAt: expect.any(String) });
    await http().post(answerPath).set(bearer(sessions.steward)).send({ status: 'declined', response: 'Cambio de opinión' }).expect(409);

    const notified = await db.query(`SELECT link, params FROM notifications WHERE user_id = $1 AND kind = 'data_request_answered' AND dedupe_key = $2`, [sessions.official.userId, `data_request_answered:${requestId}`]);
    expect(notified).toEqual([{ link: `/diagnosticos/${created.id}`, params: expect.objectContaining({ status: 'answered' }) }]);
    // Once answered, the same organization may be asked again.
    await http().post(`/api/v1/diagnostics/${created.id}/needs/${energy.id}/requests`).set(bearer(sessions.official)).send({ organizationId: inegi, message }).expect(201);
  });

  it('seeds the demo diagnostic with one need assigned', async () => {
    const listed = await http().get('/api/v1/diagnostics').query({ pageSize: 100 }).set(bearer(sessions.auditor)).expect(200);
    const demo = listed.body.items.find((item: Diagnostic) => item.title === '¿Dónde invertir en conectividad para el comercio minorista?');
    expect(demo.needs).toHaveLength(3);
    expect(demo.needs.filter((need: { assignedDatasetId: string | null }) => need.assignedDatasetId).map((need: { assignedOrganizationId: string }) => need.assignedOrganizationId)).toEqual([sessions.partner.organizationId]);
    const candidates = await http().get(`/api/v1/diagnostics/${demo.id}/candidates`).set(bearer(sessions.official)).expect(200);
    expect(candidates.body[1].candidates.map((candidate: DatasetCandidate) => candidate.title)).toContain(RETAIL_SALES);
    expect(candidates.body[2].candidates).toEqual([]);
  });
});
