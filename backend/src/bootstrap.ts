import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { configureHttp, API_PREFIX } from './core/http/configure-http';
import { setupOpenApi } from './core/openapi/openapi';

/** Builds the HTTP API application (used by main.ts and by the integration tests). */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  configureHttp(app, config);
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
