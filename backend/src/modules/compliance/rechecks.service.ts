import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ComplianceRecheck, ComplianceRecheckRequest } from '@convenio/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { DomainException } from '../../core/errors/domain.exception';
import { updateReturning } from '../../core/database/sql-helpers';
import { LineageIngestService } from '../lineage/lineage-ingest.service';
import { markRunsDueSql } from './due-runs.sql';

/**
 * Puts lineage runs back on the worker's due list (a new mark each), so that it checks them
 * against the catalog and agreements as they are now — e.g. after a steward marked a column as
 * a direct identifier, or declared a dataset's lineage identity, after the runs were checked.
 * Findings keep their fingerprint: a new check adds what is new and never duplicates one.
 */
@Injectable()
export class ComplianceRechecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly lineage: LineageIngestService,
  ) {}

  async request(input: ComplianceRecheckRequest): Promise<ComplianceRecheck> {
    const agreementId = input.agreementId ?? null;
    const runs = await this.dataSource.transaction(async (manager) => {
      if (agreementId) {
        const found = await manager.query(`SELECT 1 FROM agreements WHERE id = $1`, [agreementId]);
        if (found.length === 0) throw new DomainException(404, 'AGREEMENT_NOT_FOUND', `Agreement ${agreementId} not found`, [{ path: 'body.agreementId', message: 'unknown agreement' }]);
      }
      const marked = await updateReturning<{ run_id: string }>(
        manager,
        `${markRunsDueSql(`SELECT run_id FROM lineage_runs WHERE $1::uuid IS NULL OR agreement_id = $1::uuid ORDER BY run_id`)} RETURNING run_id`,
        [agreementId],
      );
      await this.audit.append(manager, { action: 'compliance.recheck_requested', subjectType: 'ComplianceFinding', subjectId: null, after: { agreementId, runs: marked.length } });
      return marked.length;
    });
    await this.lineage.requestComplianceCheck();
    return { runs, agreementId, requestedAt: new Date().toISOString() };
  }

  /**
   * Inside the caller's transaction (a catalog edit): the runs that read or wrote these lineage
   * datasets, or any dataset downstream of them (up to 10 dataset hops, cycle-safe), go back on
   * the due list — a column newly marked as an identifier, or a lineage identity newly declared,
   * changes what those runs' checks find. Call `requestCheck` after the commit.
   */
  async markDownstreamOf(manager: EntityManager, identities: ReadonlyArray<{ namespace: string; name: string }>): Promise<number> {
    if (identities.length === 0) return 0;
    const marked = await updateReturning<{ run_id: string }>(
      manager,
      `WITH RECURSIVE down(id, hops) AS (
         SELECT n.id, 0 FROM lineage_nodes n JOIN unnest($1::text[], $2::text[]) AS k(namespace, name) ON n.kind = 'dataset' AND n.namespace = k.namespace AND n.name = k.name
         UNION
         SELECT e.target_id, d.hops + 1 FROM down d JOIN lineage_edges e ON e.source_id = d.id WHERE d.hops < 20)
       ${markRunsDueSql(`SELECT DISTINCT rd.run_id FROM lineage_run_datasets rd JOIN (SELECT DISTINCT id FROM down) d ON d.id = rd.dataset_id WHERE rd.run_id IS NOT NULL ORDER BY 1`)}
       RETURNING run_id`,
      [identities.map((identity) => identity.namespace), identities.map((identity) => identity.name)],
    );
    return marked.length;
  }

  /** After the commit that marked runs: the worker checks them within seconds. */
  requestCheck(): Promise<void> {
    return this.lineage.requestComplianceCheck();
  }
}
