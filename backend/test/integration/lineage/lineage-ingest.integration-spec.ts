import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { LineageBatchResult } from '@convenio/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/create-app';
import { bearer, login, loginAll, type Persona, type Session } from '../support/personas';
import { fixtureNames, readFixture } from './pipeline-events';

/** A RunEvent of our own with fresh ids, so this file's rows never meet another file's. */
function runEvent(overrides: Record<string, unknown> = {}, runId: string = randomUUID()): Record<string, unknown> {
  return {
    eventType: 'START',
    eventTime: '2025-12-01T10:00:00Z',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.25.0/client/python',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: 'ingest-tests', name: `job-${runId.slice(0, 8)}` },
    inputs: [{ namespace: 'ingest-tests', name: `in-${runId.slice(0, 8)}` }],
    outputs: [{ namespace: 'ingest-tests', name: `out-${runId.slice(0, 8)}` }],
    ...overrides,
  };
}

describe('OpenLineage ingestion', () => {
  let app: INestApplication;
  let db: DataSource;
  let sessions: Record<Persona, Session>;
  const http = () => request(app.getHttpServer());
  const post = (body: unknown, session: Session = sessions.steward) => http().post('/api/v1/lineage').set(bearer(session)).send(body as object);
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].count);

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    sessions = await loginAll(app);
  });

  afterAll(async () => {
    await app.close();
  });

  // ol__fluentd__event_simple.json is the same event as marquez__event_simple.json: a duplicate of it.
  it.each(fixtureNames('valid'))('accepts the valid fixture %s and keeps it whole', async (file) => {
    const event = readFixture(`valid/${file}`);
    const duplicate = file === 'ol__fluentd__event_simple.json';
    const response = await post(event).expect(duplicate ? 200 : 201);
    expect(response.body).toMatchObject({ status: duplicate ? 'duplicate' : 'accepted', eventId: expect.any(String) });
    const [row] = await db.query(`SELECT payload FROM lineage_events WHERE id = $1`, [response.body.eventId]);
    expect(row.payload).toEqual(event);
  });

  it.each(fixtureNames('invalid'))('rejects the invalid fixture %s with 400 and JSON pointers', async (file) => {
    const response = await post(readFixture(`invalid/${file}`)).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('Invalid OpenLineage event') });
    expect(response.body.details.length).toBeGreaterThan(0);
    for (const detail of response.body.details) expect(detail).toEqual({ path: expect.stringMatching(/^body/), pointer: expect.stringMatching(/^\//), message: expect.any(String) });
  });

  it('names each problem by its pointer', async () => {
    const noRunId = await post(readFixture('invalid/ol__fluentd__event_no_run_id.json')).expect(400);
    expect(noRunId.body.details).toEqual([{ path: 'body.run.runId', pointer: '/run/runId', message: 'is required' }]);
    const badFacet = await post(readFixture('invalid/ol__fluentd__event_invalid_output_dataset_facet.json')).expect(400);
    expect(badFacet.body.details).toEqual([expect.objectContaining({ pointer: '/outputs/0/outputFacets/outputStatistics/rowCount', message: 'must be integer' })]);
    const several = await post(runEvent({ eventType: 'DONE', eventTime: 'yesterday', run: { runId: 'not-a-uuid' } })).expect(400);
    expect(several.body.details.map((detail: { pointer: string }) => detail.pointer).sort()).toEqual(['/eventTime', '/eventType', '/run/runId']);
    const notAnEvent = await post({ hello: 'world' }).expect(400);
    expect(notAnEvent.body.details[0].pointer).toBe('');
    const badAgreement = await post(runEvent({ run: { runId: randomUUID(), facets: { convenio_agreement: { _producer: 'https://example.com', _schemaURL: 'https://example.com/f.json', agreementId: 'AG-1' } } } })).expect(400);
    expect(badAgreement.body.details).toEqual([expect.objectContaining({ pointer: '/run/facets/convenio_agreement/agreementId' })]);
  });

  it('accepts the lenient fixtures with normalisation, each change reported as a warning', async () => {
    const warned: Record<string, string[]> = {};
    const ids: Record<string, string> = {};
    for (const file of fixtureNames('lenient')) {
      const response = await post(readFixture(`lenient/${file}`));
      expect([200, 201]).toContain(response.status);
      warned[file] = response.body.warnings.map((warning: { pointer: string }) => warning.pointer);
      ids[file] = response.body.eventId;
    }
    expect(warned['marquez__event_required_no_timezone.json']).toEqual(['/eventTime']);
    expect(warned['marquez__event_without_schema_url.json']).toEqual(['/schemaURL']);
    expect(warned['ol__client-python__serde_example_run_event.json']).toEqual(['/eventTime', '/run/facets/nominalTime/nominalStartTime', '/run/facets/nominalTime/nominalEndTime']);
    expect(warned['marquez__event_full.json']).toContain('/inputs/0/inputFacets/dataQualityMetrics/columnMetrics');
    // A zone-less time is read as UTC; the stored payload is the normalised event, so the
    // zone-less fixture is the same event as the valid one that says `Z`.
    const [row] = await db.query(`SELECT event_time, payload FROM lineage_events WHERE id = $1`, [ids['marquez__event_required_no_timezone.json']]);
    expect(new Date(row.event_time).toISOString()).toBe('2020-12-28T19:51:01.641Z');
    expect(row.payload).toEqual(readFixture('valid/marquez__event_required_nanoseconds.json'));
    const [run] = await db.query(`SELECT state, state_time FROM lineage_runs WHERE run_id = '5e58a95c-1c71-4231-8984-ac172d5566cf'`);
    expect(run).toEqual({ state: 'COMPLETE', state_time: new Date('2020-12-29T09:52:00.001Z') });
  });

  it('is idempotent: the same event again changes nothing and answers 200 with the same id', async () => {
    const event = runEvent();
    const first = await post(event).expect(201);
    const tables = ['lineage_events', 'lineage_runs', 'lineage_run_states', 'lineage_edges', 'lineage_nodes', 'lineage_run_datasets'];
    const before = await Promise.all(tables.map((table) => count(`SELECT count(*) FROM ${table}`)));
    // Key order does not matter: the hash is of the canonical JSON.
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    const again = await post(reordered).expect(200);
    expect(again.body).toEqual({ status: 'duplicate', eventId: first.body.eventId, warnings: [] });
    expect(await Promise.all(tables.map((table) => count(`SELECT count(*) FROM ${table}`)))).toEqual(before);
  });

  it('reports a batch per event, and keeps the first copy of an event sent twice in it', async () => {
    const [a, b] = [runEvent(), runEvent()];
    await post(a).expect(201);
    const response = await http()
      .post('/api/v1/lineage/batch')
      .set(bearer(sessions.admin))
      .send([a, b, b, { eventTime: 'x' }, readFixture('invalid/ol__fluentd__event_no_run_id.json')])
      .expect(200);
    const body: LineageBatchResult = response.body;
    expect(body).toMatchObject({ accepted: 1, duplicates: 2, invalid: 2 });
    expect(body.results.map((item) => [item.index, item.status])).toEqual([[0, 'duplicate'], [1, 'accepted'], [2, 'duplicate'], [3, 'invalid'], [4, 'invalid']]);
    expect(body.results[2].eventId).toBe(body.results[1].eventId);
    expect(body.results[4].errors).toEqual([{ pointer: '/run/runId', message: 'is required' }]);
    expect(await count(`SELECT count(*) FROM lineage_events WHERE run_id = $1`, [(b.run as { runId: string }).runId])).toBe(1);
    // {"events": [...]} is accepted as well.
    await http().post('/api/v1/lineage/batch').set(bearer(sessions.steward)).send({ events: [runEvent()] }).expect(200);
  });

  it('refuses an empty, a non-array and an over-long batch with the error shape', async () => {
    const empty = await http().post('/api/v1/lineage/batch').set(bearer(sessions.steward)).send([]).expect(400);
    expect(empty.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('at least one') });
    await http().post('/api/v1/lineage/batch').set(bearer(sessions.steward)).send({ event: {} }).expect(400);
    const tooMany = Array.from({ length: 1001 }, () => ({ eventTime: '2025-01-01T00:00:00Z' }));
    const response = await http().post('/api/v1/lineage/batch').set(bearer(sessions.steward)).send(tooMany).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, message: expect.stringContaining('at most 1000 events') });
  });

  it('lets stewards, admins and their lineage API keys in; not the public, partners, officials or auditors', async () => {
    await http().post('/api/v1/lineage').send(runEvent()).expect(401);
    // The seed's partners are also their companies' stewards: a partner-only user is made here.
    const email = `socio-${randomUUID().slice(0, 8)}@telcomx.com.mx`;
    await http().post('/api/v1/users').set(bearer(sessions.admin)).send({ email, fullName: 'Socio sin custodia', organizationId: sessions.partner.organizationId, roles: ['partner'], password: 'una-clave-larga-123' }).expect(201);
    const partnerOnly = await login(app, email, 'una-clave-larga-123');
    await post(runEvent(), partnerOnly).expect(403);
    await http().get('/api/v1/lineage/graph').query({ node: 'job:ingest-tests:x' }).set(bearer(partnerOnly)).expect(403);
    await post(runEvent(), sessions.official).expect(403);
    await post(runEvent(), sessions.auditor).expect(403);
    await post(runEvent(), sessions.admin).expect(201);
    const created = await http()
      .post('/api/v1/api-keys')
      .set(bearer(sessions.steward))
      .send({ name: 'Airflow OpenLineage transport', permissions: [{ action: 'create', subject: 'LineageEvent' }] })
      .expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^cvk_/);
    const viaKey = await http().post('/api/v1/lineage').set('Authorization', `Bearer ${key}`).send(runEvent()).expect(201);
    const [row] = await db.query(`SELECT api_key_id, received_by_id FROM lineage_events WHERE id = $1`, [viaKey.body.eventId]);
    expect(row).toEqual({ api_key_id: created.body.id, received_by_id: sessions.steward.userId });
    // The key carries only what it was granted: no graph reads.
    await http().get('/api/v1/lineage/graph').query({ node: 'job:ingest-tests:x' }).set('Authorization', `Bearer ${key}`).expect(403);
    // A key carries only what its creator holds: an admin ingests but does not read the graph.
    await http().post('/api/v1/api-keys').set(bearer(sessions.admin)).send({ name: 'no', permissions: [{ action: 'read', subject: 'LineageGraph' }] }).expect(422);
  });

  it('keeps raw events append-only, partitioned by month', async () => {
    const { body } = await post(runEvent()).expect(201);
    await expect(db.query(`DELETE FROM lineage_events WHERE id = $1`, [body.eventId])).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE lineage_events SET producer = 'x' WHERE id = $1`, [body.eventId])).rejects.toThrow(/append-only/);
    const [partition] = await db.query(`SELECT tableoid::regclass::text AS name FROM lineage_events WHERE id = $1`, [body.eventId]);
    expect(partition.name).toBe(`lineage_events_${new Date().toISOString().slice(0, 7).replace('-', '_')}`);
  });
});
