import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Any fixed 64-bit key; all replicas take the same one. */
const MIGRATION_LOCK_KEY = 7_042_190_331;

export interface MigrateResult {
  applied: string[];
  seeded: boolean;
}

/**
 * Runs pending migrations (and, when asked, the seed) under a PostgreSQL advisory lock,
 * on one connection, so several API replicas may start at once and a pool of one works.
 */
export async function migrateDatabase(
  url: string,
  seed?: (queryRunner: QueryRunner) => Promise<boolean>,
): Promise<MigrateResult> {
  const dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize: 1, applicationName: 'convenio-migrate' }) });
  await dataSource.initialize();
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      const seeded = seed ? await seed(queryRunner) : false;
      return { applied: applied.map((migration) => migration.name), seeded };
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
    await dataSource.destroy();
  }
}
