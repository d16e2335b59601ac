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
  // SCAN in pages and delete page by page: a full bench leaves hundreds of thousands of keys.
  const stream = redis.scanStream({ match: `${stack.queuePrefix}:*`, count: 1000 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
  redis.disconnect();
}
