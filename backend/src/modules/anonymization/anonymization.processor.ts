import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName, type AnonymizeCsvJobData } from '../../core/queue/queue-names';
import { AnonymizationRunner, type RunOutcome } from './anonymization-runner.service';

const SWEEP_EVERY_MS = 60_000;

/**
 * The anonymization queue in the worker: one job at a time (the engine is CPU-bound). The lock
 * is long enough for the engine's synchronous lattice search; a worker that dies mid-job gives
 * the job back when its lock expires, and the next run starts it over.
 */
@Processor(QueueName.Anonymization, { concurrency: 1, lockDuration: 20_000, stalledInterval: 10_000 })
export class AnonymizationProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly handles = [JobName.AnonymizeCsv] as const;
  private readonly logger = new Logger(AnonymizationProcessor.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly runner: AnonymizationRunner) {
    super();
  }

  onApplicationBootstrap(): void {
    const sweep = () => {
      void this.runner.sweep().catch((error: Error) => this.logger.warn(`Anonymization sweep: ${error.message}`));
      void this.runner.purgeExpiredInputs().catch((error: Error) => this.logger.warn(`Anonymization retention: ${error.message}`));
    };
    sweep();
    this.sweeper = setInterval(sweep, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async process(job: Job<AnonymizeCsvJobData>): Promise<RunOutcome> {
    if (job.name !== JobName.AnonymizeCsv) throw new Error(`No handler for job ${job.name} on queue ${QueueName.Anonymization}`);
    return this.runner.run(job.data.jobId);
  }

  /** The last try failed (database or Redis trouble): the job is marked failed instead of staying `running`. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<AnonymizeCsvJobData> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.runner.giveUp(job.data.jobId, error).catch(() => undefined);
  }
}
