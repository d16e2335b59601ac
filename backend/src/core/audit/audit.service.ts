import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUDIT_GENESIS_HASH, type AuditEntry, type AuditVerification } from '@convenio/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestContext } from '../http/request-context';
import { AuditChainHeadEntity, AuditEntryEntity } from './audit-entry.entity';
import { AuditChainVerifier, auditHash, type HashedAuditFields } from './audit-hash';

/** Any fixed 64-bit key: appends to the chain take it for the length of their transaction. */
const AUDIT_APPEND_LOCK = 7_042_190_332;
const VERIFY_BATCH = 5000;

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the signed-in principal of the current request. */
  actor?: { id: string | null; label: string | null; organizationId: string | null };
}

/** JSON round trip: what jsonb stores is what the hash covers (dates become ISO strings). */
const jsonValue = (value: Record<string, unknown> | null | undefined): Record<string, unknown> | null =>
  value == null ? null : JSON.parse(JSON.stringify(value));

export function toAuditEntry(entity: AuditEntryEntity): AuditEntry {
  return {
    id: entity.id,
    at: entity.at.toISOString(),
    actorId: entity.actorId,
    actorLabel: entity.actorLabel,
    organizationId: entity.organizationId,
    action: entity.action,
    subjectType: entity.subjectType,
    subjectId: entity.subjectId,
    before: entity.before ?? null,
    after: entity.after ?? null,
    requestId: entity.requestId,
    prevHash: entity.prevHash,
    hash: entity.hash,
  };
}

/**
 * The tamper-evident audit trail. `append` writes inside the caller's transaction, so an
 * entry exists exactly when its change does; appends are serialized so the chain never forks.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, input: AuditInput): Promise<AuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AuditService.append must run inside a transaction');
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
    const head = await manager.findOne(AuditChainHeadEntity, { where: { singleton: true } });
    const [{ id }] = await manager.query(`SELECT nextval('audit_entries_id_seq')::text AS id`);
    const context = currentRequestContext();
    const principal = context?.principal;
    const actor = input.actor ?? {
      id: principal?.userId ?? null,
      label: principal ? (principal.apiKeyId ? `${principal.email} (API key ${principal.apiKeyId})` : principal.email) : null,
      organizationId: principal?.organizationId ?? null,
    };
    const fields: HashedAuditFields = {
      id,
      at: new Date().toISOString(),
      actorId: actor.id,
      actorLabel: actor.label,
      organizationId: actor.organizationId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      before: jsonValue(input.before),
      after: jsonValue(input.after),
      requestId: context?.requestId ?? null,
    };
    const prevHash = head?.lastHash ?? AUDIT_GENESIS_HASH;
    const hash = auditHash(prevHash, fields);
    const entity = manager.create(AuditEntryEntity, { ...fields, at: new Date(fields.at), prevHash, hash });
    // TypeORM's deep-partial type cannot express jsonb records; the entity is complete.
    await manager.insert(AuditEntryEntity, entity as Parameters<typeof manager.insert<AuditEntryEntity>>[1]);
    await manager.upsert(AuditChainHeadEntity, { singleton: true, lastId: id, lastHash: hash }, ['singleton']);
    return toAuditEntry(entity);
  }

  /** An entry about something that changes nothing else (a failed login, a denied access). */
  async record(input: AuditInput): Promise<AuditEntry> {
    return this.dataSource.transaction((manager) => this.append(manager, input));
  }

  /** Re-computes the whole chain: detects a changed, deleted or inserted row. */
  async verify(): Promise<AuditVerification> {
    const verifier = new AuditChainVerifier(AUDIT_GENESIS_HASH);
    await this.forEachEntry((entry) => verifier.next(entry));
    const head = await this.dataSource.getRepository(AuditChainHeadEntity).findOne({ where: { singleton: true } });
    return verifier.finish(head ? { lastId: head.lastId, lastHash: head.lastHash } : null);
  }

  async chainHead(): Promise<{ lastId: string; lastHash: string } | null> {
    const head = await this.dataSource.getRepository(AuditChainHeadEntity).findOne({ where: { singleton: true } });
    return head ? { lastId: head.lastId, lastHash: head.lastHash } : null;
  }

  /** Visits entries in chain order, in batches; stops when the visitor returns false. */
  async forEachEntry(visit: (entry: AuditEntry) => boolean | Promise<boolean>): Promise<void> {
    let after = '0';
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where('a.id > :after', { after })
        .orderBy('a.id', 'ASC')
        .take(VERIFY_BATCH)
        .getMany();
      for (const entity of batch) {
        if (!(await visit(toAuditEntry(entity)))) return;
      }
      if (batch.length < VERIFY_BATCH) return;
      after = batch[batch.length - 1].id;
    }
  }
}
