import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { errorResponseSchema } from '@convenio/contracts';
import request from 'supertest';
import { AppModule } from '../../../src/app.module';
import { configureHttp, API_PREFIX } from '../../../src/core/http/configure-http';
import { testConfig } from '../support/create-app';
import { ProbeModule } from '../support/probe.controller';
import { Module } from '@nestjs/common';

describe('one error shape everywhere', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const config = testConfig();
    @Module({ imports: [AppModule.forRoot(config), ProbeModule] })
    class ProbeAppModule {}
    app = await NestFactory.create(ProbeAppModule, { bodyParser: false, logger: false });
    app.setGlobalPrefix(API_PREFIX);
    configureHttp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const expectShape = (body: unknown) => expect(errorResponseSchema.safeParse(body).success).toBe(true);

  it('answers malformed JSON with 400 in the error shape, on any POST route', async () => {
    for (const path of ['/api/v1/test-probe', '/api/v1/no-such-route']) {
      const response = await request(app.getHttpServer()).post(path).set('Content-Type', 'application/json').send('{"name": "x",');
      expect(response.status).toBe(400);
      expectShape(response.body);
      expect(response.body.message).toMatch(/^Malformed JSON in request body/);
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('rejects a wrong field with 400 naming it', async () => {
    const response = await request(app.getHttpServer()).post('/api/v1/test-probe').send({ name: 'x', count: 'three' }).expect(400);
    expectShape(response.body);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'body.count' })]);
    expect(response.body.message).toContain('body.count');
  });

  it('rejects unknown fields with 400 naming them', async () => {
    const response = await request(app.getHttpServer()).post('/api/v1/test-probe').send({ name: 'x', count: 1, admin: true }).expect(400);
    expect(response.body.details[0].path).toBe('body.admin');
    expect(response.body.message).toContain('unknown field');
  });

  it('accepts a valid body', async () => {
    await request(app.getHttpServer()).post('/api/v1/test-probe').send({ name: 'x', count: 2 }).expect(201, { name: 'x', count: 2 });
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/test-probe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_200_000), count: 1 }))
      .expect(413);
    expectShape(response.body);
  });

  it('maps domain exceptions to their status with details', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/test-probe/conflict').expect(409);
    expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'The probe is already in that state', details: { allowed: ['a', 'b'] } });
  });

  it('hides unexpected errors behind a 500 with the request id and no stack', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/test-probe/crash').set('X-Request-Id', 'crash-1').expect(500);
    expectShape(response.body);
    expect(response.body.details).toEqual({ requestId: 'crash-1' });
    expect(JSON.stringify(response.body)).not.toContain('secret internal detail');
    expect(JSON.stringify(response.body)).not.toMatch(/\sat \S+ \(/);
  });

  it('denies a route that declares no policy', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/test-probe/undeclared').expect(403);
    expectShape(response.body);
  });

  it('answers an unknown API route with 404 in the error shape', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/nothing-here').expect(404);
    expectShape(response.body);
  });
});
