import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { resolveLocalRedis, type LocalRedis } from './local-redis';

/**
 * `npm start`: the portal with its worker on one machine. Uses DATABASE_URL and REDIS_URL
 * when set; otherwise an embedded PostgreSQL (PGlite, data in .data/) and a local Redis.
 * The API runs migrations and the seed before it listens; the worker starts once it does.
 */
const root = resolve(__dirname, '..', '..', '..');
const dataRoot = resolve(process.env.CONVENIO_DATA_DIR ?? resolve(root, '.data'));
const port = Number(process.env.PORT ?? 3000);
const children: ChildProcess[] = [];
let embedded: EmbeddedPostgres | undefined;
let redis: LocalRedis | undefined;
let stopping = false;

function say(message: string): void {
  process.stdout.write(`[convenio] ${message}\n`);
}

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((done) => child.once('exit', done)) : null)));
    await embedded?.stop();
    redis?.process?.kill('SIGTERM');
  }
  process.exit(code);
}

function run(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [resolve(__dirname, '..', script)], { env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code) => {
    if (!stopping) void stop(code || 1);
  });
  return child;
}

/** A port nobody listens on now, chosen by the OS. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port: chosen } = server.address() as { port: number };
      server.close(() => done(chosen));
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.status === 200 || response.status === 503) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  return false;
}

/** The local demo's signing secret, made once and kept in the data folder (never in the repo). */
function localSecret(name: string): string {
  mkdirSync(dataRoot, { recursive: true });
  const file = resolve(dataRoot, 'secrets.json');
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('base64url');
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  if (!env.NODE_ENV) env.NODE_ENV = 'production';
  if (!env.JWT_ACCESS_SECRET) env.JWT_ACCESS_SECRET = localSecret('JWT_ACCESS_SECRET');
  if (!env.ANONYMIZATION_HMAC_KEY) env.ANONYMIZATION_HMAC_KEY = localSecret('ANONYMIZATION_HMAC_KEY');
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(dataRoot, await freePort(), 4);
    env.DATABASE_URL = embedded.url;
    env.DB_POOL_SIZE = '1';
    say(`embedded PostgreSQL (PGlite) with data in ${dataRoot}/pglite`);
  }
  if (!env.REDIS_URL) {
    redis = await resolveLocalRedis(dataRoot, await freePort());
    env.REDIS_URL = redis.url;
    say(redis.process ? `started redis-server with data in ${dataRoot}/redis` : `using Redis at ${redis.url}`);
  }
  run('main.js', env);
  if (!(await waitForHealth(`http://127.0.0.1:${port}/api/health`, 120_000))) return;
  run('worker.js', env);
  say(`Convenio is up at http://localhost:${port} (API docs at /api/docs)`);
}

main().catch(async (error: Error) => {
  process.stderr.write(`Convenio could not start: ${error.message}\n`);
  await stop(1);
});
