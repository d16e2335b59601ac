import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { escalationTargets } from './agreement-people';
import { versionAuthor, WORKFLOW_ACTOR } from './approval-tasks.service';

export type TimerOutcome = 'sent' | 'not_due' | 'not_pending' | 'already_done';

interface PendingTask {
  id: string;
  agreementId: string;
  agreementVersion: number;
  reference: string;
  recipientOrganizationId: string;
  stepName: string;
  status: string;
  agreementState: string;
  assigneeIds: string[];
  remindAt: Date | null;
  remindedAt: Date | null;
  dueAt: Date;
  escalatedAt: Date | null;
}

/**
 * What the delayed jobs do when they fire: remind the reviewers a day (or as the step says)
 * before the deadline, and escalate a step still pending at its deadline. Both take the
 * instant to act at, so tests choose it; both are idempotent (a job run twice sends once).
 */
@Injectable()
export class ApprovalTimers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async remind(taskId: string, now: Date): Promise<TimerOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (!task || task.status !== 'pending' || task.agreementState !== 'in_review') return 'not_pending';
      if (task.remindedAt) return 'already_done';
      if (!task.remindAt || now < task.remindAt) return 'not_due';
      await manager.query(`UPDATE approval_tasks SET reminded_at = $2 WHERE id = $1`, [taskId, now]);
      await this.notifications.notify(manager, {
        userIds: task.assigneeIds,
        kind: 'approval_reminder',
        params: { reference: task.reference, step: task.stepName, dueAt: task.dueAt.toISOString() },
        link: '/aprobaciones',
        dedupeKey: `reminder:${taskId}`,
      });
      return 'sent';
    });
  }

  async escalate(taskId: string, now: Date): Promise<TimerOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (!task || task.status !== 'pending' || task.agreementState !== 'in_review') return 'not_pending';
      if (task.escalatedAt) return 'already_done';
      if (now < task.dueAt) return 'not_due';
      const authorId = await versionAuthor(manager, task.agreementId, task.agreementVersion);
      const targets = await escalationTargets(manager, task, authorId);
      await manager.query(`UPDATE approval_tasks SET escalated_at = $2, escalated_to_ids = $3::uuid[] WHERE id = $1`, [taskId, now, targets]);
      await this.audit.append(manager, {
        action: 'approval_task.escalate',
        subjectType: 'ApprovalTask',
        subjectId: taskId,
        before: { escalatedToIds: [] },
        after: { escalatedToIds: targets, dueAt: task.dueAt.toISOString() },
        actor: WORKFLOW_ACTOR,
      });
      await this.notifications.notify(manager, {
        userIds: [...new Set([...task.assigneeIds, ...targets])],
        kind: 'approval_overdue',
        params: { reference: task.reference, step: task.stepName, dueAt: task.dueAt.toISOString() },
        link: '/aprobaciones',
        dedupeKey: `overdue:${taskId}`,
      });
      return 'sent';
    });
  }

  private async lockTask(manager: import('typeorm').EntityManager, taskId: string): Promise<PendingTask | undefined> {
    const [task] = await manager.query(
      `SELECT t.id, t.agreement_id AS "agreementId", t.agreement_version AS "agreementVersion", a.reference, a.recipient_organization_id AS "recipientOrganizationId",
              t.step_name AS "stepName", t.status, a.state AS "agreementState", t.assignee_ids AS "assigneeIds", t.remind_at AS "remindAt",
              t.reminded_at AS "remindedAt", t.due_at AS "dueAt", t.escalated_at AS "escalatedAt"
         FROM approval_tasks t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $1 FOR UPDATE OF t`,
      [taskId],
    );
    return task;
  }
}
