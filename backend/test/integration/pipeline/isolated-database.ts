import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/core/database/data-source-options';
import { migrateDatabase } from '../../../src/core/database/migrate';
import { seedDemoData } from '../../../src/seed/demo-seed';
import { adminQuery, databaseUrl } from '../support/test-services';

/** The workflow tables these tests fill themselves (whatever the demo seed puts there is cleared). */
const WORKFLOW_TABLES = [
  'notifications', 'approval_tasks', 'agreement_transitions', 'agreement_signatures', 'agreement_comments', 'agreement_datasets',
  'agreement_versions', 'agreements', 'data_requests', 'diagnostic_needs', 'diagnostics',
];

export interface IsolatedDatabase {
  url: string;
  db: DataSource;
  drop(): Promise<void>;
}

/**
 * A database of the test's own (migrated, demo users and organizations, empty workflow
 * tables), so counts are exact while other test files write to the run's shared database.
 */
export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const name = `convenio_test_${label}_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  await migrateDatabase(url, seedDemoData);
  const db = new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: `test-${label}` }));
  await db.initialize();
  // TRUNCATE skips the row triggers that keep versions and signatures immutable.
  await db.query(`TRUNCATE ${WORKFLOW_TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
