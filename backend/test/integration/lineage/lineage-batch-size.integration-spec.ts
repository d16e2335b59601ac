import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, login, type Session } from '../support/personas';

const SPARK = 'https://github.com/OpenLineage/OpenLineage/tree/1.25.0/integration/spark';

/** A Spark COMPLETE event with a 40-column schema and column lineage, ≈ 5 KB: what real producers send. */
function heavyEvent(index: number) {
  const fields = Array.from({ length: 40 }, (_, column) => `columna_${column}_${'x'.repeat(12)}`);
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-11-01T10:00:00Z',
    producer: SPARK,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: 'spark-batch-size', name: `job_${index % 50}` },
    inputs: [{ namespace: 's3://batch-size', name: `in_${index % 50}` }],
    outputs: [
      {
        namespace: 's3://batch-size',
        name: `out_${index % 50}`,
        facets: {
          schema: { _producer: SPARK, _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet', fields: fields.map((name) => ({ name, type: 'string' })) },
          columnLineage: {
            _producer: SPARK,
            _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
            fields: Object.fromEntries(fields.slice(0, 20).map((name) => [name, { inputFields: [{ namespace: 's3://batch-size', name: `in_${index % 50}`, field: name, transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] }])),
          },
        },
      },
    ],
  };
}

/** The batch endpoint takes 1,000 realistic events (several MB) while other routes keep the 1 MB limit. */
describe('lineage batch body size', () => {
  let api: INestApplication;
  let steward: Session;

  beforeAll(async () => {
    api = await createTestApp();
    steward = await login(api, 'steward@inegi.org.mx');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('accepts 1,000 events of ≈ 5 KB each in one batch', async () => {
    const events = Array.from({ length: 1000 }, (_, index) => heavyEvent(index));
    const body = JSON.stringify(events);
    expect(body.length).toBeGreaterThan(3 * 1024 * 1024);
    const response = await request(api.getHttpServer()).post('/api/v1/lineage/batch').set(bearer(steward)).set('Content-Type', 'application/json').send(body).expect(200);
    expect(response.body).toMatchObject({ accepted: 1000, duplicates: 0, invalid: 0 });
  });

  it('keeps the 1 MB limit elsewhere, and says which limit', async () => {
    const big = JSON.stringify(heavyEvent(1)).padEnd(1_200_000, ' ');
    const single = await request(api.getHttpServer()).post('/api/v1/lineage').set(bearer(steward)).set('Content-Type', 'application/json').send(big).expect(413);
    expect(single.body.message).toBe('Request body exceeds the limit of 1mb');
    const huge = `[${Array.from({ length: 3500 }, (_, index) => JSON.stringify(heavyEvent(index))).join(',')}]`;
    const batch = await request(api.getHttpServer()).post('/api/v1/lineage/batch').set(bearer(steward)).set('Content-Type', 'application/json').send(huge).expect(413);
    expect(batch.body.message).toBe('Request body exceeds the limit of 16mb');
  });
});
