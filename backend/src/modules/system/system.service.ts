import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EchoResponse } from '@convenio/contracts';
import { Queue, QueueEvents } from 'bullmq';
import { JobName, QueueName, type EchoJobData, type EchoJobResult } from '../../core/queue/queue-names';

/**
 * System checks that cross processes. `echo` sends a job through the real queue to the
 * worker and waits for its answer: proof that API → Redis → worker → API works.
 */
@Injectable()
export class SystemService implements OnApplicationShutdown {
  private events?: QueueEvents;

  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue<EchoJobData, EchoJobResult>) {}

  async echo(message: string, timeoutMs = 10_000): Promise<EchoResponse> {
    const events = await this.queueEvents();
    const sentAt = Date.now();
    const job = await this.queue.add(JobName.Echo, { message, sentAt }, { attempts: 1, removeOnComplete: true, removeOnFail: true });
    const result = (await job.waitUntilFinished(events, timeoutMs)) as EchoJobResult;
    return { jobId: String(job.id), message: result.message, processedBy: result.processedBy, roundTripMs: Date.now() - sentAt };
  }

  private async queueEvents(): Promise<QueueEvents> {
    if (!this.events) {
      this.events = new QueueEvents(this.queue.name, { connection: this.queue.opts.connection, prefix: this.queue.opts.prefix });
      this.events.on('error', () => undefined);
      await this.events.waitUntilReady();
    }
    return this.events;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close();
  }
}
