import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DatasetColumn, Release } from '@convenio/contracts';
import { DataSource, type EntityManager } from 'typeorm';

const SELECT_RELEASE = `r.id, r.agreement_id AS "agreementId", a.reference AS "agreementReference", r.agreement_version AS "agreementVersion", r.name,
  r.source_dataset_id AS "sourceDatasetId", d.title AS "sourceDatasetTitle", r.anonymization_job_id AS "anonymizationJobId",
  json_build_object('namespace', r.lineage_namespace, 'name', r.lineage_name) AS "lineageDataset", r.lineage_run_id AS "lineageRunId",
  r.k_achieved AS "kAchieved", r.records, r.created_by AS "createdById", u.full_name AS "createdByName", r.created_at AS "createdAt"
  FROM releases r JOIN agreements a ON a.id = r.agreement_id JOIN datasets d ON d.id = r.source_dataset_id LEFT JOIN users u ON u.id = r.created_by`;

type ReleaseRow = Omit<Release, 'createdAt'> & { createdAt: Date };
const toRelease = (row: ReleaseRow): Release => ({ ...row, createdAt: row.createdAt.toISOString() });

export interface SourceDataset {
  id: string;
  title: string;
  ownerOrganizationId: string;
  columns: DatasetColumn[];
  lineageNamespace: string | null;
  lineageName: string | null;
}

export interface NewRelease {
  id: string;
  agreementId: string;
  agreementVersion: number;
  name: string;
  sourceDatasetId: string;
  anonymizationJobId: string;
  lineageNamespace: string;
  lineageName: string;
  lineageRunId: string;
  kAchieved: number;
  records: number;
  createdById: string;
}

/** Releases in SQL. */
@Injectable()
export class ReleasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Holds the agreement's row until the transaction ends, so it cannot end while a release is checked against it. */
  async lockAgreement(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM agreements WHERE id = $1 FOR SHARE`, [id]);
  }

  async dataset(manager: EntityManager, id: string): Promise<SourceDataset | null> {
    const [row] = await manager.query(
      `SELECT id, title, owner_organization_id AS "ownerOrganizationId", columns, lineage_namespace AS "lineageNamespace", lineage_name AS "lineageName" FROM datasets WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async insert(manager: EntityManager, release: NewRelease): Promise<void> {
    await manager.query(
      `INSERT INTO releases (id, agreement_id, agreement_version, name, source_dataset_id, anonymization_job_id, lineage_namespace, lineage_name, lineage_run_id, k_achieved, records, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [release.id, release.agreementId, release.agreementVersion, release.name, release.sourceDatasetId, release.anonymizationJobId, release.lineageNamespace, release.lineageName, release.lineageRunId, release.kAchieved, release.records, release.createdById],
    );
  }

  async find(id: string, manager?: EntityManager): Promise<Release> {
    const [row] = await (manager ?? this.dataSource.manager).query(`SELECT ${SELECT_RELEASE} WHERE r.id = $1`, [id]);
    return toRelease(row);
  }

  async listOf(agreementId: string): Promise<Release[]> {
    const rows: ReleaseRow[] = await this.dataSource.query(`SELECT ${SELECT_RELEASE} WHERE r.agreement_id = $1 ORDER BY r.created_at DESC, r.id`, [agreementId]);
    return rows.map(toRelease);
  }
}
