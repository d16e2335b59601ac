import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
  j.attempts, j.policy, j.report, j.result_bytes::float8 AS "resultBytes", j.error, j.result_attempt AS "resultAttempt"`;
const FROM_JOB = `anonymization_jobs j LEFT JOIN datasets d ON d.id = j.dataset_id LEFT JOIN users u ON u.id = j.created_by`;

export type JobRow = Omit<AnonymizationJob, 'createdAt' | 'startedAt' | 'finishedAt'> & { createdAt: Date; startedAt: Date | null; finishedAt: Date | null; resultAttempt: number | null };

export function toJob({ resultAttempt: _attempt, ...row }: JobRow): AnonymizationJob {
  return { ...row, createdAt: row.createdAt.toISOString(), startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null };
}

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const [row] = await this.run<JobRow>(`SELECT ${SELECT_JOB} FROM ${FROM_JOB} WHERE j.id = :id`, { id }, manager);
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
      `SELECT ${SELECT_JOB}, count(*) OVER ()::int AS total FROM ${FROM_JOB} WHERE ${where.join(' AND ')} ORDER BY j.created_at DESC, j.id LIMIT :limit OFFSET :offset`,
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
}
