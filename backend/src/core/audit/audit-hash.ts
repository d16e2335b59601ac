import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The fields of an entry that its hash covers (everything but the hashes). */
export interface HashedAuditFields {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  organizationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

/** hash = SHA-256(previous hash + canonical JSON of the entry), hex. */
export function auditHash(prevHash: string, fields: HashedAuditFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

export interface ChainCheck {
  valid: boolean;
  entriesChecked: number;
  firstInvalidEntryId: string | null;
  reason: string | null;
}

/**
 * Walks entries in id order, one at a time, so it works on a database cursor or an export
 * file alike. Call `next` per entry, then `finish` with the recorded chain head.
 */
export class AuditChainVerifier {
  private expectedPrev: string;
  private checked = 0;
  private failure: { id: string; reason: string } | null = null;
  private lastId: string | null = null;

  constructor(genesisHash: string) {
    this.expectedPrev = genesisHash;
  }

  next(entry: HashedAuditFields & { prevHash: string; hash: string }): boolean {
    if (this.failure) return false;
    this.checked += 1;
    if (entry.prevHash !== this.expectedPrev) {
      this.failure = { id: entry.id, reason: 'its previous hash does not match the entry before it (an entry was deleted, inserted or changed)' };
      return false;
    }
    const { prevHash, hash, ...fields } = entry;
    if (auditHash(prevHash, fields) !== hash) {
      this.failure = { id: entry.id, reason: 'its content does not match its hash (the entry was changed)' };
      return false;
    }
    this.expectedPrev = hash;
    this.lastId = entry.id;
    return true;
  }

  finish(head: { lastId: string; lastHash: string } | null): ChainCheck {
    if (!this.failure && head && (head.lastId !== this.lastId || head.lastHash !== this.expectedPrev)) {
      this.failure = { id: head.lastId, reason: 'the chain ends before its recorded head (entries at the end were deleted)' };
    }
    if (!this.failure && !head && this.lastId !== null) {
      this.failure = { id: this.lastId, reason: 'the chain head is missing' };
    }
    return {
      valid: this.failure === null,
      entriesChecked: this.checked,
      firstInvalidEntryId: this.failure?.id ?? null,
      reason: this.failure?.reason ?? null,
    };
  }
}
