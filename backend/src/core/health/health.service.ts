import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DependencyCheck, HealthReport } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { RedisClient } from '../queue/redis.provider';

const CHECK_TIMEOUT_MS = 2000;
const startedAt = Date.now();

async function timed(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (error) {
    return { status: 'down', error: (error as Error).message || 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/** Asks PostgreSQL and Redis directly, and reads the worker's heartbeat. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
  ) {}

  async report(version: string): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      timed(() => this.redis.connection.ping()),
    ]);
    const worker = redis.status === 'up' ? await this.workerCheck() : { status: 'down' as const, error: 'Redis is unavailable' };
    const ok = postgres.status === 'up' && redis.status === 'up';
    return {
      status: ok ? 'ok' : 'unavailable',
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      checks: { postgres, redis, worker },
    };
  }

  private async workerCheck(): Promise<DependencyCheck> {
    try {
      const beat = await this.redis.connection.get(this.redis.key('worker', 'heartbeat'));
      return beat ? { status: 'up' } : { status: 'down', error: 'no worker heartbeat in the last 30 s' };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }
}
