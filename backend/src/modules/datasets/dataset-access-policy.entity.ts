import type { DatasetAccessPolicyInput, StoredPolicyRule } from '@convenio/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { DatasetEntity } from './dataset.entity';

/** One immutable version of a dataset's access policy: the form as saved and its compiled CASL rules. */
@Entity({ name: 'dataset_access_policies' })
@Unique('UQ_dataset_access_policies_version', ['datasetId', 'version'])
@Index('IDX_dataset_access_policies_created_at', ['createdAt'])
export class DatasetAccessPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id', foreignKeyConstraintName: 'FK_dataset_access_policies_dataset' })
  dataset?: DatasetEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  policy: DatasetAccessPolicyInput;

  @Column({ type: 'jsonb' })
  rules: StoredPolicyRule[];

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_dataset_access_policies_created_by' })
  createdBy?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
