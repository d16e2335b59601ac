import { z } from 'zod';
import { pageQuerySchema } from '../common/pagination.schema';

/**
 * Compliance findings: what the worker finds when it checks each ingested lineage run against
 * the sharing agreements. Auditors and officials acknowledge or resolve them with a comment
 * (audited); a resolved finding can be reopened.
 */
export const COMPLIANCE_RULES = [
  /** Data of one organization's dataset flowed into another organization's dataset with no agreement active at the event time covering the source. */
  'cross_org_flow_without_agreement',
  /** The run names an agreement (convenio_agreement facet) that was not active at the event time. */
  'run_under_inactive_agreement',
  /** An output of a governed run keeps a direct identifier (or a column derived from one) through an edge not flagged masking, when the agreement requires removing them. */
  'direct_identifier_not_removed',
  /** A release whose anonymization report shows k below the agreement's minimum. */
  'release_k_below_minimum',
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Status changes allowed (a resolved finding may be reopened). */
export const FINDING_TRANSITIONS: Record<FindingStatus, readonly FindingStatus[]> = {
  open: ['acknowledged', 'resolved'],
  acknowledged: ['open', 'resolved'],
  resolved: ['open'],
};

export interface FindingEvidenceEdge {
  /** `dataset:<namespace>:<name>` of the source and target. */
  source: string;
  target: string;
  sourceField?: string;
  targetField?: string;
  masking?: boolean;
}

export interface FindingEvidence {
  /** Raw OpenLineage events of the run (lineage_events ids). */
  eventIds: string[];
  edges: FindingEvidenceEdge[];
  /** Rule-specific facts: owners, agreement state at the time, k and minimum, fields… */
  facts: Record<string, unknown>;
}

export interface FindingHistoryEntry {
  status: FindingStatus;
  comment: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface ComplianceFinding {
  id: string;
  rule: ComplianceRule;
  severity: FindingSeverity;
  status: FindingStatus;
  /** One sentence (English) the UI shows beside the translated rule name. */
  summary: string;
  runId: string | null;
  job: { namespace: string; name: string } | null;
  eventTime: string | null;
  agreementId: string | null;
  agreementReference: string | null;
  agreementVersion: number | null;
  evidence: FindingEvidence;
  createdAt: string;
  updatedAt: string;
  history: FindingHistoryEntry[];
}

export const findingListQuerySchema = pageQuerySchema.extend({
  status: z.enum(FINDING_STATUSES).optional(),
  severity: z.enum(FINDING_SEVERITIES).optional(),
  rule: z.enum(COMPLIANCE_RULES).optional(),
  agreementId: z.uuid().optional(),
  runId: z.uuid().optional(),
});
export type FindingListQuery = z.infer<typeof findingListQuerySchema>;

export const updateFindingSchema = z.strictObject({
  status: z.enum(FINDING_STATUSES),
  comment: z.string().trim().min(3).max(2000),
});
export type UpdateFindingRequest = z.infer<typeof updateFindingSchema>;

/**
 * Ask the worker to check lineage runs again (after the catalog marked new identifiers or
 * declared new lineage identities): every run, or the runs under one agreement.
 */
export const complianceRecheckSchema = z.strictObject({
  agreementId: z.uuid().optional(),
});
export type ComplianceRecheckRequest = z.infer<typeof complianceRecheckSchema>;

export interface ComplianceRecheck {
  /** Runs put back on the worker's list. */
  runs: number;
  agreementId: string | null;
  requestedAt: string;
}

/** Personal data in a lineage dataset: fields marked in the catalog or derived from one through edges not flagged masking. */
export interface LineagePersonalDataField {
  field: string;
  kind: 'direct' | 'quasi';
  /** True when the catalog itself marks this field; false when it is derived. */
  declared: boolean;
  /** The catalog columns it derives from. */
  origins: Array<{ namespace: string; name: string; field: string; kind: 'direct' | 'quasi' }>;
}

export interface LineagePersonalData {
  dataset: { namespace: string; name: string };
  fields: LineagePersonalDataField[];
}
