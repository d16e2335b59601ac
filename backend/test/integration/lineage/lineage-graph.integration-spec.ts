import type { INestApplication } from '@nestjs/common';
import type { LineageColumns, LineageGraph, LineageRun } from '@convenio/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';
import { ANALYTICS, DW, LAKE, pipelineEvents, readFixture, REPORTS, RUNS } from './pipeline-events';

const depths = (graph: LineageGraph) => Object.fromEntries(graph.nodes.map((node) => [node.id, node.depth]));

describe('lineage graph, columns and runs', () => {
  let app: INestApplication;
  let sessions: Record<Persona, Session>;
  let agreementId: string;
  const http = () => request(app.getHttpServer());
  const graph = (query: Record<string, string | number>, session: Session = sessions.official) => http().get('/api/v1/lineage/graph').query(query).set(bearer(session));

  beforeAll(async () => {
    app = await createTestApp();
    sessions = await loginAll(app);
    [{ id: agreementId }] = await app.get(DataSource).query(`SELECT id FROM agreements ORDER BY created_at LIMIT 1`);
    // Airflow, Spark and dbt events one by one (some out of order), then the Marquez food-delivery scenario as a batch.
    for (const event of pipelineEvents(agreementId)) await http().post('/api/v1/lineage').set(bearer(sessions.steward)).send(event).expect(201);
    const scenario = readFixture('scenarios/marquez-food-delivery/metadata.resolved.json') as unknown as object[];
    const batch = await http().post('/api/v1/lineage/batch').set(bearer(sessions.steward)).send(scenario).expect(200);
    expect(batch.body).toMatchObject({ accepted: scenario.length, duplicates: 0, invalid: 0 });
  });

  afterAll(async () => {
    await app.close();
  });

  it('walks upstream through dbt, Spark and Airflow, with namespaces that contain colons', async () => {
    const { body } = await graph({ node: `dataset:${ANALYTICS}:mobility.od_per_capita`, direction: 'upstream', depth: 10 }).expect(200);
    expect(body.truncated).toBe(false);
    expect(depths(body)).toEqual({
      [`dataset:${ANALYTICS}:mobility.od_per_capita`]: 0,
      'job:dbt-analytics:mobility.model.mobility.od_per_capita': 1,
      [`dataset:${LAKE}:mobility/od_municipal`]: 2,
      [`dataset:${DW}:censo2020.municipios`]: 2,
      'job:spark-telcomx:od_matrix.execute_insert_into_hadoop_fs_relation_command': 3,
      [`dataset:${LAKE}:staging/cdr_clean`]: 4,
      'job:airflow-telcomx:telcomx_ingest.extract_cdr': 5,
      [`dataset:${LAKE}:raw/cdr_2025`]: 6,
    });
    expect(body.edges).toHaveLength(7);
    // The census edge carries no personal data and ran under no agreement; the mobility matrix was built under the pipeline's agreement.
    expect(body.edges).toContainEqual({ source: `dataset:${DW}:censo2020.municipios`, target: 'job:dbt-analytics:mobility.model.mobility.od_per_capita', agreementIds: [], personalData: false });
    const twoHops = await graph({ node: `dataset:${ANALYTICS}:mobility.od_per_capita`, direction: 'upstream', depth: 2 }).expect(200);
    expect(Object.keys(depths(twoHops.body))).toHaveLength(4);
  });

  it('links nodes to the catalog datasets declaring their (namespace, name), with the owner', async () => {
    const { body } = await graph({ kind: 'dataset', namespace: LAKE, name: 'mobility/od_municipal', direction: 'both', depth: 1 }).expect(200);
    const od = body.nodes.find((node: { name: string }) => node.name === 'mobility/od_municipal');
    expect(od.catalog).toEqual({ datasetId: expect.any(String), title: 'Movilidad agregada por municipio (origen-destino)', ownerOrganizationId: sessions.partner.organizationId });
    expect(body.nodes.filter((node: { kind: string }) => node.kind === 'job').map((node: { depth: number }) => node.depth)).toEqual([1, 1]);
    const staging = body.nodes.find((node: { name: string }) => node.name === 'staging/cdr_clean');
    expect(staging).toBeUndefined(); // two hops away
  });

  it('walks downstream to the report, whose name contains a colon', async () => {
    const { body } = await graph({ node: `dataset:${LAKE}:staging/cdr_clean`, direction: 'downstream' }).expect(200);
    expect(Object.keys(depths(body))).toHaveLength(4); // default depth 3
    const far = await graph({ node: `dataset:${LAKE}:staging/cdr_clean`, direction: 'downstream', depth: 10 }).expect(200);
    expect(depths(far.body)[`dataset:${REPORTS}:mobility:report_2025.parquet`]).toBe(6);
    const report = await graph({ node: `dataset:${REPORTS}:mobility:report_2025.parquet`, direction: 'upstream', depth: 1 }).expect(200);
    expect(report.body.nodes[0]).toMatchObject({ namespace: REPORTS, name: 'mobility:report_2025.parquet', depth: 0 });
  });

  it('matches a breadth-first search over the Marquez food-delivery scenario', async () => {
    const events = readFixture('scenarios/marquez-food-delivery/metadata.resolved.json') as unknown as Array<{ job: { namespace: string; name: string }; inputs?: Array<{ namespace: string; name: string }>; outputs?: Array<{ namespace: string; name: string }> }>;
    const parents = new Map<string, Set<string>>();
    const link = (source: string, target: string) => parents.set(target, (parents.get(target) ?? new Set()).add(source));
    for (const event of events) {
      const job = `job:${event.job.namespace}:${event.job.name}`;
      for (const input of event.inputs ?? []) link(`dataset:${input.namespace}:${input.name}`, job);
      for (const output of event.outputs ?? []) link(job, `dataset:${output.namespace}:${output.name}`);
    }
    const start = 'dataset:food_delivery:public.popular_orders_day_of_week';
    const expected: Record<string, number> = { [start]: 0 };
    for (let frontier = [start], depth = 1; frontier.length > 0 && depth <= 10; depth++) {
      frontier = frontier.flatMap((node) => [...(parents.get(node) ?? [])]).filter((node) => !(node in expected));
      for (const node of frontier) expected[node] = depth;
    }
    const { body } = await graph({ node: start, direction: 'upstream', depth: 10 }).expect(200);
    expect(depths(body)).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(24);
    expect(depths(body)['job:food_delivery:etl_menus']).toBe(9);
  });

  it('answers 400 naming the parameter, 404 for an unknown node', async () => {
    const bad = await graph({ node: `dataset:${LAKE}:raw/cdr_2025`, depth: 11 }).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ path: 'query.depth' })]);
    expect((await graph({ node: `dataset:${LAKE}:raw/cdr_2025`, direction: 'sideways' }).expect(400)).body.details[0].path).toBe('query.direction');
    expect((await graph({ node: 'table:x:y' }).expect(400)).body.details[0].path).toBe('query.node');
    expect((await graph({}).expect(400)).body.details[0].path).toBe('query.node');
    expect((await graph({ kind: 'dataset', namespace: LAKE }).expect(400)).body.details[0].path).toBe('query.name');
    expect((await graph({ node: 'dataset:nowhere:nothing', bogus: 1 }).expect(400)).body.details[0].path).toContain('query.bogus');
    const unknown = await graph({ node: 'dataset:nowhere:nothing' }).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, message: 'No lineage node dataset:nowhere:nothing' });
    // `s3://telcomx-datalake` alone parses (namespace `s3`, name `//telcomx-datalake`) and names no node.
    await graph({ node: `dataset:${LAKE}` }).expect(404);
  });

  it('gives column lineage in both facet shapes, with masking flags', async () => {
    const upstream = await http()
      .get('/api/v1/lineage/columns')
      .query({ dataset: `${ANALYTICS}:mobility.od_per_capita`, field: 'viajes_per_capita', direction: 'upstream', depth: 3 })
      .set(bearer(sessions.auditor))
      .expect(200);
    const body: LineageColumns = upstream.body;
    expect(body.fields.map((field) => field.name)).toEqual(['fecha', 'mun_origen', 'viajes_per_capita']);
    const summary = body.edges.map((edge) => [edge.depth, `${edge.source.name}.${edge.source.field}`, `${edge.target.name}.${edge.target.field}`, edge.transformationType, edge.transformationSubtype, edge.masking]);
    expect(summary).toEqual([
      [1, 'censo2020.municipios.pob_total', 'mobility.od_per_capita.viajes_per_capita', 'MASKED', null, true],
      [1, 'mobility/od_municipal.viajes', 'mobility.od_per_capita.viajes_per_capita', 'MASKED', null, true],
      [2, 'staging/cdr_clean.msisdn_hash', 'mobility/od_municipal.viajes', 'DIRECT', 'AGGREGATION', true],
    ]);
    expect(body.edges[0].description).toBe('viajes / pob_total');
    const downstream = await http().get('/api/v1/lineage/columns').query({ namespace: LAKE, name: 'staging/cdr_clean', field: 'mun_cvegeo', direction: 'downstream', depth: 2 }).set(bearer(sessions.steward)).expect(200);
    expect(downstream.body.edges.map((edge: { target: { field: string }; masking: boolean; depth: number }) => [edge.depth, edge.target.field, edge.masking])).toEqual([
      [1, 'mun_destino', false],
      [1, 'mun_origen', false],
      [2, 'mun_origen', false],
    ]);
    await http().get('/api/v1/lineage/columns').query({ dataset: 'nowhere:nothing' }).set(bearer(sessions.official)).expect(404);
  });

  it('keeps run state by event time, never leaving a terminal state, with the agreement id', async () => {
    const spark: LineageRun = (await http().get(`/api/v1/lineage/runs/${RUNS.spark}`).set(bearer(sessions.official)).expect(200)).body;
    expect(spark).toMatchObject({ state: 'COMPLETE', stateTime: '2025-11-30T06:40:00.000Z', startedAt: '2025-11-30T06:13:00.000Z', endedAt: '2025-11-30T06:40:00.000Z', agreementId, parentRunId: RUNS.extract });
    expect(spark.inputs).toEqual([{ namespace: LAKE, name: 'staging/cdr_clean', catalog: null }]);
    expect(spark.outputs[0]).toMatchObject({ name: 'mobility/od_municipal', catalog: { ownerOrganizationId: sessions.partner.organizationId } });
    expect(spark.history.map((entry) => entry.eventType)).toEqual(['START', 'RUNNING', 'COMPLETE']);
    const report: LineageRun = (await http().get(`/api/v1/lineage/runs/${RUNS.report}`).set(bearer(sessions.auditor)).expect(200)).body;
    expect(report).toMatchObject({ state: 'FAIL', endedAt: '2025-11-30T14:01:00.000Z', agreementId: null });
    const dbt: LineageRun = (await http().get(`/api/v1/lineage/runs/${RUNS.dbt}`).set(bearer(sessions.steward)).expect(200)).body;
    expect(dbt).toMatchObject({ state: 'COMPLETE', stateTime: '2025-11-30T13:03:10.000Z' });
    expect(dbt.inputs.map((input) => input.name)).toEqual(['censo2020.municipios', 'mobility/od_municipal']);
    await http().get('/api/v1/lineage/runs/00000000-0000-4000-8000-000000000000').set(bearer(sessions.official)).expect(404);
    await http().get('/api/v1/lineage/runs/not-a-run').set(bearer(sessions.official)).expect(404);
  });

  it('lets the later of two non-terminal events win whatever the arrival order', async () => {
    const [running, start] = pipelineEvents(agreementId).slice(0, 1).flatMap((event) => [
      { ...event, eventType: 'RUNNING', eventTime: '2025-12-01T10:05:00Z', run: { runId: '01932f6e-7c10-7aa1-9d41-3a1c2b0000aa' } },
      { ...event, eventType: 'START', eventTime: '2025-12-01T10:00:00Z', run: { runId: '01932f6e-7c10-7aa1-9d41-3a1c2b0000aa' } },
    ]);
    await http().post('/api/v1/lineage/batch').set(bearer(sessions.steward)).send([running]).expect(200);
    await http().post('/api/v1/lineage').set(bearer(sessions.steward)).send(start).expect(201);
    const { body } = await http().get('/api/v1/lineage/runs/01932f6e-7c10-7aa1-9d41-3a1c2b0000aa').set(bearer(sessions.official)).expect(200);
    expect(body).toMatchObject({ state: 'RUNNING', stateTime: '2025-12-01T10:05:00.000Z', startedAt: '2025-12-01T10:00:00.000Z', endedAt: null });
  });

  it('keeps the public and partners out of the graph', async () => {
    await http().get('/api/v1/lineage/graph').query({ node: `dataset:${LAKE}:raw/cdr_2025` }).expect(401);
    await http().get(`/api/v1/lineage/runs/${RUNS.spark}`).expect(401);
    await http().get('/api/v1/lineage/columns').query({ dataset: `${LAKE}:raw/cdr_2025` }).set(bearer(sessions.admin)).expect(403);
  });
});
