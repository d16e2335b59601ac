import type { EntitySubscriberInterface, InsertEvent, RemoveEvent, SoftRemoveEvent, TransactionCommitEvent, TransactionRollbackEvent, UpdateEvent } from 'typeorm';

/** How long a successful API-key verification is trusted without asking the database again. */
export const VERIFIED_CREDENTIAL_TTL_MS = 60_000;
/** At most this many verified credentials are kept (the oldest goes first). */
export const VERIFIED_CREDENTIAL_MAX = 10_000;

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Successful verifications of bearer credentials, in memory, keyed by the SHA-256 of the
 * presented credential (the credential itself is never kept). An entry lives `ttlMs` at most
 * (less when the credential expires sooner); failures are never kept. `clear()` forgets
 * everything and makes verifications that were already running when it was called unable to
 * store their result, so a revocation committed during a verification is not cached over.
 */
export class VerifiedCredentials<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private epoch = 0;

  constructor(
    private readonly ttlMs = VERIFIED_CREDENTIAL_TTL_MS,
    private readonly max = VERIFIED_CREDENTIAL_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(digest: string): T | undefined {
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(digest);
    return undefined;
  }

  /** A ticket to take before reading the database, for `set`. */
  ticket(): number {
    return this.epoch;
  }

  /** Keeps a verification read under `ticket`, unless a `clear()` came since; never past `notAfter`. */
  set(digest: string, value: T, ticket: number, notAfter: number = Number.POSITIVE_INFINITY): void {
    if (ticket !== this.epoch) return;
    const expiresAt = Math.min(this.now() + this.ttlMs, notAfter);
    if (expiresAt <= this.now()) return;
    this.entries.delete(digest);
    this.entries.set(digest, { value, expiresAt });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
  }
}

/**
 * Clears `credentials` whenever a row of the given entities (API keys, users, organizations) is
 * written through TypeORM in this process — at the write, and again when its transaction ends,
 * so that a verification reading the old row meanwhile cannot keep it. Writes by other
 * processes (other API replicas, SQL by hand) are seen when entries expire (`ttlMs`).
 */
export class CredentialInvalidator implements EntitySubscriberInterface {
  private readonly pending = new WeakSet<object>();

  constructor(
    private readonly credentials: Pick<VerifiedCredentials<unknown>, 'clear'>,
    private readonly targets: readonly unknown[],
  ) {}

  afterInsert(event: InsertEvent<unknown>): void {
    this.written(event);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.written(event);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.written(event);
  }

  afterSoftRemove(event: SoftRemoveEvent<unknown>): void {
    this.written(event);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.ended(event);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.ended(event);
  }

  private written(event: InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown> | SoftRemoveEvent<unknown>): void {
    if (!this.targets.includes(event.metadata.target)) return;
    this.credentials.clear();
    if (event.queryRunner.isTransactionActive) this.pending.add(event.queryRunner);
  }

  private ended(event: TransactionCommitEvent | TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive || !this.pending.has(event.queryRunner)) return;
    this.pending.delete(event.queryRunner);
    this.credentials.clear();
  }
}
