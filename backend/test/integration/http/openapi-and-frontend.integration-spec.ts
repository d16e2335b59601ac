import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/create-app';

describe('OpenAPI and the served frontend', () => {
  let app: INestApplication;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'convenio-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="es-MX"><body><cv-root></cv-root></body></html>');
    writeFileSync(join(dist, 'main.js'), 'console.log("app")');
    app = await createTestApp({ FRONTEND_DIST: dist });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toContain('/api/health');
    await request(app.getHttpServer()).get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('serves the frontend at / and its client-side routes, but not under /api', async () => {
    const home = await request(app.getHttpServer()).get('/').expect(200);
    expect(home.text).toContain('<cv-root>');
    await request(app.getHttpServer()).get('/main.js').expect(200).expect('Content-Type', /javascript/);
    const deepLink = await request(app.getHttpServer()).get('/acerca').expect(200);
    expect(deepLink.text).toContain('<cv-root>');
    const api = await request(app.getHttpServer()).get('/api/unknown').expect(404);
    expect(api.body.statusCode).toBe(404);
  });

  it('sends security headers', async () => {
    const response = await request(app.getHttpServer()).get('/');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
