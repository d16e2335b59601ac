import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One link of the append-only, hash-chained audit trail (ids come from a sequence). */
@Entity({ name: 'audit_entries' })
@Index('IDX_audit_entries_subject', ['subjectType', 'subjectId'])
@Index('IDX_audit_entries_actor', ['actorId'])
@Index('IDX_audit_entries_organization_at', ['organizationId', 'at'])
@Index('IDX_audit_entries_at', ['at'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_label', type: 'text', nullable: true })
  actorLabel: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

/** The chain's last link, updated with every append; verification compares it. */
@Entity({ name: 'audit_chain_head' })
@Check('CHK_audit_chain_head_singleton', '"singleton"')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'boolean', default: true, primaryKeyConstraintName: 'PK_audit_chain_head' })
  singleton: boolean;

  @Column({ name: 'last_id', type: 'bigint' })
  lastId: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash: string;
}
