import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { JobName, QueueName, type OutboxJobData } from '../../core/queue/queue-names';

export type OutboxTopic = 'agreement.submitted' | 'approval.decided';

export interface AgreementSubmittedPayload {
  agreementId: string;
  version: number;
  round: number;
}

export interface ApprovalDecidedPayload {
  taskId: string;
}

/** How long a request waits for Redis before leaving the row to the relay. */
const PUBLISH_WAIT_MS = 300;

/** BullMQ job id of an outbox row: adding the same row twice makes one job. */
export const outboxJobId = (outboxId: string): string => `outbox-${outboxId}`;

/**
 * The transactional outbox. `write` stores an event in the caller's transaction, so it
 * exists exactly when the change it announces does; `publish` turns committed rows into
 * jobs (one job id per row) and marks them published. What fails to publish stays
 * unpublished and the worker's relay retries it.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Approvals) private readonly queue: Queue<OutboxJobData>,
  ) {}

  async write(manager: EntityManager, topic: OutboxTopic, payload: AgreementSubmittedPayload | ApprovalDecidedPayload): Promise<string> {
    const [{ id }] = await manager.query(`INSERT INTO outbox (topic, payload) VALUES ($1, $2::jsonb) RETURNING id::text AS id`, [topic, JSON.stringify(payload)]);
    return id;
  }

  /** Publishes committed rows; throws when Redis does not take them. */
  async publish(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.queue.addBulk(outboxIds.map((outboxId) => ({ name: JobName.OutboxEvent, data: { outboxId }, opts: { jobId: outboxJobId(outboxId) } })));
    await this.dataSource.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL`, [outboxIds]);
  }

  /**
   * Right after a commit: publish now so the worker reacts within milliseconds, but never
   * hold the request for a Redis outage — the relay publishes the row later.
   */
  async publishSoon(outboxId: string): Promise<boolean> {
    // While Redis is away commands would wait in the client's offline queue: do not queue
    // behind an outage, leave the row to the relay.
    if (!(await this.redisReady())) return false;
    const attempt = this.publish([outboxId]).then(
      () => true,
      (error: Error) => {
        this.logger.warn(`Outbox row ${outboxId} left to the relay: ${error.message}`);
        return false;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PUBLISH_WAIT_MS);
    });
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async redisReady(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), PUBLISH_WAIT_MS);
    });
    try {
      const client = (await Promise.race([this.queue.getBackend().connection.client, timeout])) as { status?: string } | null;
      return client?.status === 'ready';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
