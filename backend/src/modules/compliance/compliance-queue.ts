import type { Queue } from 'bullmq';
import { JobName, type EvaluateLineageRunJobData } from '../../core/queue/queue-names';

/**
 * Asks the worker to check these runs. One pending check per run (BullMQ deduplication by run
 * id); an event that arrives while its run is being checked is picked up by the worker's sweep
 * (runs whose `updated_at` is newer than their last check).
 */
export async function queueRunChecks(queue: Queue<EvaluateLineageRunJobData>, runIds: Iterable<string>): Promise<void> {
  const unique = [...new Set(runIds)];
  if (unique.length === 0) return;
  await queue.addBulk(unique.map((runId) => ({ name: JobName.EvaluateLineageRun, data: { runId }, opts: { deduplication: { id: `run:${runId}` }, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 } })));
}
