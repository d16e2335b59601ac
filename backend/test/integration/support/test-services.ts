import { Client } from 'pg';
import Redis from 'ioredis';

/** Where the integration tests find the real services (override with TEST_DATABASE_URL / TEST_REDIS_URL). */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the admin database (CREATE/DROP DATABASE, superuser checks). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is required for the integration tests and does not answer at ${ADMIN_DATABASE_URL}: ${(error as Error).message}`);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key of a test run's prefix. */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      // `prefix*`: also the prefixes tests derive from the run's (`<prefix>_anon_jobs:…`).
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function assertRedisAnswers(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is required for the integration tests and does not answer at ${TEST_REDIS_URL}: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
