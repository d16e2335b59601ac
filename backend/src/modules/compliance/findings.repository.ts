import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ComplianceFinding, FindingListQuery, FindingStatus, Page } from '@convenio/contracts';
import { abilityToSql, type AppAbility, type SqlFieldMap } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';

/** CASL fields of a ComplianceFinding → SQL columns (alias `f`). */
export const FINDING_SQL_FIELDS: SqlFieldMap = {
  id: { column: 'f.id', type: 'uuid' },
  severity: { column: 'f.severity', type: 'text' },
  status: { column: 'f.status', type: 'text' },
};

const SELECT_FINDING = `f.id, f.rule, f.severity, f.status, f.summary, f.run_id AS "runId",
  CASE WHEN f.job_namespace IS NULL THEN NULL ELSE json_build_object('namespace', f.job_namespace, 'name', f.job_name) END AS job,
  f.event_time AS "eventTime", f.agreement_id AS "agreementId", a.reference AS "agreementReference", f.agreement_version AS "agreementVersion",
  f.evidence, f.created_at AS "createdAt", f.updated_at AS "updatedAt",
  COALESCE((SELECT json_agg(json_build_object('status', h.status, 'comment', h.comment, 'actorId', h.actor_id, 'actorName', u.full_name, 'at', h.at) ORDER BY h.at, h.id)
    FROM compliance_finding_history h LEFT JOIN users u ON u.id = h.actor_id WHERE h.finding_id = f.id), '[]'::json) AS history
  FROM compliance_findings f LEFT JOIN agreements a ON a.id = f.agreement_id`;

type FindingRow = Omit<ComplianceFinding, 'eventTime' | 'createdAt' | 'updatedAt' | 'history'> & { eventTime: Date | null; createdAt: Date; updatedAt: Date; history: Array<Omit<ComplianceFinding['history'][number], 'at'> & { at: string }> };

const iso = (value: Date | string) => new Date(value).toISOString();
export const toFinding = (row: FindingRow): ComplianceFinding => ({
  ...row,
  eventTime: row.eventTime ? iso(row.eventTime) : null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  history: row.history.map((entry) => ({ ...entry, at: iso(entry.at) })),
});

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Compliance findings in SQL; lists narrowed by the caller's CASL rules in SQL. */
@Injectable()
export class FindingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private run<T>(sql: string, params: Record<string, unknown>, manager?: EntityManager): Promise<T[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return (manager ?? this.dataSource.manager).query(escaped, values);
  }

  async list(query: FindingListQuery, ability: AppAbility): Promise<Page<ComplianceFinding>> {
    const policy = abilityToSql(ability, 'read', 'ComplianceFinding', FINDING_SQL_FIELDS, { paramPrefix: 'policy' });
    const params: Record<string, unknown> = { ...policy.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const where = [`(${policy.sql})`];
    for (const [field, column, cast] of [['status', 'f.status', 'text'], ['severity', 'f.severity', 'text'], ['rule', 'f.rule', 'text'], ['agreementId', 'f.agreement_id', 'uuid'], ['runId', 'f.run_id', 'uuid']] as const) {
      if (query[field] === undefined) continue;
      where.push(`${column} = CAST(:${field} AS ${cast})`);
      params[field] = query[field];
    }
    const rows = await this.run<FindingRow & { total: number }>(
      `SELECT ${SELECT_FINDING.replace(' FROM compliance_findings', ', count(*) OVER ()::int AS total FROM compliance_findings')}
        WHERE ${where.join(' AND ')}
        ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, f.created_at DESC, f.id LIMIT :limit OFFSET :offset`,
      params,
    );
    return { items: rows.map(({ total: _total, ...row }) => toFinding(row)), total: rows[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async find(id: string, manager?: EntityManager, lock = false): Promise<ComplianceFinding | null> {
    if (!isUuid(id)) return null;
    if (lock) await this.run(`SELECT 1 FROM compliance_findings WHERE id = :id FOR UPDATE`, { id }, manager);
    const [row] = await this.run<FindingRow>(`SELECT ${SELECT_FINDING} WHERE f.id = :id`, { id }, manager);
    return row ? toFinding(row) : null;
  }

  async changeStatus(manager: EntityManager, id: string, status: FindingStatus, comment: string, actorId: string): Promise<void> {
    await this.run(`UPDATE compliance_findings SET status = :status, updated_at = now() WHERE id = :id`, { id, status }, manager);
    await this.run(`INSERT INTO compliance_finding_history (finding_id, status, comment, actor_id) VALUES (:id, :status, :comment, :actorId)`, { id, status, comment, actorId }, manager);
  }
}
