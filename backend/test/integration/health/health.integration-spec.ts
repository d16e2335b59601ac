import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTestApp } from '../support/create-app';

describe('GET /api/health (real PostgreSQL and Redis)', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  it('answers 200 when PostgreSQL and Redis answer', async () => {
    app = await createTestApp();
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.checks.postgres.status).toBe('up');
    expect(response.body.checks.redis.status).toBe('up');
    expect(response.body.checks.postgres.latencyMs).toEqual(expect.any(Number));
  });

  it('answers 503 in the error shape naming Redis when Redis does not answer', async () => {
    app = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const response = await request(app.getHttpServer()).get('/api/health').expect(503);
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: 'Unavailable: redis' });
    expect(response.body.details.checks.postgres.status).toBe('up');
    expect(response.body.details.checks.redis.status).toBe('down');
  });

  it('answers 503 naming PostgreSQL when the database stops answering', async () => {
    app = await createTestApp();
    await app.get<DataSource>(getDataSourceToken()).destroy();
    const response = await request(app.getHttpServer()).get('/api/health').expect(503);
    expect(response.body.message).toBe('Unavailable: postgres');
    expect(response.body.details.checks.postgres).toMatchObject({ status: 'down', error: expect.any(String) });
    expect(response.body.details.checks.redis.status).toBe('up');
  });

  it('returns a request id header, keeping a well-formed one from the caller', async () => {
    app = await createTestApp();
    const generated = await request(app.getHttpServer()).get('/api/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(app.getHttpServer()).get('/api/health').set('X-Request-Id', 'trace-abc.123');
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await request(app.getHttpServer()).get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });
});
