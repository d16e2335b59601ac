import type { ScianLevel } from '@convenio/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A SCIAN 2018 code of any level. Sectors 31-33 and 48-49 are stored under their range code, and their
 * subsectors' `sector` is that range. Reference data: loaded by a migration, read-only at run time.
 */
@Entity({ name: 'ref_scian' })
@Check('CHK_ref_scian_level', `"level" IN ('sector', 'subsector', 'rama', 'subrama', 'clase')`)
@Index('IDX_ref_scian_parent', ['parentCode'])
@Index('IDX_ref_scian_sector', ['sector'])
export class RefScianEntity {
  /** 2–6 digits, or a range sector (`31-33`, `48-49`). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ref_scian' })
  code: string;

  @Column({ type: 'text' })
  level: ScianLevel;

  @Column({ type: 'text' })
  title: string;

  /** Null for sectors. */
  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @ManyToOne(() => RefScianEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_ref_scian_parent' })
  parent?: RefScianEntity | null;

  /** The code of its sector (itself for a sector). */
  @Column({ type: 'text' })
  sector: string;

  @ManyToOne(() => RefScianEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sector', foreignKeyConstraintName: 'FK_ref_scian_sector' })
  sectorEntry?: RefScianEntity;
}
