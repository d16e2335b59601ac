import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';

/**
 * A plain Redis connection for health checks, heartbeats and login counters. Commands sent
 * while it (re)connects wait in the offline queue, but never longer than 3 s; it reconnects
 * on its own.
 */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisClient.name);
  readonly connection: Redis;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.connection = new Redis(config.env.REDIS_URL, {
      enableOfflineQueue: true,
      commandTimeout: 3000,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 3000),
    });
    this.connection.on('error', (error) => this.logger.debug(`Redis: ${error.message}`));
  }

  /** A key in the app's namespace (`QUEUE_PREFIX:...`). */
  key(...parts: string[]): string {
    return [this.config.env.QUEUE_PREFIX, ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    this.connection.disconnect();
  }
}
