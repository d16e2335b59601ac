import type { ApprovalTask } from '@convenio/contracts';

/** Columns of approval_tasks (alias t) joined with agreements (alias a), as ApprovalTask fields. */
export const APPROVAL_TASK_COLUMNS = `t.id, t.agreement_id AS "agreementId", a.reference AS "agreementReference", t.agreement_version AS "agreementVersion",
  t.step_index AS "stepIndex", t.step_key AS "stepKey", t.step_name AS "stepName", t.status, t.due_at AS "dueAt", t.decision,
  t.decided_by_id AS "decidedById", t.decided_at AS "decidedAt", t.comment, t.created_at AS "createdAt",
  t.assignee_ids AS "assigneeIds", t.escalated_to_ids AS "escalatedToIds", a.provider_organization_id AS "providerOrganizationId",
  a.recipient_organization_id AS "recipientOrganizationId", a.state AS "agreementState"`;

export interface ApprovalTaskRow {
  id: string;
  agreementId: string;
  agreementReference: string;
  agreementVersion: number;
  stepIndex: number;
  stepKey: string;
  stepName: string;
  status: ApprovalTask['status'];
  dueAt: Date;
  decision: ApprovalTask['decision'];
  decidedById: string | null;
  decidedAt: Date | null;
  comment: string | null;
  createdAt: Date;
  assigneeIds: string[];
  escalatedToIds: string[];
  providerOrganizationId: string;
  recipientOrganizationId: string;
  agreementState: string;
}

export function toApprovalTask(row: ApprovalTaskRow, now: Date): ApprovalTask {
  return {
    id: row.id,
    agreementId: row.agreementId,
    agreementReference: row.agreementReference,
    agreementVersion: row.agreementVersion,
    step: { index: row.stepIndex, key: row.stepKey, name: row.stepName },
    status: row.status,
    dueAt: row.dueAt.toISOString(),
    overdue: row.status === 'pending' && row.dueAt.getTime() < now.getTime(),
    decision: row.decision,
    decidedById: row.decidedById,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
  };
}
