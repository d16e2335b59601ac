import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { RoutePolicyGuard } from './core/authz/route-policy.guard';
import { DatabaseModule } from './core/database/database.module';
import { AllExceptionsFilter } from './core/errors/all-exceptions.filter';
import { HealthModule } from './core/health/health.module';
import { LoggingModule } from './core/http/logging.module';
import { QueueModule } from './core/queue/queue.module';
import { SystemModule } from './modules/system/system.module';

/** Composition root of the HTTP API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, QueueModule, HealthModule, SystemModule],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: RoutePolicyGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
    };
  }
}
