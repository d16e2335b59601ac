import { z } from 'zod';
import { ROLES } from '../identity/roles';

/** Which party's people review a step: the provider's, the recipient's, or anyone's (narrowed by organizationId or userIds). */
export const REVIEWER_SIDES = ['provider', 'recipient', 'any'] as const;
export type ReviewerSide = (typeof REVIEWER_SIDES)[number];

export const workflowStepSchema = z.strictObject({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{1,40}$/, 'must be a lower-case key such as legal_review'),
  name: z.string().trim().min(3).max(200),
  /** Reviewers by role and organization side, or named users (either is enough). */
  reviewers: z.strictObject({
    role: z.enum(ROLES).optional(),
    side: z.enum(REVIEWER_SIDES).default('any'),
    /** Narrow a side to one organization (e.g. the ministry's legal office). */
    organizationId: z.uuid().optional(),
    userIds: z.array(z.uuid()).max(50).optional(),
  }).refine((r) => r.role !== undefined || (r.userIds?.length ?? 0) > 0, { message: 'give a role or named users', path: ['role'] }),
  deadlineWorkingDays: z.number().int().min(1).max(60),
  /** Working days before the deadline when a reminder goes out. */
  reminderWorkingDays: z.number().int().min(0).max(59),
}).refine((step) => step.reminderWorkingDays < step.deadlineWorkingDays, {
  message: 'the reminder must come before the deadline',
  path: ['reminderWorkingDays'],
});
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const saveWorkflowDefinitionSchema = z.strictObject({
  name: z.string().trim().min(3).max(200),
  steps: z.array(workflowStepSchema).min(1).max(10),
});
export type SaveWorkflowDefinitionRequest = z.infer<typeof saveWorkflowDefinitionSchema>;

/** A definition is versioned: saving makes a new version; agreements keep the version they started with. */
export interface WorkflowDefinition {
  id: string;
  key: string;
  version: number;
  name: string;
  steps: WorkflowStep[];
  active: boolean;
  createdById: string | null;
  createdAt: string;
}

export const APPROVAL_DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const APPROVAL_TASK_STATUSES = ['pending', 'decided', 'cancelled'] as const;
export type ApprovalTaskStatus = (typeof APPROVAL_TASK_STATUSES)[number];

export const approvalDecisionSchema = z.strictObject({
  decision: z.enum(APPROVAL_DECISIONS),
  comment: z.string().trim().max(5000).default(''),
}).refine((body) => body.decision === 'approve' || body.comment.length >= 3, {
  message: 'a rejection or a request for changes needs a comment',
  path: ['comment'],
});
export type ApprovalDecisionRequest = z.infer<typeof approvalDecisionSchema>;

export interface ApprovalStepRef {
  index: number;
  key: string;
  name: string;
}

export interface ApprovalTask {
  id: string;
  agreementId: string;
  agreementReference: string;
  agreementVersion: number;
  step: ApprovalStepRef;
  status: ApprovalTaskStatus;
  dueAt: string;
  overdue: boolean;
  decision: ApprovalDecision | null;
  decidedById: string | null;
  decidedAt: string | null;
  comment: string | null;
  createdAt: string;
}

/** `GET /api/v1/workflow-definitions`: each key's latest version and its history (newest first). */
export interface WorkflowDefinitionHistory {
  key: string;
  latest: WorkflowDefinition;
  versions: WorkflowDefinition[];
}
