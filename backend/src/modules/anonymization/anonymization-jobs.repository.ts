import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import type { AnonymizationJob, AnonymizationJobError, AnonymizationJobListQuery, AnonymizationReport, Page } from '@convenio/contracts';
import { abilityToSql, type AppAbility, type SqlFieldMap } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../../core/database/sql-helpers';

/** CASL fields of an AnonymizationJob → SQL columns (alias `j`). */
export const ANONYMIZATION_JOB_SQL_FIELDS: SqlFieldMap = {
  id: { column: 'j.id', type: 'uuid' },
  organizationId: { column: 'j.organization_id', type: 'uuid' },
  createdById: { column: 'j.created_by', type: 'uuid' },
};

const SELECT_JOB = `j.id, j.state, j.progress, j.file_name AS "fileName", j.input_bytes::float8 AS "inputBytes", j.records,
  j.dataset_id AS "datasetId", d.title AS "datasetTitle", j.organization_id AS "organizationId", j.created_by AS "createdById",
  u.full_name AS "createdByName", j.created_at AS "createdAt", j.started_at AS "startedAt", j.finished_at AS "finishedAt",
  j.attempts, j.policy, j.report, j.result_bytes::float8 AS "resultBytes", j.error, j.result_attempt AS "resultAttempt", j.input_purged_at AS "inputPurgedAt"`;
const FROM_JOB = `anonymization_jobs j LEFT JOIN datasets d ON d.id = j.dataset_id LEFT JOIN users u ON u.id = j.created_by`;

type Dates = 'createdAt' | 'startedAt' | 'finishedAt' | 'inputPurgedAt' | 'inputDeleteAfter';
export type JobRow = Omit<AnonymizationJob, Dates> & { createdAt: Date; startedAt: Date | null; finishedAt: Date | null; inputPurgedAt: Date | null; inputDeleteAfter: Date | null; resultAttempt: number | null };

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function toJob({ resultAttempt: _attempt, ...row }: JobRow): AnonymizationJob {
  return { ...row, createdAt: row.createdAt.toISOString(), startedAt: iso(row.startedAt), finishedAt: iso(row.finishedAt), inputPurgedAt: iso(row.inputPurgedAt), inputDeleteAfter: iso(row.inputDeleteAfter) };
}

/** Jobs whose original upload is due for deletion: ended, still kept, and ended more than the retention ago. */
const EXPIRED_INPUTS = `SELECT id FROM anonymization_jobs
  WHERE input_purged_at IS NULL AND finished_at IS NOT NULL AND state IN ('completed', 'failed', 'cancelled') AND finished_at <= now() - make_interval(days => :days)
  ORDER BY finished_at LIMIT 100 FOR UPDATE SKIP LOCKED`;

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** What a run claims: its attempt number (its fencing token) and what it needs to run. */
export interface ClaimedRun {
  attempt: number;
  policy: unknown;
  inputBytes: number;
}

/** Anonymization jobs in SQL. Every write by a run is fenced by its attempt number. */
@Injectable()
export class AnonymizationJobsRepository {
  /** The columns of a job, with when its original upload will be deleted (the retention is a validated integer). */
  private readonly selectJob: string;
  readonly retentionDays: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.retentionDays = config.env.ANONYMIZATION_INPUT_RETENTION_DAYS;
    this.selectJob = `${SELECT_JOB}, CASE WHEN j.input_purged_at IS NULL AND j.finished_at IS NOT NULL THEN j.finished_at + make_interval(days => ${Math.trunc(this.retentionDays)}) END AS "inputDeleteAfter"`;
  }

  /** Named parameters; an UPDATE … RETURNING gives its rows like a SELECT. */
  private run<T>(sql: string, params: Record<string, unknown>, manager?: EntityManager): Promise<T[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return updateReturning<T>(manager ?? this.dataSource.manager, escaped, values);
  }

  async insert(manager: EntityManager, job: { id: string; organizationId: string; createdById: string }): Promise<void> {
    await this.run(`INSERT INTO anonymization_jobs (id, organization_id, created_by, file_name, policy) VALUES (:id, :organizationId, :createdById, '', '{}'::jsonb)`, job, manager);
  }

  async describe(manager: EntityManager, id: string, values: { fileName: string; inputBytes: number; records: number; policy: unknown; datasetId: string | null }): Promise<void> {
    await this.run(
      `UPDATE anonymization_jobs SET file_name = :fileName, input_bytes = :inputBytes, records = :records, policy = CAST(:policy AS jsonb), dataset_id = :datasetId WHERE id = :id`,
      { id, ...values, policy: JSON.stringify(values.policy) },
      manager,
    );
  }

  async find(id: string, manager?: EntityManager): Promise<JobRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.run<JobRow>(`SELECT ${this.selectJob} FROM ${FROM_JOB} WHERE j.id = :id`, { id }, manager);
    return row ?? null;
  }

  async list(query: AnonymizationJobListQuery, ability: AppAbility): Promise<Page<AnonymizationJob>> {
    const policy = abilityToSql(ability, 'read', 'AnonymizationJob', ANONYMIZATION_JOB_SQL_FIELDS, { paramPrefix: 'policy' });
    const params: Record<string, unknown> = { ...policy.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const where = [`(${policy.sql})`];
    if (query.state) {
      where.push('j.state = :state');
      params.state = query.state;
    }
    if (query.datasetId) {
      where.push('j.dataset_id = CAST(:datasetId AS uuid)');
      params.datasetId = query.datasetId;
    }
    const rows = await this.run<JobRow & { total: number }>(
      `SELECT ${this.selectJob}, count(*) OVER ()::int AS total FROM ${FROM_JOB} WHERE ${where.join(' AND ')} ORDER BY j.created_at DESC, j.id LIMIT :limit OFFSET :offset`,
      params,
    );
    return { items: rows.map(({ total: _total, ...row }) => toJob(row)), total: rows[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /** Starts a run of a job still to be done: its attempt number, or null when the job was cancelled or is done. */
  async claim(id: string): Promise<ClaimedRun | null> {
    const [row] = await this.run<ClaimedRun>(
      `UPDATE anonymization_jobs SET state = 'running', attempts = attempts + 1, progress = 0, started_at = COALESCE(started_at, now())
        WHERE id = :id AND state IN ('queued', 'running') RETURNING attempts AS attempt, policy, input_bytes::float8 AS "inputBytes"`,
      { id },
    );
    return row ?? null;
  }

  /** False when the run no longer owns the job (cancelled, or a later run took it over). */
  async progress(id: string, attempt: number, progress: number): Promise<boolean> {
    const rows = await this.run(`UPDATE anonymization_jobs SET progress = :progress WHERE id = :id AND attempts = :attempt AND state = 'running' RETURNING 1`, { id, attempt, progress });
    return rows.length > 0;
  }

  async complete(id: string, attempt: number, report: AnonymizationReport, resultBytes: number): Promise<boolean> {
    const rows = await this.run(
      `UPDATE anonymization_jobs SET state = 'completed', progress = 100, report = CAST(:report AS jsonb), result_attempt = :attempt, result_bytes = :resultBytes, finished_at = now()
        WHERE id = :id AND attempts = :attempt AND state = 'running' RETURNING 1`,
      { id, attempt, report: JSON.stringify(report), resultBytes },
    );
    return rows.length > 0;
  }

  async fail(id: string, attempt: number, error: AnonymizationJobError): Promise<boolean> {
    const rows = await this.run(
      `UPDATE anonymization_jobs SET state = 'failed', error = CAST(:error AS jsonb), finished_at = now() WHERE id = :id AND attempts = :attempt AND state = 'running' RETURNING 1`,
      { id, attempt, error: JSON.stringify(error) },
    );
    return rows.length > 0;
  }

  /** Cancels a job not yet final; the previous state, or null when it was already final. */
  async cancel(manager: EntityManager, id: string): Promise<string | null> {
    const [row] = await this.run<{ previous: string }>(
      `UPDATE anonymization_jobs j SET state = 'cancelled', finished_at = now() FROM anonymization_jobs old
        WHERE j.id = :id AND old.id = j.id AND j.state IN ('queued', 'running') RETURNING old.state AS previous`,
      { id },
      manager,
    );
    return row?.previous ?? null;
  }

  /**
   * Deletes the original upload of these jobs (or, with `'expired'`, of up to 100 jobs past the
   * retention) if they have ended and still keep it; answers the jobs purged. Run it in the
   * transaction that audits the deletion.
   */
  async purgeInputs(manager: EntityManager, which: { ids: string[] } | 'expired'): Promise<Array<{ id: string; fileName: string; state: string; finishedAt: Date }>> {
    const chosen = which === 'expired' ? EXPIRED_INPUTS : `SELECT id FROM anonymization_jobs WHERE id = ANY(CAST(:ids AS uuid[])) AND input_purged_at IS NULL AND state IN ('completed', 'failed', 'cancelled') FOR UPDATE`;
    return this.run(
      `WITH chosen AS (${chosen}),
            gone AS (DELETE FROM anonymization_job_chunks c USING chosen WHERE c.job_id = chosen.id AND c.kind = 'input')
       UPDATE anonymization_jobs j SET input_purged_at = now() FROM chosen WHERE j.id = chosen.id
       RETURNING j.id, j.file_name AS "fileName", j.state, j.finished_at AS "finishedAt"`,
      which === 'expired' ? { days: this.retentionDays } : { ids: which.ids },
      manager,
    );
  }
}
