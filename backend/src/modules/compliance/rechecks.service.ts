import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ComplianceRecheck, ComplianceRecheckRequest } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { DomainException } from '../../core/errors/domain.exception';
import { updateReturning } from '../../core/database/sql-helpers';
import { LineageIngestService } from '../lineage/lineage-ingest.service';

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
        `INSERT INTO lineage_runs_due (run_id)
         SELECT run_id FROM lineage_runs WHERE $1::uuid IS NULL OR agreement_id = $1::uuid ORDER BY run_id
         ON CONFLICT (run_id) DO UPDATE SET mark = EXCLUDED.mark
         RETURNING run_id`,
        [agreementId],
      );
      await this.audit.append(manager, { action: 'compliance.recheck_requested', subjectType: 'ComplianceFinding', subjectId: null, after: { agreementId, runs: marked.length } });
      return marked.length;
    });
    await this.lineage.requestComplianceCheck();
    return { runs, agreementId, requestedAt: new Date().toISOString() };
  }
}
