import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName, type EvaluateLineageRunJobData } from '../../core/queue/queue-names';
import { evaluateRun } from './compliance-rules';
import { queueRunChecks } from './compliance-queue';
import { RunFactsRepository } from './run-facts.repository';

/**
 * The worker's half of compliance: checks one run against the rules and stores what it finds.
 * A finding is keyed by its fingerprint, so checking a run again updates its evidence and never
 * duplicates it or touches its status.
 */
@Injectable()
export class ComplianceEvaluator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Compliance) private readonly queue: Queue<EvaluateLineageRunJobData>,
    private readonly facts: RunFactsRepository,
  ) {}

  /** How many findings the run has now (0 when the run is unknown). */
  async evaluate(runId: string): Promise<number> {
    const loaded = await this.facts.load(runId);
    if (!loaded) return 0;
    const { facts, updatedAt } = loaded;
    const drafts = evaluateRun(facts);
    await this.dataSource.transaction(async (manager) => {
      for (const draft of drafts) {
        await manager.query(
          `INSERT INTO compliance_findings (fingerprint, rule, severity, summary, run_id, job_namespace, job_name, event_time, agreement_id, agreement_version, evidence)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
           ON CONFLICT (fingerprint) DO UPDATE SET summary = EXCLUDED.summary, evidence = EXCLUDED.evidence, event_time = EXCLUDED.event_time,
             agreement_id = EXCLUDED.agreement_id, agreement_version = EXCLUDED.agreement_version, updated_at = now()
           WHERE compliance_findings.evidence IS DISTINCT FROM EXCLUDED.evidence OR compliance_findings.summary IS DISTINCT FROM EXCLUDED.summary`,
          [draft.fingerprint, draft.rule, draft.severity, draft.summary, facts.runId, facts.job.namespace, facts.job.name, facts.eventTime, await this.existingAgreement(draft.agreementId), draft.agreementVersion, JSON.stringify(draft.evidence)],
        );
      }
      // The check covers the run as it was read; a later event makes it due again (see sweep).
      await manager.query(`UPDATE lineage_runs SET compliance_checked_at = $2::timestamptz WHERE run_id = $1`, [runId, updatedAt]);
    });
    return drafts.length;
  }

  /** Queues the runs not checked since their last event (events stored while Redis was away, or during a check). */
  async sweep(limit = 500): Promise<number> {
    const rows: Array<{ run_id: string }> = await this.dataSource.query(
      `SELECT run_id FROM lineage_runs WHERE compliance_checked_at IS NULL OR compliance_checked_at < updated_at ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    await queueRunChecks(this.queue, rows.map((row) => row.run_id));
    return rows.length;
  }

  /** A run may name an agreement that does not exist: the finding then keeps its id in the evidence only. */
  private async existingAgreement(id: string | null): Promise<string | null> {
    if (!id) return null;
    const rows = await this.dataSource.query(`SELECT 1 FROM agreements WHERE id = $1`, [id]);
    return rows.length > 0 ? id : null;
  }
}
