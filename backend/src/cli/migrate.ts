import 'reflect-metadata';
import { exitWithMessage, loadConfigOrExit } from '../config/app-config';
import { checkDatabaseReachable } from '../core/database/database-preflight';
import { migrateDatabase } from '../core/database/migrate';
import { seedDemoData } from '../seed/demo-seed';

/** `npm run migration:run`: applies pending migrations (and the demo seed when SEED=demo). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const unreachable = await checkDatabaseReachable(config.env.DATABASE_URL);
  if (unreachable) exitWithMessage(unreachable);
  const result = await migrateDatabase(config.env.DATABASE_URL, config.env.SEED === 'demo' ? seedDemoData : undefined);
  process.stdout.write(`Applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; seeded: ${result.seeded}\n`);
}

main().catch((error: Error) => exitWithMessage(`Migration failed: ${error.message}`));
