import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { nextAgreementState, type ApprovalDecision, type WorkflowStep } from '@convenio/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { AgreementLifecycleService, type LockedAgreement } from '../agreements/agreement-lifecycle.service';
import { NotificationsService } from '../notifications/notifications.service';
import { signersOf } from './agreement-people';
import { ApprovalTasksService, type CreatedTask } from './approval-tasks.service';
import type { AgreementSubmittedPayload, ApprovalDecidedPayload, OutboxTopic } from './outbox.service';
import { updateReturning } from '../../core/database/sql-helpers';

export type OutboxOutcome = 'already_processed' | 'task_created' | 'agreement_moved' | 'ignored';

interface DecidedTask {
  id: string;
  agreementId: string;
  agreementVersion: number;
  round: number;
  stepIndex: number;
  workflowDefinitionId: string;
  decision: ApprovalDecision;
  comment: string | null;
}

const EVENT_OF: Record<Exclude<ApprovalDecision, 'approve'>, 'reject' | 'request_changes'> = { reject: 'reject', request_changes: 'request_changes' };

/**
 * Moves the workflow on from outbox events, in the worker. Each event is handled in one
 * transaction that first claims the outbox row (`processed_at IS NULL`): a job delivered
 * twice, or re-run after a crash, finds the row claimed and changes nothing.
 */
@Injectable()
export class WorkflowEngine {
  private readonly logger = new Logger(WorkflowEngine.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly tasks: ApprovalTasksService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async handleOutboxRow(outboxId: string): Promise<OutboxOutcome> {
    const now = this.clock.now();
    const created: CreatedTask[] = [];
    let outcome: OutboxOutcome;
    try {
      outcome = await this.dataSource.transaction(async (manager) => {
        const [claimed] = await updateReturning<{ topic: string; payload: unknown }>(
          manager,
          `UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = $1 AND processed_at IS NULL RETURNING topic, payload`,
          [outboxId],
        );
        if (!claimed) return 'already_processed';
        const topic = claimed.topic as OutboxTopic;
        if (topic === 'agreement.submitted') return this.onSubmitted(manager, claimed.payload as AgreementSubmittedPayload, now, created);
        if (topic === 'approval.decided') return this.onDecided(manager, claimed.payload as ApprovalDecidedPayload, now, created);
        this.logger.warn(`Outbox row ${outboxId} has unknown topic ${String(topic)}`);
        return 'ignored';
      });
    } catch (error) {
      await this.dataSource
        .query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND processed_at IS NULL`, [outboxId, (error as Error).message.slice(0, 2000)])
        .catch(() => undefined);
      throw error;
    }
    for (const task of created) await this.tasks.scheduleTimers(task, now);
    return outcome;
  }

  private async onSubmitted(manager: EntityManager, event: AgreementSubmittedPayload, now: Date, created: CreatedTask[]): Promise<OutboxOutcome> {
    const agreement = await this.lifecycle.lock(manager, event.agreementId);
    // A later edit or withdrawal overtook this submission: its review is moot.
    if (agreement.state !== 'in_review' || agreement.currentVersion !== event.version || !agreement.workflowDefinitionId) return 'ignored';
    // A resubmission restarts at step 1; whatever the earlier round left pending goes.
    await manager.query(`UPDATE approval_tasks SET status = 'cancelled' WHERE agreement_id = $1 AND status = 'pending' AND round < $2`, [agreement.id, event.round]);
    const steps = await this.stepsOf(manager, agreement.workflowDefinitionId);
    const task = await this.tasks.createTask(manager, {
      agreement, version: event.version, round: event.round, definitionId: agreement.workflowDefinitionId, steps, stepIndex: 0, now,
    });
    if (!task) return 'ignored';
    created.push(task);
    return 'task_created';
  }

  private async onDecided(manager: EntityManager, event: ApprovalDecidedPayload, now: Date, created: CreatedTask[]): Promise<OutboxOutcome> {
    const [task]: DecidedTask[] = await manager.query(
      `SELECT id, agreement_id AS "agreementId", agreement_version AS "agreementVersion", round, step_index AS "stepIndex",
              workflow_definition_id AS "workflowDefinitionId", decision, comment
         FROM approval_tasks WHERE id = $1 AND status = 'decided'`,
      [event.taskId],
    );
    if (!task) return 'ignored';
    const agreement = await this.lifecycle.lock(manager, task.agreementId);
    if (agreement.state !== 'in_review' || agreement.currentVersion !== task.agreementVersion) return 'ignored';
    const steps = await this.stepsOf(manager, task.workflowDefinitionId);
    if (task.decision === 'approve' && task.stepIndex + 1 < steps.length) {
      const next = await this.tasks.createTask(manager, {
        agreement, version: task.agreementVersion, round: task.round, definitionId: task.workflowDefinitionId, steps, stepIndex: task.stepIndex + 1, now,
      });
      if (next) created.push(next);
      return next ? 'task_created' : 'ignored';
    }
    await this.conclude(manager, agreement, task);
    return 'agreement_moved';
  }

  /**
   * The last approval, a rejection or a request for changes: the agreement leaves review.
   * The transition (which appends to the audit chain under its one lock) comes last, so the
   * lock is held only until the commit that follows; the agreement row is locked already,
   * so the legality checked first still holds then.
   */
  private async conclude(manager: EntityManager, agreement: LockedAgreement, task: DecidedTask): Promise<void> {
    const event = task.decision === 'approve' ? 'approve' : EVENT_OF[task.decision];
    if (nextAgreementState(agreement.state, event) === null) return;
    await this.tasks.cancelPending(manager, agreement.id);
    const params = { reference: agreement.reference };
    const link = `/convenios/${agreement.id}`;
    const author = agreement.authorId ? [agreement.authorId] : [];
    if (event === 'approve') {
      await this.notifications.notify(manager, { userIds: author, kind: 'agreement_approved', params, link, dedupeKey: `approved:${agreement.id}:${task.round}` });
      await this.notifications.notify(manager, { userIds: await signersOf(manager, agreement), kind: 'signature_requested', params, link, dedupeKey: `sign:${agreement.id}:${agreement.currentVersion}` });
    } else if (event === 'reject') {
      await this.notifications.notify(manager, { userIds: author, kind: 'agreement_rejected', params, link, dedupeKey: `rejected:${agreement.id}` });
    } else {
      await this.notifications.notify(manager, { userIds: author, kind: 'agreement_changes_requested', params, link, dedupeKey: `changes:${agreement.id}:${task.round}` });
    }
    await this.lifecycle.apply(manager, agreement.id, event, { actorId: null, comment: task.comment, locked: agreement });
  }

  private async stepsOf(manager: EntityManager, definitionId: string): Promise<WorkflowStep[]> {
    const [row] = await manager.query(`SELECT steps FROM workflow_definitions WHERE id = $1`, [definitionId]);
    if (!row) throw new Error(`Workflow definition ${definitionId} not found`);
    return row.steps as WorkflowStep[];
  }
}
