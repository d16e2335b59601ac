import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './bootstrap';
import { exitWithMessage, loadConfigOrExit } from './config/app-config';
import { checkDatabaseReachable } from './core/database/database-preflight';
import { migrateDatabase } from './core/database/migrate';
import { LineageIngestService } from './modules/lineage/lineage-ingest.service';
import { seedDemoData } from './seed/demo-seed';

/** Entry point of the HTTP API process. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const unreachable = await checkDatabaseReachable(config.env.DATABASE_URL);
  if (unreachable) exitWithMessage(unreachable);
  const migration = await migrateDatabase(config.env.DATABASE_URL, config.env.SEED === 'demo' ? seedDemoData : undefined);
  const app = await createApiApp(config);
  const logger = app.get(Logger);
  if (migration.applied.length > 0) logger.log(`Applied migrations: ${migration.applied.join(', ')}`);
  if (migration.seeded) {
    logger.log('Seeded demo data into an empty database');
    // The demo lineage gets its compliance findings as soon as a worker is up (not at its next sweep).
    await app.get(LineageIngestService).requestComplianceCheck();
  }
  await app.listen(config.env.PORT);
  logger.log(`Convenio API listening on http://localhost:${config.env.PORT}`);
}

main().catch((error: Error) => exitWithMessage(`Convenio API failed to start: ${error.message}`));
