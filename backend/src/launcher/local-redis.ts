import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

export const REDIS_HELP =
  'Redis is needed and none answers at 127.0.0.1:6379: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379';

/** True when a Redis server answers PING at host:port. */
export function redisAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export interface LocalRedis {
  url: string;
  process?: ChildProcess;
}

/**
 * REDIS_URL unset: use redis://127.0.0.1:6379 when a server answers there, else start
 * `redis-server` from PATH with its data in the data folder, else fail with how to fix it.
 */
export async function resolveLocalRedis(dataRoot: string, port: number): Promise<LocalRedis> {
  if (await redisAnswers('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379' };
  if (spawnSync('redis-server', ['--version']).error) throw new Error(REDIS_HELP);
  const dir = join(dataRoot, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], {
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await redisAnswers('127.0.0.1', port)) return { url: `redis://127.0.0.1:${port}`, process: child };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`redis-server did not start on port ${port}; ${REDIS_HELP}`);
}
