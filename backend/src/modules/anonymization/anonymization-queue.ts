import type { JobsOptions } from 'bullmq';

/**
 * BullMQ options of one anonymization job: its id is the job's id (queuing twice is a no-op),
 * and an infrastructure failure (database, Redis) is retried; bad input never reaches the
 * queue (it is refused at upload) and a cancellation is not an error.
 */
export function anonymizeJobOptions(jobId: string): JobsOptions {
  return { jobId, attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 };
}
