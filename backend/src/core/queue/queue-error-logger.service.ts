import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/**
 * Redis outages surface as queue 'error' events; without a listener BullMQ prints them to
 * stderr. Log them once per outage instead (health already reports Redis as down).
 */
@Injectable()
export class QueueErrorLogger {
  private readonly logger = new Logger('Queues');
  private readonly failing = new Set<string>();

  constructor(@Inject(getQueueToken(QueueName.System)) system: Queue, @Inject(getQueueToken(QueueName.Approvals)) approvals: Queue) {
    this.watch(QueueName.System, system);
    this.watch(QueueName.Approvals, approvals);
  }

  /** Every queue of QueueName must be injected above and watched (new queues: add them). */
  private watch(name: QueueName, queue: Queue): void {
    queue.on('error', (error) => {
      if (this.failing.has(name)) return;
      this.failing.add(name);
      this.logger.warn(`Queue ${name}: ${error.message}`);
    });
    void queue.waitUntilReady().then(() => this.failing.delete(name), () => undefined);
  }
}
