import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './core/audit/audit.module';
import { AuthCoreModule } from './core/auth/auth-core.module';
import { AuthenticationGuard } from './core/auth/authentication.guard';
import { RoutePolicyGuard } from './core/authz/route-policy.guard';
import { DatabaseModule } from './core/database/database.module';
import { AllExceptionsFilter } from './core/errors/all-exceptions.filter';
import { ContractValidationPipe } from './core/errors/contract-validation.pipe';
import { HealthModule } from './core/health/health.module';
import { LoggingModule } from './core/http/logging.module';
import { QueueModule } from './core/queue/queue.module';
import { AgreementsModule } from './modules/agreements/agreements.module';
import { AnonymizationModule } from './modules/anonymization/anonymization.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { AuditTrailModule } from './modules/audit/audit-trail.module';
import { AuthModule } from './modules/auth/auth.module';
import { DatasetsModule } from './modules/datasets/datasets.module';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module';
import { LineageModule } from './modules/lineage/lineage.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { PipelineModule } from './modules/pipeline/pipeline.module';
import { ProfilingModule } from './modules/profiling/profiling.module';
import { ComplianceModule } from './modules/compliance/compliance.module';
import { ReleasesModule } from './modules/releases/releases.module';
import { ReferenceModule } from './modules/reference/reference.module';
import { SystemModule } from './modules/system/system.module';
import { UsersModule } from './modules/users/users.module';

/** Composition root of the HTTP API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        QueueModule,
        AuditModule,
        AuthCoreModule,
        HealthModule,
        SystemModule,
        AuthModule,
        OrganizationsModule,
        UsersModule,
        ApiKeysModule,
        AuditTrailModule,
        DatasetsModule,
        ProfilingModule,
        ReferenceModule,
        NotificationsModule,
        DiagnosticsModule,
        AgreementsModule,
        ApprovalsModule,
        PipelineModule,
        LineageModule,
        AnonymizationModule,
        ReleasesModule,
        ComplianceModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Guards run in this order: who is calling, then whether the route lets them in.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RoutePolicyGuard },
        { provide: APP_PIPE, useClass: ContractValidationPipe },
      ],
    };
  }
}
