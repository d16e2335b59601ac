import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RefStateEntity } from './ref-state.entity';

/** An INEGI municipality (alcaldía in Mexico City). Reference data: loaded by a migration, read-only at run time. */
@Entity({ name: 'ref_municipalities' })
@Index('IDX_ref_municipalities_state', ['stateCode'])
export class RefMunicipalityEntity {
  /** CVEGEO: state (2 digits) + municipality (3 digits). */
  @PrimaryColumn({ type: 'char', length: 5, primaryKeyConstraintName: 'PK_ref_municipalities' })
  code: string;

  @Column({ name: 'state_code', type: 'char', length: 2 })
  stateCode: string;

  @ManyToOne(() => RefStateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'state_code', foreignKeyConstraintName: 'FK_ref_municipalities_state' })
  state?: RefStateEntity;

  @Column({ type: 'text' })
  name: string;

  /** Population in the 2020 census. */
  @Column({ name: 'population_2020', type: 'integer' })
  population2020: number;
}
