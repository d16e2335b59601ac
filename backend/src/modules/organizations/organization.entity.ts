import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganizationSector } from '@convenio/contracts';

/** A data owner or recipient: ministry, statistics office, company, university, NGO. */
@Entity({ name: 'organizations' })
@Check('CHK_organizations_sector', `"sector" IN ('public', 'private', 'social', 'academic')`)
@Index('UQ_organizations_rfc', ['rfc'], { unique: true, where: '"rfc" IS NOT NULL' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  sector: OrganizationSector;

  /** RFC of a legal person (12 characters); null for bodies without one. */
  @Column({ type: 'text', nullable: true })
  rfc: string | null;

  /** INEGI state code (two digits) of its seat. */
  @Column({ name: 'state_code', type: 'char', length: 2, nullable: true })
  stateCode: string | null;

  /** Set when the RFC is well formed but its check character does not compute. */
  @Column({ name: 'rfc_warning', type: 'text', nullable: true })
  rfcWarning: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
