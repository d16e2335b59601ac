import { Module } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { AgreementsModule } from '../agreements/agreements.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { OutboxService } from './outbox.service';
import { WorkflowDefinitionsController } from './workflow-definitions.controller';
import { WorkflowDefinitionsService } from './workflow-definitions.service';

/** Workflow definitions, submission, approval tasks and decisions (API half); the worker half is ApprovalsWorkerModule. */
@Module({
  imports: [AgreementsModule],
  controllers: [ApprovalsController, WorkflowDefinitionsController],
  providers: [ApprovalsService, WorkflowDefinitionsService, OutboxService, Clock],
  exports: [OutboxService],
})
export class ApprovalsModule {}
