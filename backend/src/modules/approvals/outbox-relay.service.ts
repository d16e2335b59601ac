import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from './outbox.service';

export const RELAY_INTERVAL_MS = 200;
/** Rows younger than this are normally being published by the request that wrote them. */
const RELAY_GRACE_MS = 500;
const RELAY_BATCH = 200;

/**
 * In the worker: publishes outbox rows nobody published — the API lost Redis, or died
 * between commit and publish. Polls a partial index every 200 ms (one cheap query), once
 * at start, and never runs two sweeps at a time. A row published twice is one job (job id
 * per row) and is processed once anyway (processed_at).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private sweeping = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep(0);
    this.timer = setInterval(() => void this.sweep(RELAY_GRACE_MS), RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** Publishes unpublished rows older than `graceMs`; returns how many. */
  async sweep(graceMs = 0): Promise<number> {
    if (this.sweeping || this.stopped) return 0;
    this.sweeping = true;
    try {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id::text AS id FROM outbox WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000) ORDER BY id LIMIT ${RELAY_BATCH}`,
        [graceMs],
      );
      if (rows.length === 0) return 0;
      await this.outbox.publish(rows.map((row) => row.id));
      this.logger.log(`Relayed ${rows.length} outbox row(s)`);
      return rows.length;
    } catch (error) {
      if (!this.stopped) this.logger.debug(`Outbox relay: ${(error as Error).message}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
