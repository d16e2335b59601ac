import type { DatasetColumn, DatasetStatus, DatasetTheme, GeoLevel, Sensitivity } from '@convenio/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from '../users/user.entity';

/** A dataset of the catalog: what an owner organization holds, described for finding and requesting it. */
@Entity({ name: 'datasets' })
@Check('CHK_datasets_sensitivity', `"sensitivity" IN ('public', 'internal', 'confidential', 'restricted')`)
@Check('CHK_datasets_geo_level', `"geo_level" IN ('national', 'state', 'municipality', 'locality')`)
@Check('CHK_datasets_status', `"status" IN ('draft', 'published', 'retired')`)
@Check('CHK_datasets_sector_level', `"sector_level" IS NULL OR "sector_level" BETWEEN 2 AND 6`)
@Index('IDX_datasets_owner', ['ownerOrganizationId'])
@Index('UQ_datasets_lineage', ['lineageNamespace', 'lineageName'], { unique: true, where: '"lineage_namespace" IS NOT NULL' })
export class DatasetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_organization_id', type: 'uuid' })
  ownerOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organization_id', foreignKeyConstraintName: 'FK_datasets_owner' })
  owner?: OrganizationEntity;

  @Column({ name: 'steward_id', type: 'uuid', nullable: true })
  stewardId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'steward_id', foreignKeyConstraintName: 'FK_datasets_steward' })
  steward?: UserEntity | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'title_en', type: 'text', nullable: true })
  titleEn: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'description_en', type: 'text', nullable: true })
  descriptionEn: string | null;

  // GIN indexes (themes, sector_codes, search_vector) are created by the migration: TypeORM cannot express them.
  @Index('IDX_datasets_themes', { synchronize: false })
  @Column({ type: 'text', array: true })
  themes: DatasetTheme[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ type: 'text' })
  sensitivity: Sensitivity;

  @Column({ name: 'geo_level', type: 'text' })
  geoLevel: GeoLevel;

  @Column({ name: 'geo_codes', type: 'text', array: true, default: () => "'{}'" })
  geoCodes: string[];

  @Column({ name: 'sector_level', type: 'integer', nullable: true })
  sectorLevel: number | null;

  @Index('IDX_datasets_sector_codes', { synchronize: false })
  @Column({ name: 'sector_codes', type: 'text', array: true, default: () => "'{}'" })
  sectorCodes: string[];

  @Column({ type: 'text' })
  periodicity: string;

  @Column({ name: 'time_from', type: 'date', nullable: true })
  timeFrom: string | null;

  @Column({ name: 'time_to', type: 'date', nullable: true })
  timeTo: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  columns: DatasetColumn[];

  @Column({ name: 'quality_notes', type: 'text', nullable: true })
  qualityNotes: string | null;

  @Column({ name: 'lineage_namespace', type: 'text', nullable: true })
  lineageNamespace: string | null;

  @Column({ name: 'lineage_name', type: 'text', nullable: true })
  lineageName: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: DatasetStatus;

  /** Maintained by a trigger (Spanish, accent-insensitive); never written by the app. */
  @Index('IDX_datasets_search', { synchronize: false })
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index('IDX_datasets_updated', { synchronize: false })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
