import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addWorkingDays, type WorkflowStep } from '@convenio/contracts';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { JobName, QueueName, type ApprovalTimerJobData } from '../../core/queue/queue-names';
import { NotificationsService } from '../notifications/notifications.service';
import { escalationTargets, usersWithRole } from './agreement-people';
import { cancelPendingTasks, WORKFLOW_ACTOR } from './approval-task-cancellation';

export { WORKFLOW_ACTOR };

export interface TaskAgreement {
  id: string;
  reference: string;
  providerOrganizationId: string;
  recipientOrganizationId: string;
}

export interface CreatedTask {
  id: string;
  remindAt: Date | null;
  dueAt: Date;
}

export const reminderJobId = (taskId: string) => `remind-${taskId}`;
export const escalationJobId = (taskId: string) => `escalate-${taskId}`;

/** The author of a version: the one person who may never review it (four eyes). */
export async function versionAuthor(manager: EntityManager, agreementId: string, version: number): Promise<string | null> {
  const [row] = await manager.query(`SELECT author_id AS "authorId" FROM agreement_versions WHERE agreement_id = $1 AND version = $2`, [agreementId, version]);
  return row?.authorId ?? null;
}

/**
 * Approval tasks: who reviews a step, when it is due, and the delayed jobs that remind and
 * escalate. Creation runs in the worker's transaction; timers are queued after its commit.
 */
@Injectable()
export class ApprovalTasksService {
  private readonly logger = new Logger(ApprovalTasksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Approvals) private readonly queue: Queue<ApprovalTimerJobData>,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Reviewers of a step: people with the step's role in the side's organization (or the
   * given organization), plus named users (who must hold the role when one is given); with
   * neither a side nor an organization, a role alone means everyone holding it. Never the author.
   */
  async resolveAssignees(manager: EntityManager, step: WorkflowStep, agreement: TaskAgreement, authorId: string | null): Promise<string[]> {
    const { role, side, organizationId, userIds = [] } = step.reviewers;
    const organization = organizationId ?? (side === 'provider' ? agreement.providerOrganizationId : side === 'recipient' ? agreement.recipientOrganizationId : null);
    const ids = new Set<string>();
    if (role && organization) for (const id of await usersWithRole(manager, organization, [role])) ids.add(id);
    if (role && !organization && userIds.length === 0) {
      const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM users WHERE active AND $1 = ANY(roles)`, [role]);
      for (const row of rows) ids.add(row.id);
    }
    if (userIds.length > 0) {
      const rows: Array<{ id: string }> = await manager.query(
        `SELECT id FROM users WHERE active AND id = ANY($1::uuid[]) AND ($2::text IS NULL OR $2 = ANY(roles))`,
        [userIds, organization ? null : (role ?? null)],
      );
      for (const row of rows) ids.add(row.id);
    }
    if (authorId) ids.delete(authorId);
    return [...ids];
  }

  /**
   * Separation of duties within a review round: whoever decided an earlier step is not asked
   * again (the legal reviewer does not also give the final approval). When that would leave a
   * step with nobody, the earlier deciders stay: a workflow never stalls on this rule.
   */
  private async withoutEarlierDeciders(manager: EntityManager, input: { agreement: TaskAgreement; round: number; stepIndex: number }, assignees: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT DISTINCT decided_by_id AS id FROM approval_tasks WHERE agreement_id = $1 AND round = $2 AND step_index < $3 AND decided_by_id IS NOT NULL`,
      [input.agreement.id, input.round, input.stepIndex],
    );
    const earlier = new Set(rows.map((row) => row.id));
    const fresh = assignees.filter((id) => !earlier.has(id));
    return fresh.length > 0 ? fresh : assignees;
  }

  /** Creates the task of one step (null when it already exists: a duplicate delivery) and tells its reviewers. */
  async createTask(
    manager: EntityManager,
    input: { agreement: TaskAgreement; version: number; round: number; definitionId: string; steps: WorkflowStep[]; stepIndex: number; now: Date },
  ): Promise<CreatedTask | null> {
    const step = input.steps[input.stepIndex];
    const authorId = await versionAuthor(manager, input.agreement.id, input.version);
    let assignees = await this.withoutEarlierDeciders(manager, input, await this.resolveAssignees(manager, step, input.agreement, authorId));
    // Nobody fits the step (e.g. an organization without stewards): send it where escalation would.
    if (assignees.length === 0) assignees = await escalationTargets(manager, input.agreement, authorId);
    const dueAt = addWorkingDays(input.now, step.deadlineWorkingDays);
    const remindAt = step.reminderWorkingDays > 0 ? addWorkingDays(input.now, step.deadlineWorkingDays - step.reminderWorkingDays) : null;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO approval_tasks (agreement_id, agreement_version, workflow_definition_id, round, step_index, step_key, step_name, assignee_ids, due_at, remind_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11)
       ON CONFLICT (agreement_id, round, step_index) DO NOTHING RETURNING id`,
      [input.agreement.id, input.version, input.definitionId, input.round, input.stepIndex, step.key, step.name, assignees, dueAt, remindAt, input.now],
    );
    if (rows.length === 0) return null;
    const taskId = rows[0].id;
    await this.notifications.notify(manager, {
      userIds: assignees,
      kind: 'approval_assigned',
      params: { reference: input.agreement.reference, step: step.name, dueAt: dueAt.toISOString() },
      link: '/aprobaciones',
      dedupeKey: `assigned:${taskId}`,
    });
    // The audit chain's lock last: held only until the commit.
    await this.audit.append(manager, {
      action: 'approval_task.create',
      subjectType: 'ApprovalTask',
      subjectId: taskId,
      after: { agreementId: input.agreement.id, version: input.version, round: input.round, step: step.key, assigneeIds: assignees, dueAt: dueAt.toISOString() },
      actor: WORKFLOW_ACTOR,
    });
    return { id: taskId, remindAt, dueAt };
  }

  /** Cancels what is still pending for an agreement that left review (withdrawn, decided elsewhere). */
  async cancelPending(manager: EntityManager, agreementId: string): Promise<number> {
    return cancelPendingTasks(manager, this.audit, agreementId);
  }

  /** Queues the reminder and the escalation of a task; the job ids make a repeat a no-op. */
  async scheduleTimers(task: CreatedTask, now: Date): Promise<void> {
    const at = (instant: Date) => Math.max(0, instant.getTime() - now.getTime());
    const jobs = [{ name: JobName.ApprovalEscalation, data: { taskId: task.id }, opts: { jobId: escalationJobId(task.id), delay: at(task.dueAt) } }];
    if (task.remindAt) jobs.push({ name: JobName.ApprovalReminder, data: { taskId: task.id }, opts: { jobId: reminderJobId(task.id), delay: at(task.remindAt) } });
    try {
      await this.queue.addBulk(jobs);
    } catch (error) {
      // The worker re-queues the timers of every pending task when it starts.
      this.logger.warn(`Timers of task ${task.id} not queued: ${(error as Error).message}`);
    }
  }

  /** At worker start: make sure every pending task has its timers (covers a crash between commit and queueing). */
  async scheduleAllPending(now: Date): Promise<number> {
    const rows: Array<{ id: string; remindAt: Date | null; dueAt: Date }> = await this.dataSource.query(
      `SELECT id, CASE WHEN reminded_at IS NULL THEN remind_at END AS "remindAt", due_at AS "dueAt" FROM approval_tasks WHERE status = 'pending' AND escalated_at IS NULL`,
    );
    for (const row of rows) await this.scheduleTimers(row, now);
    return rows.length;
  }
}
