import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName, type EvaluateLineageRunJobData } from '../../core/queue/queue-names';
import { ComplianceEvaluator } from './compliance-evaluator.service';

const SWEEP_EVERY_MS = 30_000;

/** The compliance queue in the worker: one job per lineage run to check; a sweep catches what the queue missed. */
@Processor(QueueName.Compliance, { concurrency: 4 })
export class ComplianceProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly handles = [JobName.EvaluateLineageRun] as const;
  private readonly logger = new Logger(ComplianceProcessor.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly evaluator: ComplianceEvaluator) {
    super();
  }

  onApplicationBootstrap(): void {
    const sweep = () => void this.evaluator.sweep().catch((error: Error) => this.logger.warn(`Compliance sweep: ${error.message}`));
    sweep();
    this.sweeper = setInterval(sweep, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async process(job: Job<EvaluateLineageRunJobData>): Promise<number> {
    if (job.name !== JobName.EvaluateLineageRun) throw new Error(`No handler for job ${job.name} on queue ${QueueName.Compliance}`);
    return this.evaluator.evaluate(job.data.runId);
  }
}
