import { randomBytes } from 'node:crypto';
import { migrateDatabase } from '../../../src/core/database/migrate';
import { seedDemoData } from '../../../src/seed/demo-seed';
import { adminQuery, assertRedisAnswers, databaseUrl, TEST_REDIS_URL } from './test-services';

/**
 * Once per run: a database of its own (migrated, with the demo seed), a Redis key prefix of its own. A missing
 * service fails the run with a line saying which; nothing is skipped.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const name = `convenio_test_${runId}`;
  await assertRedisAnswers();
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  await migrateDatabase(url, seedDemoData);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `cvtest_${runId}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED: 'none',
    DB_POOL_SIZE: '5',
    CONVENIO_TEST_DATABASE: name,
    LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
    JWT_ACCESS_SECRET: randomBytes(32).toString('base64url'),
    ANONYMIZATION_HMAC_KEY: randomBytes(32).toString('base64url'),
  });
}
