import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './core/audit/audit.module';
import { DatabaseModule } from './core/database/database.module';
import { LoggingModule } from './core/http/logging.module';
import { PROCESSORS } from './core/queue/job-handlers';
import { QueueModule } from './core/queue/queue.module';
import { WorkerHeartbeatService } from './core/queue/worker-heartbeat.service';
import { AnonymizationWorkerModule } from './modules/anonymization/anonymization-worker.module';
import { ComplianceWorkerModule } from './modules/compliance/compliance-worker.module';
import { ApprovalsWorkerModule } from './modules/approvals/approvals-worker.module';
import { NotificationEmailModule } from './modules/notifications/notification-email.module';
import { NotificationsModule } from './modules/notifications/notifications.module';

/** Composition root of the BullMQ worker process: same code base, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, QueueModule, AuditModule, NotificationsModule, NotificationEmailModule, ApprovalsWorkerModule, AnonymizationWorkerModule, ComplianceWorkerModule],
      providers: [WorkerHeartbeatService, ...PROCESSORS],
    };
  }
}
