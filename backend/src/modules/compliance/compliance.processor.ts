import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName, type CheckDueLineageRunsJobData } from '../../core/queue/queue-names';
import { ComplianceEvaluator } from './compliance-evaluator.service';

const SWEEP_EVERY_MS = 30_000;

/**
 * The compliance queue in the worker: a check of every lineage run stored since its last check,
 * requested after ingestion commits (ComplianceCheckRequester); a periodic sweep does the same
 * for what the queue missed (events stored while Redis was away).
 */
@Processor(QueueName.Compliance)
export class ComplianceProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly handles = [JobName.CheckDueLineageRuns] as const;
  private readonly logger = new Logger(ComplianceProcessor.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly evaluator: ComplianceEvaluator) {
    super();
  }

  onApplicationBootstrap(): void {
    const sweep = () => void this.evaluator.checkDue().catch((error: Error) => this.logger.warn(`Compliance sweep: ${error.message}`));
    sweep();
    this.sweeper = setInterval(sweep, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async process(job: Job<CheckDueLineageRunsJobData>): Promise<number> {
    if (job.name !== JobName.CheckDueLineageRuns) throw new Error(`No handler for job ${job.name} on queue ${QueueName.Compliance}`);
    return this.evaluator.checkDue();
  }
}
