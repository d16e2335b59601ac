import { adminQuery, deleteRedisPrefix } from './test-services';

/** Drops the run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.CONVENIO_TEST_DATABASE;
  if (name) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  if (process.env.QUEUE_PREFIX) await deleteRedisPrefix(process.env.QUEUE_PREFIX);
}
