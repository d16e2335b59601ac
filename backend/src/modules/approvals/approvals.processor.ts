import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { mexicoCityDate } from '@convenio/contracts';
import type { Job } from 'bullmq';
import { Clock } from '../../core/clock/clock';
import { JobName, QueueName, type AgreementsDailyJobData, type ApprovalTimerJobData, type OutboxJobData } from '../../core/queue/queue-names';
import { AgreementCalendar } from './agreement-calendar.service';
import { ApprovalTimers } from './approval-timers.service';
import { WorkflowEngine } from './workflow-engine.service';

type ApprovalsJob = Job<OutboxJobData> | Job<ApprovalTimerJobData> | Job<AgreementsDailyJobData>;

/**
 * The approvals queue in the worker. A short lock means a worker that dies mid-job gives
 * its job back within seconds (BullMQ's stalled-job check); handlers are idempotent so a
 * job run again changes nothing twice.
 */
@Processor(QueueName.Approvals, { concurrency: 16, lockDuration: 8_000, stalledInterval: 4_000 })
export class ApprovalsProcessor extends WorkerHost {
  static readonly handles = [JobName.OutboxEvent, JobName.ApprovalReminder, JobName.ApprovalEscalation, JobName.AgreementsDaily] as const;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly timers: ApprovalTimers,
    private readonly calendar: AgreementCalendar,
    private readonly clock: Clock,
  ) {
    super();
  }

  private readonly logger = new Logger(ApprovalsProcessor.name);
  private failing = false;

  /** Redis outages surface here; log once per outage instead of BullMQ printing every retry. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`Approvals worker: ${error.message}`);
  }

  @OnWorkerEvent('ready')
  onReady(): void {
    this.failing = false;
  }

  async process(job: ApprovalsJob): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.OutboxEvent:
        return this.engine.handleOutboxRow((job.data as OutboxJobData).outboxId);
      case JobName.ApprovalReminder:
        return this.timers.remind((job.data as ApprovalTimerJobData).taskId, this.clock.now());
      case JobName.ApprovalEscalation:
        return this.timers.escalate((job.data as ApprovalTimerJobData).taskId, this.clock.now());
      case JobName.AgreementsDaily:
        return this.calendar.run((job.data as AgreementsDailyJobData).today ?? mexicoCityDate(this.clock.now()));
      default:
        throw new Error(`No handler for job ${job.name} on queue ${QueueName.Approvals}`);
    }
  }
}
