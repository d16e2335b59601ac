import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/core/database/data-source-options';
import { migrateDatabase } from '../../../src/core/database/migrate';
import { seedDemoData, DEMO_ORGANIZATIONS } from '../../../src/seed/demo-seed';
import { adminQuery, databaseUrl } from '../support/test-services';

describe('committed migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 2, applicationName: 'migration-test' }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('leave no entity change without a migration', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('are all applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  describe('on a fresh database', () => {
    const name = `convenio_test_mig_${Date.now().toString(36)}_${process.pid}`;
    beforeAll(() => adminQuery(`CREATE DATABASE "${name}"`));
    afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

    it('migrate and seed once even when replicas start together', async () => {
      const url = databaseUrl(name);
      const results = await Promise.all([migrateDatabase(url, seedDemoData), migrateDatabase(url, seedDemoData), migrateDatabase(url, seedDemoData)]);
      expect(results.filter((result) => result.applied.length > 0)).toHaveLength(1);
      expect(results.filter((result) => result.seeded)).toHaveLength(1);
      const check = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'migration-test' }));
      await check.initialize();
      const [{ count }] = await check.query('SELECT count(*)::int AS count FROM organizations');
      await check.destroy();
      expect(count).toBe(DEMO_ORGANIZATIONS.length);
    });
  });
});
