import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An INEGI federal entity (state). Reference data: loaded by a migration, read-only at run time. */
@Entity({ name: 'ref_states' })
export class RefStateEntity {
  /** INEGI key, two digits `01`–`32`. */
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'PK_ref_states' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  abbreviation: string;

  /** RENAPO two-letter code used inside CURPs. */
  @Column({ name: 'curp_code', type: 'char', length: 2 })
  curpCode: string;

  @Column({ name: 'municipality_count', type: 'integer' })
  municipalityCount: number;
}
