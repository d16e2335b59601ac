import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { evaluateRun } from './compliance-rules';
import { RunFactsRepository } from './run-facts.repository';

/** Due runs read per statement. */
const DUE_BATCH = 500;

/**
 * Of these runs, those a rule could flag: the run names an agreement (the inactive-agreement
 * and direct-identifier rules need one), or wrote a release (the k rule), or both reads a
 * catalog dataset and writes one (the cross-organization rule needs both). The others — most
 * lineage, inside one organization — are cleared without loading their facts.
 */
const FLAGGABLE = `
  SELECT r.run_id FROM lineage_runs r
   WHERE r.run_id = ANY($1::uuid[]) AND (
     r.agreement_id IS NOT NULL
     OR EXISTS (SELECT 1 FROM releases rel WHERE rel.lineage_run_id = r.run_id)
     OR (SELECT count(DISTINCT rd.direction) FROM lineage_run_datasets rd JOIN lineage_nodes n ON n.id = rd.dataset_id
           JOIN datasets c ON c.lineage_namespace = n.namespace AND c.lineage_name = n.name
          WHERE rd.run_id = r.run_id) = 2)`;

/** Takes runs off the due list as of the marks read: a run changed since keeps its (new) mark and stays due. */
const CLEAR_DUE = `DELETE FROM lineage_runs_due d USING unnest($1::uuid[], $2::bigint[]) AS c(run_id, mark) WHERE d.run_id = c.run_id AND d.mark = c.mark`;

/**
 * The worker's half of compliance: checks lineage runs against the rules and stores what it
 * finds. Ingestion puts each run it touches on the due list (`lineage_runs_due`, with a new mark
 * each time); a check takes it off as of the mark it read. A finding is keyed by its
 * fingerprint, so checking a run again updates its evidence and never duplicates it or touches
 * its status.
 */
@Injectable()
export class ComplianceEvaluator {
  private readonly logger = new Logger(ComplianceEvaluator.name);
  private pass: Promise<number> | null = null;
  private again = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: RunFactsRepository,
  ) {}

  /** Checks one run now, due or not; how many findings it has (0 when the run is unknown). */
  async evaluate(runId: string): Promise<number> {
    const [due]: Array<{ mark: string }> = await this.dataSource.query(`SELECT mark FROM lineage_runs_due WHERE run_id = $1`, [runId]);
    return this.check(runId, due?.mark ?? null);
  }

  /**
   * Checks every due run, oldest mark first, in sets of DUE_BATCH, until none is left. Runs no
   * rule can flag are cleared in one statement per set; the others go through the rules one by
   * one. One pass at a time per process: a request during a pass makes it look once more when
   * it ends. A run whose check fails is skipped for the rest of the pass (logged) and stays due.
   */
  async checkDue(): Promise<number> {
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = (async () => {
      let checked = 0;
      do {
        this.again = false;
        checked += await this.checkDueOnce();
      } while (this.again);
      return checked;
    })().finally(() => (this.pass = null));
    return this.pass;
  }

  private async checkDueOnce(): Promise<number> {
    const failed: string[] = [];
    let checked = 0;
    for (;;) {
      const due: Array<{ run_id: string; mark: string }> = await this.dataSource.query(
        `SELECT run_id, mark FROM lineage_runs_due WHERE run_id <> ALL($2::uuid[]) ORDER BY mark LIMIT $1`,
        [DUE_BATCH, failed],
      );
      if (due.length === 0) return checked;
      const flaggable = new Set((await this.dataSource.query(FLAGGABLE, [due.map((row) => row.run_id)]) as Array<{ run_id: string }>).map((row) => row.run_id));
      const quiet = due.filter((row) => !flaggable.has(row.run_id));
      await this.dataSource.query(CLEAR_DUE, [quiet.map((row) => row.run_id), quiet.map((row) => row.mark)]);
      checked += quiet.length;
      for (const { run_id: runId, mark } of due.filter((row) => flaggable.has(row.run_id))) {
        try {
          await this.check(runId, mark);
          checked += 1;
        } catch (error) {
          failed.push(runId);
          this.logger.warn(`Compliance check of run ${runId} failed (left due): ${(error as Error).message}`);
        }
      }
      if (due.length < DUE_BATCH) return checked;
    }
  }

  /** Loads the run's facts, stores its findings and takes it off the due list as of `mark`, in one transaction. */
  private async check(runId: string, mark: string | null): Promise<number> {
    const facts = await this.facts.load(runId);
    if (!facts) {
      if (mark !== null) await this.dataSource.query(CLEAR_DUE, [[runId], [mark]]);
      return 0;
    }
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
      // The mark was read before the facts: an event stored since gave the run a new mark, so it stays due.
      if (mark !== null) await manager.query(CLEAR_DUE, [[runId], [mark]]);
    });
    return drafts.length;
  }

  /** A run may name an agreement that does not exist: the finding then keeps its id in the evidence only. */
  private async existingAgreement(id: string | null): Promise<string | null> {
    if (!id) return null;
    const rows = await this.dataSource.query(`SELECT 1 FROM agreements WHERE id = $1`, [id]);
    return rows.length > 0 ? id : null;
  }
}
