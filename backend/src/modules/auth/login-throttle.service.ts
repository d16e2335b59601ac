import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DomainException } from '../../core/errors/domain.exception';
import { RedisClient } from '../../core/queue/redis.provider';

/**
 * Counts failed logins per account and per client address in Redis (shared by every API
 * replica). Past the limit, logins answer 429 with Retry-After until the window ends.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string | null): Array<{ key: string; limit: number }> {
    const keys = [{ key: this.redis.key('login-failures', 'account', email), limit: this.config.env.LOGIN_MAX_FAILURES_PER_ACCOUNT }];
    if (ip) keys.push({ key: this.redis.key('login-failures', 'address', ip), limit: this.config.env.LOGIN_MAX_FAILURES_PER_ADDRESS });
    return keys;
  }

  /** Without its counters sign-in fails closed, with a 503 that says why. */
  private async counters(key: string): Promise<[string | null, number]> {
    try {
      return await Promise.all([this.redis.connection.get(key), this.redis.connection.ttl(key)]);
    } catch {
      throw new ServiceUnavailableException('Sign-in is unavailable for a moment: its attempt counter (Redis) does not answer');
    }
  }

  /** Throws 429 when the account or the address has used up its failures. */
  async assertAllowed(email: string, ip: string | null): Promise<void> {
    for (const { key, limit } of this.keys(email, ip)) {
      const [count, ttl] = await this.counters(key);
      if (Number(count ?? 0) >= limit) {
        const retryAfter = Math.max(ttl, 1);
        throw new DomainException(429, 'LOGIN_THROTTLED', `Too many failed sign-in attempts; try again in ${retryAfter} seconds`, { retryAfterSeconds: retryAfter });
      }
    }
  }

  async recordFailure(email: string, ip: string | null): Promise<void> {
    const window = this.config.env.LOGIN_THROTTLE_WINDOW_SECONDS;
    const pipeline = this.redis.connection.multi();
    for (const { key } of this.keys(email, ip)) pipeline.incr(key).expire(key, window, 'NX');
    await pipeline.exec();
  }

  /** A successful login clears the account's count (not the address's). */
  async recordSuccess(email: string): Promise<void> {
    await this.redis.connection.del(this.redis.key('login-failures', 'account', email));
  }
}
