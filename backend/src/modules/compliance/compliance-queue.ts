import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, type CheckDueLineageRunsJobData } from '../../core/queue/queue-names';

/** A requested check waits this long, gathering the runs of a burst of ingestion into one pass. */
const CHECK_DELAY_MS = 1000;
/** A process asks Redis at most once per this interval; requests in between are folded into one trailing request. */
const LOCAL_INTERVAL_MS = 200;

/**
 * Asks the worker to check the lineage runs stored since their last check — one job for all of
 * them, not one per run. Call it after the commit that stored the runs.
 *
 * Coalesced twice, without losing a run: (1) in the process, a request within LOCAL_INTERVAL_MS
 * of the last one schedules a single trailing request, so a request always reaches Redis after
 * the commit that prompted it; (2) in Redis, one deduplicated job: a request joins the check
 * that is waiting (it has not read the runs yet, so it will see this commit), and a request
 * made while a check is running leaves one more check to run after it (BullMQ
 * `keepLastIfActive`). When Redis is away, the worker's periodic sweep finds the runs anyway
 * (they stay on `lineage_runs_due` until checked).
 */
export class ComplianceCheckRequester {
  private readonly logger = new Logger(ComplianceCheckRequester.name);
  private lastAskedAt = Number.NEGATIVE_INFINITY;
  private trailing: NodeJS.Timeout | null = null;

  constructor(private readonly queue: Queue<CheckDueLineageRunsJobData>) {}

  /** Never throws: a check that could not be queued is left to the sweep. */
  async request(): Promise<void> {
    if (this.trailing) return;
    const wait = this.lastAskedAt + LOCAL_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.trailing = setTimeout(() => {
        this.trailing = null;
        void this.ask();
      }, wait);
      this.trailing.unref();
      return;
    }
    await this.ask();
  }

  private async ask(): Promise<void> {
    this.lastAskedAt = Date.now();
    await this.queue
      .add(JobName.CheckDueLineageRuns, {}, { delay: CHECK_DELAY_MS, deduplication: { id: 'due-lineage-runs', keepLastIfActive: true }, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 100, removeOnFail: 1000 })
      .catch((error: Error) => this.logger.warn(`Compliance check not queued (the worker's sweep will run it): ${error.message}`));
  }
}
