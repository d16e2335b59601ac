import Redis from 'ioredis';
import { adminQuery, TEST_REDIS_URL } from './stack';

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__convenioStack;
  if (!stack) return;
  await Promise.all(
    stack.processes.map((child) =>
      child.exitCode === null ? new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) : null,
    ),
  );
  await adminQuery(`DROP DATABASE IF EXISTS "${stack.database}" WITH (FORCE)`);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${stack.queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}
