import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataRequestListQuery, DiagnosticListQuery, DiagnosticNeedInput } from '@convenio/contracts';
import { abilityToSql, type AppAbility, type SqlFieldMap } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { DATASET_SQL_FIELDS } from '../datasets/datasets.repository';
import type { CandidateDatasetRow, DataRequestRow, DiagnosticRow } from './diagnostic.mapper';

/** CASL fields of a Diagnostic → SQL columns (alias `g`). */
export const DIAGNOSTIC_SQL_FIELDS: SqlFieldMap = {
  id: { column: 'g.id', type: 'uuid' },
  organizationId: { column: 'g.organization_id', type: 'uuid' },
  status: { column: 'g.status', type: 'text' },
};

/** CASL fields of a DataRequest → SQL columns (alias `r`). */
export const DATA_REQUEST_SQL_FIELDS: SqlFieldMap = {
  id: { column: 'r.id', type: 'uuid' },
  addressedOrganizationId: { column: 'r.addressed_organization_id', type: 'uuid' },
  requesterOrganizationId: { column: 'r.requester_organization_id', type: 'uuid' },
  status: { column: 'r.status', type: 'text' },
};

/** A diagnostic with its needs (in order, with the assigned dataset's title and owner's name) as one JSON column. */
const SELECT_DIAGNOSTIC = `g.id, g.title, g.policy_question, g.status, g.organization_id, g.created_by_id, g.created_at, g.updated_at,
  COALESCE((SELECT json_agg(json_build_object(
      'id', n.id, 'position', n.position, 'topic', n.topic, 'theme', n.theme, 'geoLevel', n.geo_level, 'geoCodes', n.geo_codes,
      'sectorLevel', n.sector_level, 'sectorCodes', n.sector_codes, 'periodFrom', n.period_from, 'periodTo', n.period_to,
      'personalData', n.personal_data, 'assignedDatasetId', n.assigned_dataset_id, 'assignedDatasetTitle', ad.title,
      'assignedOrganizationId', n.assigned_organization_id, 'assignedOrganizationName', ao.name, 'assignedAt', n.assigned_at) ORDER BY n.position)
    FROM diagnostic_needs n LEFT JOIN datasets ad ON ad.id = n.assigned_dataset_id LEFT JOIN organizations ao ON ao.id = n.assigned_organization_id
    WHERE n.diagnostic_id = g.id), '[]'::json) AS needs`;

const SELECT_DATA_REQUEST = `r.id, r.diagnostic_id, g.title AS diagnostic_title, r.need_id, n.topic AS need_topic,
  r.addressed_organization_id, ao.name AS addressed_name, r.requester_organization_id, ro.name AS requester_name,
  r.message, r.status, r.response, r.dataset_id, ds.title AS dataset_title, r.created_by_id, r.created_at, r.answered_at
  FROM data_requests r JOIN diagnostics g ON g.id = r.diagnostic_id JOIN diagnostic_needs n ON n.id = r.need_id
  JOIN organizations ao ON ao.id = r.addressed_organization_id JOIN organizations ro ON ro.id = r.requester_organization_id
  LEFT JOIN datasets ds ON ds.id = r.dataset_id`;

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** A need as stored: optional lists become empty arrays, optional values null. */
function needValues(need: DiagnosticNeedInput, position: number): unknown[] {
  return [
    position, need.topic, need.theme, need.geoLevel, need.geoCodes ?? [], need.sectorLevel ?? null, need.sectorCodes ?? [],
    need.periodFrom ?? null, need.periodTo ?? null, need.personalData,
  ];
}

/** Diagnostics, needs and data requests in reviewable SQL; lists are narrowed by the caller's CASL rules in SQL. */
@Injectable()
export class DiagnosticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private run<T>(sql: string, params: Record<string, unknown>, manager?: EntityManager): Promise<T[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return (manager ?? this.dataSource.manager).query(escaped, values);
  }

  async findDiagnostic(id: string, manager?: EntityManager): Promise<DiagnosticRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.run<DiagnosticRow>(`SELECT ${SELECT_DIAGNOSTIC} FROM diagnostics g WHERE g.id = :id`, { id }, manager);
    return row ?? null;
  }

  /** Takes the diagnostic's row lock for the transaction; null when there is no such diagnostic. */
  async lockDiagnostic(manager: EntityManager, id: string): Promise<{ id: string; organization_id: string; status: string } | null> {
    if (!isUuid(id)) return null;
    const [row] = await manager.query(`SELECT id, organization_id, status FROM diagnostics WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async listDiagnostics(query: DiagnosticListQuery, ability: AppAbility): Promise<{ rows: DiagnosticRow[]; total: number }> {
    const policy = abilityToSql(ability, 'read', 'Diagnostic', DIAGNOSTIC_SQL_FIELDS, { paramPrefix: 'policy' });
    const params: Record<string, unknown> = { ...policy.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const where = [`(${policy.sql})`];
    if (query.status) {
      where.push('g.status = :status');
      params.status = query.status;
    }
    const condition = where.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.run<DiagnosticRow>(`SELECT ${SELECT_DIAGNOSTIC} FROM diagnostics g WHERE ${condition} ORDER BY g.created_at DESC, g.id LIMIT :limit OFFSET :offset`, params),
      this.run<{ total: number }>(`SELECT count(*)::int AS total FROM diagnostics g WHERE ${condition}`, params),
    ]);
    return { rows, total };
  }

  async insertDiagnostic(manager: EntityManager, input: { title: string; policyQuestion: string; organizationId: string; createdById: string }): Promise<string> {
    const [{ id }] = await manager.query(`INSERT INTO diagnostics (title, policy_question, organization_id, created_by_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
      input.title, input.policyQuestion, input.organizationId, input.createdById,
    ]);
    return id;
  }

  async updateDiagnostic(manager: EntityManager, id: string, changes: { title?: string; policyQuestion?: string; status?: string }): Promise<void> {
    await manager.query(
      `UPDATE diagnostics SET title = COALESCE($2, title), policy_question = COALESCE($3, policy_question), status = COALESCE($4, status), updated_at = now() WHERE id = $1`,
      [id, changes.title ?? null, changes.policyQuestion ?? null, changes.status ?? null],
    );
  }

  async insertNeed(manager: EntityManager, diagnosticId: string, need: DiagnosticNeedInput, position: number): Promise<void> {
    await manager.query(
      `INSERT INTO diagnostic_needs (diagnostic_id, position, topic, theme, geo_level, geo_codes, sector_level, sector_codes, period_from, period_to, personal_data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [diagnosticId, ...needValues(need, position)],
    );
  }

  /** Rewrites a need in place (its id, assignment and data requests stay). */
  async updateNeed(manager: EntityManager, needId: string, need: DiagnosticNeedInput, position: number): Promise<void> {
    await manager.query(
      `UPDATE diagnostic_needs SET position = $2, topic = $3, theme = $4, geo_level = $5, geo_codes = $6, sector_level = $7, sector_codes = $8,
         period_from = $9, period_to = $10, personal_data = $11 WHERE id = $1`,
      [needId, ...needValues(need, position)],
    );
  }

  async needIds(manager: EntityManager, diagnosticId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM diagnostic_needs WHERE diagnostic_id = $1`, [diagnosticId]);
    return rows.map((row) => row.id);
  }

  async deleteNeeds(manager: EntityManager, needIds: readonly string[]): Promise<void> {
    if (needIds.length > 0) await manager.query(`DELETE FROM diagnostic_needs WHERE id = ANY($1::uuid[])`, [needIds]);
  }

  async setAssignment(manager: EntityManager, needId: string, assignment: { datasetId: string; organizationId: string; userId: string } | null): Promise<void> {
    await manager.query(
      `UPDATE diagnostic_needs SET assigned_dataset_id = $2, assigned_organization_id = $3, assigned_by_id = $4, assigned_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END WHERE id = $1`,
      [needId, assignment?.datasetId ?? null, assignment?.organizationId ?? null, assignment?.userId ?? null],
    );
    await manager.query(`UPDATE diagnostics SET updated_at = now() WHERE id = (SELECT diagnostic_id FROM diagnostic_needs WHERE id = $1)`, [needId]);
  }

  /**
   * Published datasets the caller may read that could serve some of `themes` or (when sectors are asked)
   * any sector: the pure matcher (candidate-matching.ts) does the rest.
   */
  async candidateDatasets(ability: AppAbility, themes: readonly string[], withSectors: boolean): Promise<CandidateDatasetRow[]> {
    const policy = abilityToSql(ability, 'read', 'Dataset', DATASET_SQL_FIELDS, { paramPrefix: 'policy' });
    const related = withSectors ? `(d.themes && CAST(:themes AS text[]) OR d.sector_codes <> '{}')` : `d.themes && CAST(:themes AS text[])`;
    return this.run<CandidateDatasetRow>(
      `SELECT d.id, d.title, d.themes, d.geo_level, d.geo_codes, d.sector_level, d.sector_codes, d.time_from::text AS time_from, d.time_to::text AS time_to,
         d.sensitivity, d.owner_organization_id, o.name AS owner_name, o.sector AS owner_sector,
         EXISTS (SELECT 1 FROM jsonb_array_elements(d.columns) c WHERE c->>'identifierKind' = 'direct') AS has_direct_identifiers
       FROM datasets d JOIN organizations o ON o.id = d.owner_organization_id
       WHERE d.status = 'published' AND ${related} AND (${policy.sql})`,
      { ...policy.params, themes: [...new Set(themes)] },
    );
  }

  async findDatasetForAssignment(id: string, manager: EntityManager): Promise<{ id: string; owner_organization_id: string; status: string; sensitivity: string; title: string } | null> {
    if (!isUuid(id)) return null;
    const [row] = await manager.query(`SELECT id, owner_organization_id, status, sensitivity, title FROM datasets WHERE id = $1`, [id]);
    return row ?? null;
  }

  async activeOrganization(manager: EntityManager, id: string): Promise<{ id: string; name: string } | null> {
    const [row] = await manager.query(`SELECT id, name FROM organizations WHERE id = $1 AND active`, [id]);
    return row ?? null;
  }

  async activeStewardIds(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND active AND 'steward' = ANY(roles)`, [organizationId]);
    return rows.map((row) => row.id);
  }

  async insertDataRequest(
    manager: EntityManager,
    input: { diagnosticId: string; needId: string; requesterOrganizationId: string; addressedOrganizationId: string; message: string; createdById: string },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO data_requests (diagnostic_id, need_id, requester_organization_id, addressed_organization_id, message, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.diagnosticId, input.needId, input.requesterOrganizationId, input.addressedOrganizationId, input.message, input.createdById],
    );
    return id;
  }

  async openRequestExists(manager: EntityManager, needId: string, organizationId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM data_requests WHERE need_id = $1 AND addressed_organization_id = $2 AND status = 'open'`, [needId, organizationId]);
    return rows.length > 0;
  }

  async findDataRequest(id: string, manager?: EntityManager): Promise<DataRequestRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.run<DataRequestRow>(`SELECT ${SELECT_DATA_REQUEST} WHERE r.id = :id`, { id }, manager);
    return row ?? null;
  }

  async lockDataRequest(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM data_requests WHERE id = $1 FOR UPDATE`, [id]);
  }

  async listDataRequests(query: DataRequestListQuery, ability: AppAbility): Promise<{ rows: DataRequestRow[]; total: number }> {
    const policy = abilityToSql(ability, 'read', 'DataRequest', DATA_REQUEST_SQL_FIELDS, { paramPrefix: 'policy' });
    const params: Record<string, unknown> = { ...policy.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const where = [`(${policy.sql})`];
    if (query.status) {
      where.push('r.status = :status');
      params.status = query.status;
    }
    const condition = where.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.run<DataRequestRow>(`SELECT ${SELECT_DATA_REQUEST} WHERE ${condition} ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset`, params),
      this.run<{ total: number }>(`SELECT count(*)::int AS total FROM data_requests r WHERE ${condition}`, params),
    ]);
    return { rows, total };
  }

  async answerDataRequest(manager: EntityManager, id: string, answer: { status: string; response: string; datasetId: string | null; userId: string }): Promise<void> {
    await manager.query(`UPDATE data_requests SET status = $2, response = $3, dataset_id = $4, answered_by_id = $5, answered_at = now() WHERE id = $1`, [
      id, answer.status, answer.response, answer.datasetId, answer.userId,
    ]);
  }
}
