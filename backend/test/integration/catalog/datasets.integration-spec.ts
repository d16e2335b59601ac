import type { INestApplication } from '@nestjs/common';
import * as jsonld from 'jsonld';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

describe('catalog of datasets', () => {
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const newDataset = (overrides: Record<string, unknown> = {}) => ({
    title: `Encuesta de prueba ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Conjunto de datos de prueba para la búsqueda del catálogo.',
    themes: ['employment'],
    sensitivity: 'public',
    geoLevel: 'state',
    geoCodes: ['14', '11'],
    periodicity: 'annual',
    columns: [{ name: 'curp', type: 'text', identifierKind: 'direct' }],
    status: 'published',
    ...overrides,
  });

  it('finds "población" when searching "poblacion" (Spanish, accent-insensitive), with facets', async () => {
    const response = await http().get('/api/v1/datasets').query({ q: 'poblacion' }).set(bearer(sessions.official)).expect(200);
    expect(response.body.total).toBeGreaterThan(0);
    expect(response.body.items[0].title.toLowerCase()).toMatch(/poblaci[oó]n/);
    const themes = response.body.facets.themes.map((facet: { value: string }) => facet.value);
    expect(themes).toContain('population');
    const owners = response.body.facets.owners;
    expect(owners[0]).toEqual(expect.objectContaining({ label: expect.any(String), count: expect.any(Number) }));
    const stems = await http().get('/api/v1/datasets').query({ q: 'empleos' }).set(bearer(sessions.official)).expect(200);
    expect(stems.body.total).toBeGreaterThan(0);
  });

  it('shows the public only published public datasets, without the steward', async () => {
    const response = await http().get('/api/v1/datasets').query({ pageSize: 100 }).expect(200);
    expect(response.body.total).toBeGreaterThan(0);
    for (const dataset of response.body.items) {
      expect(dataset).toMatchObject({ status: 'published', sensitivity: 'public' });
      expect(dataset).not.toHaveProperty('stewardId');
    }
  });

  it('narrows every list by the caller rules in SQL: partners see public and internal, stewards their drafts', async () => {
    const partner = await http().get('/api/v1/datasets').query({ pageSize: 100 }).set(bearer(sessions.retailPartner)).expect(200);
    const sensitivities = new Set(partner.body.items.map((dataset: { sensitivity: string }) => dataset.sensitivity));
    expect([...sensitivities].every((value) => value === 'public' || value === 'internal' || partner.body.items.find((d: { sensitivity: string; ownerOrganizationId: string }) => d.sensitivity === value)?.ownerOrganizationId === sessions.retailPartner.organizationId)).toBe(true);
    const steward = await http().get('/api/v1/datasets').query({ status: 'draft', pageSize: 100 }).set(bearer(sessions.partner)).expect(200);
    expect(steward.body.items.length).toBeGreaterThan(0);
    expect(steward.body.items.every((dataset: { ownerOrganizationId: string }) => dataset.ownerOrganizationId === sessions.partner.organizationId)).toBe(true);
    const official = await http().get('/api/v1/datasets').query({ sensitivity: 'restricted' }).set(bearer(sessions.official)).expect(200);
    expect(official.body.total).toBeGreaterThan(0);
    const publicRestricted = await http().get('/api/v1/datasets').query({ sensitivity: 'restricted' }).expect(200);
    expect(publicRestricted.body.total).toBe(0);
  });

  it('lets a steward create, publish and retire a dataset of its organization, audited', async () => {
    const created = await http().post('/api/v1/datasets').set(bearer(sessions.steward)).send(newDataset({ status: 'draft' })).expect(201);
    expect(created.body).toMatchObject({ ownerOrganizationId: sessions.steward.organizationId, stewardId: sessions.steward.userId, status: 'draft', publishedAt: null });
    await http().get(`/api/v1/datasets/${created.body.id}`).expect(404);
    const published = await http().patch(`/api/v1/datasets/${created.body.id}`).set(bearer(sessions.steward)).send({ status: 'published' }).expect(200);
    expect(published.body.publishedAt).toEqual(expect.any(String));
    await http().get(`/api/v1/datasets/${created.body.id}`).expect(200);
    await http().patch(`/api/v1/datasets/${created.body.id}`).set(bearer(sessions.steward)).send({ status: 'retired' }).expect(200);
    const history = await http().get('/api/v1/audit').query({ subjectType: 'Dataset', subjectId: created.body.id }).set(bearer(sessions.auditor)).expect(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action).sort()).toEqual(['dataset.created', 'dataset.published', 'dataset.retired']);
  });

  it('refuses another organization, officials and the public as editors', async () => {
    const created = await http().post('/api/v1/datasets').set(bearer(sessions.steward)).send(newDataset({ sensitivity: 'internal' })).expect(201);
    await http().patch(`/api/v1/datasets/${created.body.id}`).set(bearer(sessions.partner)).send({ title: 'Secuestrado por otra organización' }).expect(422);
    await http().post('/api/v1/datasets').set(bearer(sessions.official)).send(newDataset()).expect(403);
    await http().post('/api/v1/datasets').send(newDataset()).expect(401);
  });

  it('names each invalid field', async () => {
    const response = await http()
      .post('/api/v1/datasets')
      .set(bearer(sessions.steward))
      .send(newDataset({ geoLevel: 'municipality', geoCodes: ['14'], timeFrom: '2024-01-01', timeTo: '2020-01-01', columns: [{ name: 'a', type: 'text', identifierKind: 'none' }, { name: 'A', type: 'text', identifierKind: 'none' }] }))
      .expect(400);
    const paths = response.body.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.geoCodes.0', 'body.timeTo', 'body.columns.1.name']));
    const unknown = await http().post('/api/v1/datasets').set(bearer(sessions.steward)).send(newDataset({ themes: ['magic'] })).expect(400);
    expect(unknown.body.details[0].path).toBe('body.themes.0');
    const codes = await http().post('/api/v1/datasets').set(bearer(sessions.steward)).send(newDataset({ geoCodes: ['14', '99'], sectorLevel: 3, sectorCodes: ['311', '999'] })).expect(400);
    expect(codes.body.details).toEqual([expect.objectContaining({ path: 'body.geoCodes.1' })]);
    expect(codes.body.message).toContain('99');
    const sector = await http().post('/api/v1/datasets').set(bearer(sessions.steward)).send(newDataset({ sectorLevel: 3, sectorCodes: ['311', '999'] })).expect(400);
    expect(sector.body.details).toEqual([expect.objectContaining({ path: 'body.sectorCodes.1' })]);
  });

  it('publishes the public catalog as DCAT 3 JSON-LD that expands with the standard namespaces', async () => {
    const response = await http().get('/api/v1/catalog.jsonld').query({ pageSize: 5 }).expect(200).expect('Content-Type', /ld\+json/);
    const expanded = await jsonld.expand(response.body, {
      documentLoader: async (url: string) => {
        throw new Error(`no remote context may be needed, asked for ${url}`);
      },
    });
    const catalog = expanded.find((node) => (node['@type'] as string[] | undefined)?.includes(`${DCAT}Catalog`));
    expect(catalog).toBeDefined();
    const datasets = catalog![`${DCAT}dataset`] as Array<Record<string, unknown>>;
    expect(datasets.length).toBe(5);
    for (const property of [`${DCT}identifier`, `${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}theme`, `${DCT}spatial`, `${DCT}accessRights`, `${DCAT}keyword`, `${DCT}modified`]) {
      expect(datasets[0]).toHaveProperty([property]);
    }
    expect(response.body['hydra:view']['hydra:next']).toContain('page=2');
  });

  it('offers the public catalog as paged JSON and as one CSV file', async () => {
    const json = await http().get('/api/v1/public/datasets').expect(200);
    expect(json.body.items.every((dataset: { sensitivity: string }) => dataset.sensitivity === 'public')).toBe(true);
    expect(json.body.items[0]).not.toHaveProperty('stewardId');
    const csv = await http().get('/api/v1/public/datasets').query({ format: 'csv' }).expect(200).expect('Content-Type', /text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('id,title,titleEn,description,ownerOrganizationName,themes,keywords,geoLevel,geoCodes,sectorLevel,sectorCodes,periodicity,timeFrom,timeTo,publishedAt,updatedAt');
    expect(lines.length - 1).toBe(json.body.total);
    await http().get('/api/v1/public/datasets').query({ format: 'xml' }).expect(400);
  });
});
