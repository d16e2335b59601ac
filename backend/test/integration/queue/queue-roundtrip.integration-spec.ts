import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { WORKER_ID } from '../../../src/core/queue/worker-heartbeat.service';
import { SystemService } from '../../../src/modules/system/system.service';
import { createTestApp, createTestWorker } from '../support/create-app';

describe('API → BullMQ on real Redis → worker → API', () => {
  let api: INestApplication;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await createTestApp();
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('reports the worker down while none runs', async () => {
    const response = await request(api.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.checks.worker.status).toBe('down');
  });

  it('carries a job to the worker and its result back', async () => {
    worker = await createTestWorker();
    const answer = await api.get(SystemService).echo('hola desde la API');
    expect(answer.message).toBe('hola desde la API');
    expect(answer.processedBy).toBe(WORKER_ID);
    expect(answer.jobId).toEqual(expect.any(String));
  });

  it('reports the worker up once it has sent its heartbeat', async () => {
    const response = await request(api.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.checks.worker.status).toBe('up');
  });
});
