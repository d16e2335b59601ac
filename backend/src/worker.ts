import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitWithMessage, loadConfigOrExit } from './config/app-config';
import { checkDatabaseReachable } from './core/database/database-preflight';
import { assertEveryJobHasHandler } from './core/queue/job-handlers';
import { WorkerModule } from './worker.module';

/** Entry point of the BullMQ worker process. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  assertEveryJobHasHandler();
  const unreachable = await checkDatabaseReachable(config.env.DATABASE_URL);
  if (unreachable) exitWithMessage(unreachable);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('Convenio worker is processing queues');
}

main().catch((error: Error) => exitWithMessage(`Convenio worker failed to start: ${error.message}`));
