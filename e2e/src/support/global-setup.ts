import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { chromiumPath } from './browser';
import { adminQuery, databaseUrl, startProcess, TEST_REDIS_URL, waitForHealthy } from './stack';

declare global {
  var __convenioStack: { processes: ChildProcess[]; database: string; queuePrefix: string } | undefined;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The real stack, as `npm start` runs it, on a database and Redis prefix of its own. */
export default async function globalSetup(): Promise<void> {
  chromiumPath();
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const database = `convenio_e2e_${runId}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `cve2e_${runId}`,
    SEED: 'demo',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    JWT_ACCESS_SECRET: randomBytes(32).toString('base64url'),
    ANONYMIZATION_HMAC_KEY: randomBytes(32).toString('base64url'),
  };
  const api = startProcess('main.js', env);
  const worker = startProcess('worker.js', env);
  for (const child of [api, worker]) child.stderr?.pipe(process.stderr);
  globalThis.__convenioStack = { processes: [api, worker], database, queuePrefix: env.QUEUE_PREFIX };
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl, 60_000);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATABASE_URL = env.DATABASE_URL;
}
