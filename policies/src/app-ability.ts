import { createMongoAbility, type ForcedSubject, type MongoAbility, type MongoQuery, type RawRuleOf } from '@casl/ability';

/** CASL actions: lower-case verbs. `manage` means every action. */
export const ACTIONS = [
  'manage', 'read', 'create', 'update', 'delete', 'request', 'explain', 'verify', 'export', 'submit', 'approve', 'sign', 'withdraw', 'terminate', 'answer',
] as const;
export type Action = (typeof ACTIONS)[number];

/** CASL subjects: PascalCase strings (never classes: they break under minification). */
export const SUBJECTS = [
  'SystemHealth', 'Organization', 'User', 'ApiKey', 'AuditEntry', 'Dataset',
  'Diagnostic', 'DataRequest', 'Agreement', 'AgreementComment', 'ApprovalTask', 'WorkflowDefinition', 'Notification', 'Pipeline',
  'LineageEvent', 'LineageGraph', 'AnonymizationJob', 'Release', 'ComplianceFinding',
] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/** The fields conditions may use, per subject (the SQL field maps mirror these). */
export interface SubjectShapes {
  Organization: { id: string; active: boolean; sector: string };
  User: { id: string; organizationId: string; active: boolean };
  ApiKey: { id: string; organizationId: string; createdById: string };
  AuditEntry: { organizationId: string | null; actorId: string | null };
  Dataset: { id: string; ownerOrganizationId: string; status: string; sensitivity: string };
  Diagnostic: { id: string; organizationId: string; status: string };
  DataRequest: { id: string; addressedOrganizationId: string; requesterOrganizationId: string; status: string };
  Agreement: { id: string; providerOrganizationId: string; recipientOrganizationId: string; state: string };
  AgreementComment: { agreementId: string; visibility: string };
  ApprovalTask: { id: string; agreementId: string };
  Notification: { id: string; userId: string };
  AnonymizationJob: { id: string; organizationId: string; createdById: string };
  Release: { agreementId: string; providerOrganizationId: string; recipientOrganizationId: string };
  ComplianceFinding: { id: string; severity: string; status: string };
}

/** A subject instance: its shape tagged with its type (what `subject('User', row)` gives). */
type TaggedSubject = { [K in keyof SubjectShapes]: SubjectShapes[K] & ForcedSubject<K> }[keyof SubjectShapes];
type Subjects = SubjectType | 'all' | TaggedSubject;

export type AppAbility = MongoAbility<[Action, Subjects], MongoQuery>;
export type AppRule = RawRuleOf<AppAbility>;

export function createAppAbility(rules: AppRule[] = []): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}
