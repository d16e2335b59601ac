import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, parseEnv } from '../../../src/config/app-config';
import { createApiApp } from '../../../src/bootstrap';
import { WorkerModule } from '../../../src/worker.module';

/** The configuration the global setup prepared, with overrides for one test. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return new AppConfig(parseEnv({ ...process.env, ...overrides }));
}

/** The real API app (real AppModule, PostgreSQL, Redis), initialised but not listening. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<INestApplication> {
  const app = await createApiApp(testConfig(overrides));
  await app.init();
  return app;
}

/** The real worker process's module, in this process. */
export async function createTestWorker(overrides: Record<string, string> = {}): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(overrides)), { logger: false });
  await worker.init();
  return worker;
}
