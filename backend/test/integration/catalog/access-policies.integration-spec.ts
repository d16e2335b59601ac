import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';

const empty = { everyone: false, signedIn: false, sectors: [], organizationIds: [] };

describe('dataset access policies', () => {
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  let datasetId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
    const created = await http()
      .post('/api/v1/datasets')
      .set(bearer(sessions.steward))
      .send({
        title: 'Registro de prueba con CURP',
        description: 'Conjunto confidencial para probar las políticas de acceso.',
        themes: ['population'],
        sensitivity: 'confidential',
        geoLevel: 'national',
        periodicity: 'annual',
        columns: [
          { name: 'curp', type: 'text', identifierKind: 'direct' },
          { name: 'ingreso', type: 'decimal', identifierKind: 'sensitive' },
          { name: 'edad', type: 'integer', identifierKind: 'quasi' },
        ],
        status: 'published',
      })
      .expect(201);
    datasetId = created.body.id;
  });

  afterAll(async () => {
    await app.close();
  });

  const explain = (session: Session, userId: string) => http().get(`/api/v1/datasets/${datasetId}/access/explain`).query({ userId }).set(bearer(session));

  it('starts with no rules of its own: a private partner can neither see nor request it', async () => {
    await http().get(`/api/v1/datasets/${datasetId}`).set(bearer(sessions.retailPartner)).expect(404);
    const why = await explain(sessions.official, sessions.retailPartner.userId).expect(200);
    expect(why.body.read).toEqual({ allowed: false, decidedBy: null, source: 'default-deny' });
    expect(why.body.policyVersion).toBeNull();
    const official = await explain(sessions.steward, sessions.official.userId).expect(200);
    expect(official.body.read).toEqual({ allowed: true, decidedBy: 'role official', source: 'role' });
    expect(official.body.request).toEqual({ allowed: true, decidedBy: 'role official', source: 'role' });
  });

  it('saves a policy as a new version, obeyed by the API, the SQL lists and explained', async () => {
    const saved = await http()
      .put(`/api/v1/datasets/${datasetId}/access-policy`)
      .set(bearer(sessions.steward))
      .set('Accept-Language', 'en')
      .send({ metadata: { ...empty, signedIn: true }, request: { ...empty, sectors: ['private'] }, hiddenColumns: [{ column: 'curp', hiddenFrom: 'everyone' }, { column: 'ingreso', hiddenFrom: 'outsideOwner' }] })
      .expect(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.sentences).toEqual([
      'Every signed-in person may see this dataset’s description.',
      'Organizations of the private sector may request this dataset.',
      'The column `curp` is never shown.',
      'The column `ingreso` is shown only to the owner organization.',
    ]);

    const asPartner = await http().get(`/api/v1/datasets/${datasetId}`).set(bearer(sessions.retailPartner)).expect(200);
    expect(asPartner.body.columns.map((column: { name: string }) => column.name)).toEqual(['edad']);
    const listed = await http().get('/api/v1/datasets').query({ q: 'Registro de prueba con CURP' }).set(bearer(sessions.retailPartner)).expect(200);
    expect(listed.body.items.map((dataset: { id: string }) => dataset.id)).toContain(datasetId);
    const asOwner = await http().get(`/api/v1/datasets/${datasetId}`).set(bearer(sessions.steward)).expect(200);
    expect(asOwner.body.columns.map((column: { name: string }) => column.name)).toEqual(['ingreso', 'edad']);
    await http().get(`/api/v1/datasets/${datasetId}`).expect(404);

    const why = await explain(sessions.auditor, sessions.retailPartner.userId).expect(200);
    expect(why.body).toMatchObject({ read: { allowed: true, source: 'dataset-policy' }, request: { allowed: true, source: 'dataset-policy' }, hiddenColumns: ['curp', 'ingreso'], policyVersion: 1 });
    // CASL's deciding rule is the last one that matches: the policy rule now speaks for signed-in officials too.
    const official = await explain(sessions.steward, sessions.official.userId).expect(200);
    expect(official.body.read).toMatchObject({ allowed: true, decidedBy: expect.any(String) });
  });

  it('keeps every version and audits each change', async () => {
    await http().put(`/api/v1/datasets/${datasetId}/access-policy`).set(bearer(sessions.steward)).send({ metadata: empty, request: empty, hiddenColumns: [] }).expect(200);
    const versions = await http().get(`/api/v1/datasets/${datasetId}/access-policy/versions`).set(bearer(sessions.steward)).expect(200);
    expect(versions.body.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const audit = await http().get('/api/v1/audit').query({ subjectId: datasetId, action: 'dataset.access_policy_changed' }).set(bearer(sessions.auditor)).expect(200);
    expect(audit.body.total).toBe(2);
    await http().get(`/api/v1/datasets/${datasetId}`).set(bearer(sessions.retailPartner)).expect(404);
  });

  it('lets only the owner stewards change it, only some people explain it, and names bad fields', async () => {
    await http().put(`/api/v1/datasets/${datasetId}/access-policy`).set(bearer(sessions.official)).send({ metadata: empty, request: empty }).expect(403);
    await explain(sessions.partner, sessions.official.userId).expect(404);
    const bad = await http()
      .put(`/api/v1/datasets/${datasetId}/access-policy`)
      .set(bearer(sessions.steward))
      .send({ metadata: { ...empty, organizationIds: ['00000000-0000-4000-8000-000000000000'] }, request: empty, hiddenColumns: [{ column: 'nombre', hiddenFrom: 'everyone' }] })
      .expect(400);
    expect(bad.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['body.hiddenColumns.0.column', 'body.metadata.organizationIds.0']);
  });
});
