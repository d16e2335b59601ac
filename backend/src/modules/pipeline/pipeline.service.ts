import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AGREEMENT_STATES, workingDaysBetween, type AgreementState, type PipelineDashboard, type PipelineMonth, type PipelineOverdueStep } from '@convenio/contracts';
import { DataSource } from 'typeorm';

/** How many overdue steps the dashboard lists (the total is counted separately). */
export const OVERDUE_LIST_LIMIT = 50;

/**
 * Months are bucketed in Mexico City time. Mexico has kept UTC−6 all year since 2022 (as
 * working-days.ts assumes), so a fixed offset avoids depending on the server's tz data.
 */
const LOCAL = (column: string) => `((${column}) AT TIME ZONE 'UTC' - interval '6 hours')`;

/** The middle value (mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Aggregates for the officials' dashboard, each one SQL query over the workflow tables. */
@Injectable()
export class PipelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dashboard(now = new Date()): Promise<PipelineDashboard> {
    const [needs, agreementsByState, approval, overdue, monthly] = await Promise.all([
      this.needs(),
      this.agreementsByState(),
      this.approval(),
      this.overdue(now),
      this.monthly(now),
    ]);
    return { generatedAt: now.toISOString(), needs, agreementsByState, approval, ...overdue, monthly };
  }

  private async needs(): Promise<PipelineDashboard['needs']> {
    const [row] = await this.dataSource.query(`
      SELECT (SELECT count(*) FROM diagnostics)::int AS diagnostics,
             (SELECT count(*) FROM diagnostic_needs)::int AS identified,
             (SELECT count(*) FROM diagnostic_needs WHERE assigned_organization_id IS NOT NULL)::int AS "ownerAssigned",
             (SELECT count(*) FROM data_requests WHERE status = 'open')::int AS "openDataRequests"`);
    return row;
  }

  private async agreementsByState(): Promise<Record<AgreementState, number>> {
    const rows: Array<{ state: AgreementState; count: number }> = await this.dataSource.query(`SELECT state, count(*)::int AS count FROM agreements GROUP BY state`);
    const counts = Object.fromEntries(AGREEMENT_STATES.map((state) => [state, 0])) as Record<AgreementState, number>;
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }

  /**
   * Time to approval per agreement: from the submit that opened the round which ended in
   * approval (the last submit before it) to the approval, in Mexican working days.
   */
  private async approval(): Promise<PipelineDashboard['approval']> {
    const rows: Array<{ submittedAt: Date | null; approvedAt: Date }> = await this.dataSource.query(`
      SELECT ap.at AS "approvedAt",
             (SELECT max(s.at) FROM agreement_transitions s
               WHERE s.agreement_id = ap.agreement_id AND s.event = 'submit' AND s.id < ap.id) AS "submittedAt"
        FROM agreement_transitions ap
       WHERE ap.event = 'approve'`);
    const days = rows
      .filter((row) => row.submittedAt !== null)
      .map((row) => workingDaysBetween(new Date(row.submittedAt as Date), new Date(row.approvedAt)));
    const middle = median(days);
    return { medianWorkingDays: middle === null ? null : Math.round(middle * 10) / 10, approvedCount: days.length };
  }

  private async overdue(now: Date): Promise<{ overdueSteps: PipelineOverdueStep[]; overdueTotal: number }> {
    const rows: Array<PipelineOverdueStep & { dueAt: Date; total: number }> = await this.dataSource.query(
      `SELECT t.id AS "taskId", t.agreement_id AS "agreementId", a.reference AS "agreementReference", t.step_name AS "stepName", t.due_at AS "dueAt",
              COALESCE((SELECT array_agg(u.full_name ORDER BY u.full_name) FROM users u WHERE u.id = ANY (t.assignee_ids)), '{}') AS assignees,
              count(*) OVER ()::int AS total
         FROM approval_tasks t
         JOIN agreements a ON a.id = t.agreement_id
        WHERE t.status = 'pending' AND t.due_at < $1
        ORDER BY t.due_at, a.reference
        LIMIT $2`,
      [now, OVERDUE_LIST_LIMIT],
    );
    return {
      overdueSteps: rows.map(({ total: _total, dueAt, ...step }) => ({ ...step, dueAt: new Date(dueAt).toISOString() })),
      overdueTotal: rows[0]?.total ?? 0,
    };
  }

  private async monthly(now: Date): Promise<PipelineMonth[]> {
    return this.dataSource.query(
      `WITH months AS (
         SELECT generate_series(date_trunc('month', ${LOCAL('$1::timestamptz')}) - interval '11 months',
                                date_trunc('month', ${LOCAL('$1::timestamptz')}), interval '1 month') AS start
       )
       SELECT to_char(m.start, 'YYYY-MM') AS month,
              (SELECT count(*) FROM agreements a
                WHERE ${LOCAL('a.created_at')} >= m.start AND ${LOCAL('a.created_at')} < m.start + interval '1 month')::int AS created,
              (SELECT count(*) FROM agreements a
                WHERE ${LOCAL('a.activated_at')} >= m.start AND ${LOCAL('a.activated_at')} < m.start + interval '1 month')::int AS activated
         FROM months m
        ORDER BY m.start`,
      [now],
    );
  }
}
