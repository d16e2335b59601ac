import { Module } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { AgreementLifecycleService } from '../agreements/agreement-lifecycle.service';
import { AgreementCalendar } from './agreement-calendar.service';
import { ApprovalTasksService } from './approval-tasks.service';
import { ApprovalTimers } from './approval-timers.service';
import { ApprovalsScheduler } from './approvals-scheduler.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { WorkflowEngine } from './workflow-engine.service';

/**
 * The worker half of approvals: the workflow engine, timers, the daily calendar, the outbox
 * relay and the schedulers. AgreementLifecycleService is provided directly (it needs only
 * the global AuditService) so the worker does not pull in the agreements HTTP module.
 */
@Module({
  providers: [Clock, AgreementLifecycleService, OutboxService, OutboxRelay, ApprovalTasksService, WorkflowEngine, ApprovalTimers, AgreementCalendar, ApprovalsScheduler],
  exports: [Clock, WorkflowEngine, ApprovalTimers, AgreementCalendar, ApprovalsScheduler, OutboxRelay, ApprovalTasksService],
})
export class ApprovalsWorkerModule {}
