import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { apiLogin } from '../src/support/api';
import { baseUrl } from '../src/support/browser';
import { benchSize, machine, printBenchLine } from './bench-report';

/**
 * OpenLineage ingestion and the lineage graph query, against the built stack.
 * BENCH_SIZE=full: 60 s sustained ingestion via `POST /lineage/batch` (floor 1,000 events/s)
 * and one event per request (floor 300 events/s), every accepted event counted in
 * `lineage_events` afterwards; then depth-10 graph queries on 1,000,000 edges (floor p95 ≤ 100 ms),
 * beside the bare recursive SQL on the same starts. Smoke size: a few seconds, 20,000 edges.
 * Events are sent as OpenLineage clients send them, with a steward's API key (`create
 * LineageEvent`); the graph is read with the steward's access token, as the portal does.
 */
const SIZE = benchSize();
const FULL = SIZE === 'full';
const SECONDS = FULL ? 60 : 3;
const BATCH = FULL ? 1000 : 200;
const BATCH_CONCURRENCY = 2;
const SINGLE_CONCURRENCY = 16;
const EDGES = FULL ? 1_000_000 : 20_000;
const QUERIES = FULL ? 300 : 30;
/** The API's own recursive SQL, from the built backend (as the stack under test runs it). */
const GRAPH_SQL_MODULE = join(__dirname, '..', '..', 'backend', 'dist', 'modules', 'lineage', 'lineage-graph.sql.js');
const PRODUCER = `https://github.com/convenio/bench/${Date.now().toString(36)}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (value: number) => Math.round(value * 10) / 10;

/** A compact but complete Spark-style RunEvent: one input, one output with a schema facet. */
function benchEvent(index: number): Record<string, unknown> {
  const job = index % 500;
  return {
    eventType: index % 2 === 0 ? 'START' : 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: 'bench-spark', name: `etl.job_${job}` },
    inputs: [{ namespace: 's3://bench-lake', name: `raw/table_${job}` }],
    outputs: [
      {
        namespace: 's3://bench-lake',
        name: `curated/table_${job}`,
        facets: { schema: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json', fields: [{ name: 'id', type: 'long' }, { name: 'value', type: 'double' }] } },
      },
    ],
  };
}

/** Runs `workers` loops of `step` until `seconds` pass; answers the events each step accepted, summed. */
async function sustain(seconds: number, workers: number, step: () => Promise<number>): Promise<{ accepted: number; ms: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const count = await step();
        accepted += count;
      }
    }),
  );
  return { accepted, ms: performance.now() - started };
}

/** A layered lineage graph of about `edges` edges: each job reads 5 nearby datasets and writes 3 (1 % back, making cycles). */
async function seedGraph(client: Client, edges: number): Promise<{ datasets: number }> {
  const jobs = Math.round(edges / 8);
  const datasets = jobs * 2;
  await client.query(`INSERT INTO lineage_namespaces (name) VALUES ('bench-graph') ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO lineage_nodes (kind, namespace, name) SELECT 'dataset', 'bench-graph', 'd' || i FROM generate_series(1, $1::int) i`, [datasets]);
  await client.query(`INSERT INTO lineage_nodes (kind, namespace, name) SELECT 'job', 'bench-graph', 'j' || i FROM generate_series(1, $1::int) i`, [jobs]);
  await client.query(`CREATE TEMP TABLE bench_ids AS SELECT kind, substr(name, 2)::int AS i, id FROM lineage_nodes WHERE namespace = 'bench-graph'`);
  await client.query(`CREATE INDEX ON bench_ids (kind, i)`);
  await client.query(`ANALYZE bench_ids`);
  await client.query(
    `INSERT INTO lineage_edges (source_id, target_id)
     SELECT d.id, j.id FROM (SELECT k, greatest(1, 2 * k - 1 - floor(random() * 200)::int) AS di FROM generate_series(1, $1::int) k CROSS JOIN generate_series(1, 5) s) x
       JOIN bench_ids j ON j.kind = 'job' AND j.i = x.k
       JOIN bench_ids d ON d.kind = 'dataset' AND d.i = x.di
     ON CONFLICT DO NOTHING`,
    [jobs],
  );
  await client.query(
    `INSERT INTO lineage_edges (source_id, target_id)
     SELECT j.id, d.id FROM (
         SELECT k, CASE WHEN random() < 0.01 THEN greatest(1, 2 * k - floor(random() * 1000)::int) ELSE least($2::int, 2 * k + floor(random() * 100)::int) END AS di
         FROM generate_series(1, $1::int) k CROSS JOIN generate_series(1, 3) s) x
       JOIN bench_ids j ON j.kind = 'job' AND j.i = x.k
       JOIN bench_ids d ON d.kind = 'dataset' AND d.i = x.di
     ON CONFLICT DO NOTHING`,
    [jobs, datasets],
  );
  for (const table of ['lineage_nodes', 'lineage_edges']) await client.query(`VACUUM ANALYZE ${table}`);
  return { datasets };
}

/** An API key of the signed-in caller for machine clients, with only `create LineageEvent`. */
async function lineageApiKey(token: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/v1/api-keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench OpenLineage client', permissions: [{ action: 'create', subject: 'LineageEvent' }] }),
  });
  if (response.status !== 201) throw new Error(`creating the bench API key answered ${response.status}`);
  return ((await response.json()) as { key: string }).key;
}

describe(`lineage ingestion and graph queries (${SIZE} size)`, () => {
  let client: Client;
  let token: string;
  let apiKey: string;
  let graphWalkSql: (direction: string) => string;
  const post = (path: string, body: unknown) => fetch(`${baseUrl()}/api/v1/lineage${path}`, { method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    token = await apiLogin('steward@inegi.org.mx');
    apiKey = await lineageApiKey(token);
    ({ graphWalkSql } = (await import(GRAPH_SQL_MODULE)) as { graphWalkSql: (direction: string) => string });
  });

  afterAll(async () => {
    await client.end();
  });

  it('ingests ≥ 1,000 events/s in batches and ≥ 300 events/s one per request, storing every accepted event', async () => {
    let index = 0;
    const batch = await sustain(SECONDS, BATCH_CONCURRENCY, async () => {
      const events = Array.from({ length: BATCH }, () => benchEvent(index++));
      const response = await post('/batch', events);
      const body = (await response.json()) as { accepted: number; invalid: number };
      expect(response.status).toBe(200);
      expect(body.invalid).toBe(0);
      return body.accepted;
    });
    const single = await sustain(SECONDS, SINGLE_CONCURRENCY, async () => {
      const response = await post('', benchEvent(index++));
      expect(response.status).toBe(201);
      await response.arrayBuffer();
      return 1;
    });
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM lineage_events WHERE producer = $1`, [PRODUCER]);
    expect(Number(rows[0].count)).toBe(batch.accepted + single.accepted);
    const result = {
      bench: 'lineage-ingest',
      size: SIZE,
      credential: 'api key',
      seconds: SECONDS,
      batchSize: BATCH,
      batchEventsPerSecond: Math.round((batch.accepted / batch.ms) * 1000),
      singleEventsPerSecond: Math.round((single.accepted / single.ms) * 1000),
      stored: Number(rows[0].count),
      machine: machine(),
      date: new Date().toISOString(),
    };
    printBenchLine(result);
    if (FULL) {
      expect(result.batchEventsPerSecond).toBeGreaterThanOrEqual(1000);
      expect(result.singleEventsPerSecond).toBeGreaterThanOrEqual(300);
    }
  }, 900_000);

  it(`answers depth-10 graph queries on ${EDGES.toLocaleString('en')} edges at p95 ≤ 100 ms, beside the bare recursive SQL`, async () => {
    const seeded = performance.now();
    const { datasets } = await seedGraph(client, EDGES);
    const seedSeconds = Math.round((performance.now() - seeded) / 1000);
    const { rows: counted } = await client.query<{ count: string }>(`SELECT count(*) FROM lineage_edges`);
    const directions = ['upstream', 'downstream', 'both'] as const;
    const starts = Array.from({ length: QUERIES }, (_, i) => ({ name: `d${1 + Math.floor(Math.random() * datasets)}`, direction: directions[i % 3] }));
    const api: number[] = [];
    const sizes: number[] = [];
    let truncated = 0;
    for (const start of starts) {
      const query = new URLSearchParams({ node: `dataset:bench-graph:${start.name}`, direction: start.direction, depth: '10' });
      const began = performance.now();
      const response = await fetch(`${baseUrl()}/api/v1/lineage/graph?${query}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { nodes: unknown[]; truncated: boolean };
      api.push(performance.now() - began);
      expect(response.status).toBe(200);
      sizes.push(body.nodes.length);
      if (body.truncated) truncated += 1;
    }
    const bare: number[] = [];
    for (const start of starts) {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM lineage_nodes WHERE kind = 'dataset' AND namespace = 'bench-graph' AND name = $1`, [start.name]);
      const began = performance.now();
      await client.query(graphWalkSql(start.direction), [rows[0].id, 10, 5000]);
      bare.push(performance.now() - began);
    }
    const result = {
      bench: 'lineage-graph',
      size: SIZE,
      edges: Number(counted[0].count),
      seedSeconds,
      queries: QUERIES,
      medianNodes: percentile(sizes, 50),
      truncatedAnswers: truncated,
      apiP50Ms: round(percentile(api, 50)),
      apiP95Ms: round(percentile(api, 95)),
      bareSqlP50Ms: round(percentile(bare, 50)),
      bareSqlP95Ms: round(percentile(bare, 95)),
      machine: machine(),
      date: new Date().toISOString(),
    };
    printBenchLine(result);
    if (FULL) expect(result.apiP95Ms).toBeLessThanOrEqual(100);
  }, 900_000);
});
