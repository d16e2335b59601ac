import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../../core/clock/clock';
import { JobName, QueueName, type AgreementsDailyJobData } from '../../core/queue/queue-names';
import { ApprovalTasksService } from './approval-tasks.service';

export const DAILY_SCHEDULER_ID = 'agreements-daily';
export const DAILY_PATTERN = '0 6 * * *';
export const DAILY_TIME_ZONE = 'America/Mexico_City';

/**
 * In the worker, at start: the daily agreements job as a BullMQ job scheduler (06:00 in
 * Mexico City; upserting keeps one scheduler however many workers start), and the timers of
 * every pending task re-queued (idempotent job ids).
 */
@Injectable()
export class ApprovalsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApprovalsScheduler.name);

  constructor(
    @InjectQueue(QueueName.Approvals) private readonly queue: Queue<AgreementsDailyJobData>,
    private readonly tasks: ApprovalTasksService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a worker started while Redis is away still boots and catches up later.
    void this.schedule().catch((error: Error) => this.logger.warn(`Approvals schedules not set: ${error.message}`));
  }

  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(DAILY_SCHEDULER_ID, { pattern: DAILY_PATTERN, tz: DAILY_TIME_ZONE }, { name: JobName.AgreementsDaily, data: {} });
    await this.tasks.scheduleAllPending(this.clock.now());
  }

  /** Runs the daily job now (operators, tests), for a given Mexico City date or today. */
  async runDailyNow(today?: string): Promise<string> {
    const job = await this.queue.add(JobName.AgreementsDaily, today ? { today } : {});
    return job.id ?? '';
  }
}
