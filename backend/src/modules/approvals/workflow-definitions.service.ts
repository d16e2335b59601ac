import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SaveWorkflowDefinitionRequest, WorkflowDefinition, WorkflowDefinitionHistory } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';

/** The definition a submitted agreement runs through (pinned on first submission). */
export const DEFAULT_WORKFLOW_KEY = 'agreement_default';

const KEY = /^[a-z][a-z0-9_]{1,60}$/;
const COLUMNS = `id, key, version, name, steps, active, created_by_id AS "createdById", created_at AS "createdAt"`;

interface DefinitionRow extends Omit<WorkflowDefinition, 'createdAt'> {
  createdAt: Date;
}

const toDefinition = (row: DefinitionRow): WorkflowDefinition => ({ ...row, createdAt: row.createdAt.toISOString() });

/** Versioned workflow definitions: saving never edits, it adds a version and makes it the active one. */
@Injectable()
export class WorkflowDefinitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<WorkflowDefinitionHistory[]> {
    const rows: DefinitionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM workflow_definitions ORDER BY key, version DESC`);
    const byKey = new Map<string, WorkflowDefinition[]>();
    for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), toDefinition(row)]);
    return [...byKey.entries()].map(([key, versions]) => ({ key, latest: versions[0], versions }));
  }

  async versions(key: string): Promise<WorkflowDefinition[]> {
    const rows: DefinitionRow[] = KEY.test(key) ? await this.dataSource.query(`SELECT ${COLUMNS} FROM workflow_definitions WHERE key = $1 ORDER BY version DESC`, [key]) : [];
    if (rows.length === 0) throw new DomainException(404, 'WORKFLOW_DEFINITION_NOT_FOUND', `Workflow definition ${key} not found`);
    return rows.map(toDefinition);
  }

  async saveVersion(key: string, body: SaveWorkflowDefinitionRequest, principal: Principal): Promise<WorkflowDefinition> {
    if (!KEY.test(key)) throw new DomainException(400, 'INVALID_WORKFLOW_KEY', 'A workflow key is lower-case letters, digits and _', [{ path: 'key', message: 'must match ^[a-z][a-z0-9_]{1,60}$' }]);
    const stepKeys = body.steps.map((step) => step.key);
    const duplicate = stepKeys.findIndex((stepKey, index) => stepKeys.indexOf(stepKey) !== index);
    if (duplicate >= 0) throw new DomainException(422, 'DUPLICATE_STEP_KEY', 'Step keys must be unique', [{ path: `steps.${duplicate}.key`, message: 'already used by an earlier step' }]);
    return this.dataSource.transaction(async (manager) => {
      const named = [...new Set(body.steps.flatMap((step) => step.reviewers.userIds ?? []))];
      const organizations = [...new Set(body.steps.flatMap((step) => (step.reviewers.organizationId ? [step.reviewers.organizationId] : [])))];
      const [{ users, orgs }] = await manager.query(
        `SELECT (SELECT count(*)::int FROM users WHERE id = ANY($1::uuid[])) AS users, (SELECT count(*)::int FROM organizations WHERE id = ANY($2::uuid[])) AS orgs`,
        [named, organizations],
      );
      if (users !== named.length) throw new DomainException(422, 'UNKNOWN_REVIEWER', 'A named reviewer does not exist', [{ path: 'steps', message: 'unknown user id in reviewers.userIds' }]);
      if (orgs !== organizations.length) throw new DomainException(422, 'UNKNOWN_ORGANIZATION', 'A reviewer organization does not exist', [{ path: 'steps', message: 'unknown reviewers.organizationId' }]);
      // One writer per key at a time, so versions stay 1, 2, 3… without gaps or clashes.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('workflow_definition:' || $1))`, [key]);
      const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM workflow_definitions WHERE key = $1`, [key]);
      await manager.query(`UPDATE workflow_definitions SET active = false WHERE key = $1 AND active`, [key]);
      const [row]: DefinitionRow[] = await manager.query(
        `INSERT INTO workflow_definitions (key, version, name, steps, active, created_by_id) VALUES ($1, $2, $3, $4::jsonb, true, $5) RETURNING ${COLUMNS}`,
        [key, next, body.name, JSON.stringify(body.steps), principal.userId],
      );
      await this.audit.append(manager, { action: 'workflow_definition.create', subjectType: 'WorkflowDefinition', subjectId: row.id, after: { key, version: next, name: body.name, steps: body.steps } });
      return toDefinition(row);
    });
  }
}
