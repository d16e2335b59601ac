import type { EntityManager } from 'typeorm';
import type { AuditService } from '../../core/audit/audit.service';
import { updateReturning } from '../../core/database/sql-helpers';

/** The actor of what the workflow does by itself (audit entries without a person). */
export const WORKFLOW_ACTOR = { id: null, label: 'workflow', organizationId: null } as const;

/**
 * Ends the pending review tasks of an agreement (withdrawn, or a new round replaces them), one
 * audit entry per task — the one rule for it, used by the workflow engine and by a withdrawal.
 * A plain function so the agreements module can call it without depending on the approvals module.
 */
export async function cancelPendingTasks(manager: EntityManager, audit: AuditService, agreementId: string): Promise<number> {
  const rows = await updateReturning<{ id: string }>(manager, `UPDATE approval_tasks SET status = 'cancelled' WHERE agreement_id = $1 AND status = 'pending' RETURNING id`, [agreementId]);
  for (const row of rows) {
    await audit.append(manager, { action: 'approval_task.cancel', subjectType: 'ApprovalTask', subjectId: row.id, after: { agreementId }, actor: WORKFLOW_ACTOR });
  }
  return rows.length;
}
