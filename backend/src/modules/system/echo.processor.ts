import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, type EchoJobData, type EchoJobResult } from '../../core/queue/queue-names';
import { WORKER_ID } from '../../core/queue/worker-heartbeat.service';

/** Answers echo jobs: the worker half of the API → queue → worker round trip. */
@Processor(QueueName.System)
export class EchoProcessor extends WorkerHost {
  static readonly handles = [JobName.Echo] as const;

  async process(job: Job<EchoJobData, EchoJobResult>): Promise<EchoJobResult> {
    if (job.name !== JobName.Echo) throw new Error(`No handler for job ${job.name} on queue ${QueueName.System}`);
    return { message: job.data.message, processedBy: WORKER_ID };
  }
}
