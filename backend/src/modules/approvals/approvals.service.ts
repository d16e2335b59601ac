import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import type { AgreementState, ApprovalDecisionRequest, ApprovalTask } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { DomainException } from '../../core/errors/domain.exception';
import { AgreementLifecycleService } from '../agreements/agreement-lifecycle.service';
import { versionAuthor } from './approval-tasks.service';
import { APPROVAL_TASK_COLUMNS, toApprovalTask, type ApprovalTaskRow } from './approval-task.mapper';
import { OutboxService } from './outbox.service';
import { DEFAULT_WORKFLOW_KEY } from './workflow-definitions.service';
import { updateReturning } from '../../core/database/sql-helpers';

export interface SubmissionResult {
  agreementId: string;
  state: AgreementState;
  version: number;
  round: number;
  workflowDefinitionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const taskNotFound = () => new DomainException(404, 'APPROVAL_TASK_NOT_FOUND', 'Approval task not found');

/**
 * The API half of approvals: submitting an agreement and deciding a task. Both commit the
 * change, its audit entry and an outbox row together; the worker moves the workflow on.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async submit(agreementId: string, principal: Principal): Promise<SubmissionResult> {
    const { result, outboxId } = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lifecycle.lock(manager, agreementId);
      const asSubject = subject('Agreement', { id: locked.id, providerOrganizationId: locked.providerOrganizationId, recipientOrganizationId: locked.recipientOrganizationId, state: locked.state });
      if (!principal.ability.can('read', asSubject)) throw new DomainException(404, 'AGREEMENT_NOT_FOUND', 'Agreement not found');
      if (!principal.ability.can('submit', asSubject)) throw new ForbiddenException('Only officials of the recipient organization may submit this agreement');
      await this.lifecycle.apply(manager, locked.id, 'submit', { actorId: principal.userId, locked });
      // Agreements keep the definition version they were first submitted with.
      let definitionId = locked.workflowDefinitionId;
      if (!definitionId) {
        const [definition] = await manager.query(`SELECT id FROM workflow_definitions WHERE key = $1 AND active ORDER BY version DESC LIMIT 1`, [DEFAULT_WORKFLOW_KEY]);
        if (!definition) throw new DomainException(409, 'NO_WORKFLOW_DEFINITION', `No active workflow definition ${DEFAULT_WORKFLOW_KEY}`);
        definitionId = definition.id as string;
        await manager.query(`UPDATE agreements SET workflow_definition_id = $2 WHERE id = $1`, [locked.id, definitionId]);
      }
      const [{ round }] = await manager.query(`SELECT count(*)::int AS round FROM agreement_transitions WHERE agreement_id = $1 AND event = 'submit'`, [locked.id]);
      const id = await this.outbox.write(manager, 'agreement.submitted', { agreementId: locked.id, version: locked.currentVersion, round });
      return {
        outboxId: id,
        result: { agreementId: locked.id, state: 'in_review' as const, version: locked.currentVersion, round, workflowDefinitionId: definitionId },
      };
    });
    await this.outbox.publishSoon(outboxId);
    return result;
  }

  async decide(taskId: string, body: ApprovalDecisionRequest, principal: Principal): Promise<ApprovalTask> {
    if (!UUID.test(taskId)) throw taskNotFound();
    const { task, outboxId } = await this.dataSource.transaction(async (manager) => {
      const [current]: ApprovalTaskRow[] = await manager.query(`SELECT ${APPROVAL_TASK_COLUMNS} FROM approval_tasks t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $1`, [taskId]);
      if (!current || ![...current.assigneeIds, ...current.escalatedToIds].includes(principal.userId)) throw taskNotFound();
      // Four eyes: whoever wrote the version under review never decides on it.
      if ((await versionAuthor(manager, current.agreementId, current.agreementVersion)) === principal.userId) {
        throw new DomainException(409, 'FOUR_EYES', 'The author of this version cannot decide on its review', { code: 'FOUR_EYES' });
      }
      // The conditional update is the arbiter: of two concurrent decisions exactly one finds the task pending.
      const [decided] = await updateReturning<{ decidedAt: Date }>(
        manager,
        `UPDATE approval_tasks SET status = 'decided', decision = $2, decided_by_id = $3, comment = $4, decided_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING decided_at AS "decidedAt"`,
        [taskId, body.decision, principal.userId, body.comment || null],
      );
      if (!decided) throw new DomainException(409, 'TASK_ALREADY_DECIDED', 'this task was already decided', { status: current.status, decision: current.decision });
      const id = await this.outbox.write(manager, 'approval.decided', { taskId });
      // The audit chain's lock last: held only until the commit.
      await this.audit.append(manager, {
        action: `approval_task.${body.decision}`,
        subjectType: 'ApprovalTask',
        subjectId: taskId,
        before: { status: 'pending' },
        after: { status: 'decided', decision: body.decision, agreementId: current.agreementId, step: current.stepKey, ...(body.comment ? { comment: body.comment } : {}) },
      });
      const row: ApprovalTaskRow = { ...current, status: 'decided', decision: body.decision, decidedById: principal.userId, decidedAt: decided.decidedAt, comment: body.comment || null };
      return { task: row, outboxId: id };
    });
    await this.outbox.publishSoon(outboxId);
    return toApprovalTask(task, this.clock.now());
  }

  /** The caller's pending tasks (assigned or escalated to them), soonest due first. */
  async listMine(principal: Principal): Promise<ApprovalTask[]> {
    const rows: ApprovalTaskRow[] = await this.dataSource.query(
      `SELECT ${APPROVAL_TASK_COLUMNS} FROM approval_tasks t JOIN agreements a ON a.id = t.agreement_id
        WHERE t.status = 'pending' AND a.state = 'in_review' AND ($1::uuid = ANY(t.assignee_ids) OR $1::uuid = ANY(t.escalated_to_ids))
        ORDER BY t.due_at, t.created_at`,
      [principal.userId],
    );
    const now = this.clock.now();
    return rows.map((row) => toApprovalTask(row, now));
  }

  /** A task its assignees, its decider and whoever may read its agreement and tasks can see; others get 404. */
  async get(taskId: string, principal: Principal): Promise<ApprovalTask> {
    if (!UUID.test(taskId)) throw taskNotFound();
    const [row]: ApprovalTaskRow[] = await this.dataSource.query(`SELECT ${APPROVAL_TASK_COLUMNS} FROM approval_tasks t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $1`, [taskId]);
    if (!row) throw taskNotFound();
    const involved = [...row.assigneeIds, ...row.escalatedToIds, row.decidedById].includes(principal.userId);
    const agreement = subject('Agreement', { id: row.agreementId, providerOrganizationId: row.providerOrganizationId, recipientOrganizationId: row.recipientOrganizationId, state: row.agreementState });
    const readable = principal.ability.can('read', subject('ApprovalTask', { id: row.id, agreementId: row.agreementId })) && principal.ability.can('read', agreement);
    if (!involved && !readable) throw taskNotFound();
    return toApprovalTask(row, this.clock.now());
  }
}
