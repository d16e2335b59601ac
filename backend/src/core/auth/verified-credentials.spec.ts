import { CredentialInvalidator, VerifiedCredentials } from './verified-credentials';

describe('verified credentials cache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('keeps a verification for the TTL, or until the credential expires if sooner', () => {
    const cache = new VerifiedCredentials<string>(60_000, 10, clock);
    cache.set('a', 'alice', cache.ticket());
    cache.set('b', 'bob', cache.ticket(), now + 5_000);
    now += 4_999;
    expect([cache.get('a'), cache.get('b')]).toEqual(['alice', 'bob']);
    now += 1;
    expect([cache.get('a'), cache.get('b')]).toEqual(['alice', undefined]);
    now += 55_000;
    expect(cache.get('a')).toBeUndefined();
    cache.set('c', 'carol', cache.ticket(), now);
    expect(cache.get('c')).toBeUndefined();
  });

  it('stays within its size, dropping the oldest first', () => {
    const cache = new VerifiedCredentials<number>(60_000, 3, clock);
    for (let index = 0; index < 5; index++) cache.set(`k${index}`, index, cache.ticket());
    expect(cache.size).toBe(3);
    expect(['k0', 'k1', 'k2', 'k3', 'k4'].map((key) => cache.get(key))).toEqual([undefined, undefined, 2, 3, 4]);
  });

  it('does not store a verification that began before a clear', () => {
    const cache = new VerifiedCredentials<string>(60_000, 10, clock);
    cache.set('a', 'alice', cache.ticket());
    const ticket = cache.ticket();
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 'bob', ticket);
    expect(cache.get('b')).toBeUndefined();
    cache.set('b', 'bob', cache.ticket());
    expect(cache.get('b')).toBe('bob');
  });

  it('is cleared by a write of a watched entity, and again when its transaction ends', () => {
    class Watched {}
    class Other {}
    const cache = new VerifiedCredentials<string>(60_000, 10, clock);
    const invalidator = new CredentialInvalidator(cache, [Watched]);
    const runner = { isTransactionActive: true };
    const write = (target: unknown) => ({ metadata: { target }, queryRunner: runner }) as never;

    cache.set('a', 'alice', cache.ticket());
    invalidator.afterUpdate(write(Other));
    expect(cache.get('a')).toBe('alice');

    invalidator.afterUpdate(write(Watched));
    expect(cache.get('a')).toBeUndefined();
    // A verification that read the row before the commit stores nothing.
    const ticket = cache.ticket();
    runner.isTransactionActive = false;
    invalidator.afterTransactionCommit({ queryRunner: runner } as never);
    cache.set('a', 'stale alice', ticket);
    expect(cache.get('a')).toBeUndefined();
    // Later transactions of the same connection clear nothing.
    cache.set('a', 'alice', cache.ticket());
    invalidator.afterTransactionCommit({ queryRunner: runner } as never);
    expect(cache.get('a')).toBe('alice');
  });
});
