import { hostname } from 'node:os';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RedisClient } from './redis.provider';

export const HEARTBEAT_INTERVAL_MS = 10_000;
export const HEARTBEAT_TTL_MS = 30_000;
export const WORKER_ID = `${hostname()}:${process.pid}`;

/** The worker says it is alive every 10 s; the API's health check reads the key. */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeatService.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly redis: RedisClient) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.connection.del(this.redis.key('worker', 'heartbeat')).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.redis.connection.set(this.redis.key('worker', 'heartbeat'), JSON.stringify({ id: WORKER_ID, at: new Date().toISOString() }), 'PX', HEARTBEAT_TTL_MS);
    } catch (error) {
      this.logger.warn(`Heartbeat not sent: ${(error as Error).message}`);
    }
  }
}
