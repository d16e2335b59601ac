import { z } from 'zod';
import { ORGANIZATION_SECTORS } from '../identity/roles';

/**
 * Who a dataset access policy speaks of. `everyone` includes the public (no sign-in);
 * otherwise signed-in people whose organization is in `sectors` or `organizationIds`.
 */
export const accessAudienceSchema = z.strictObject({
  everyone: z.boolean().default(false),
  signedIn: z.boolean().default(false),
  sectors: z.array(z.enum(ORGANIZATION_SECTORS)).max(4).default([]),
  organizationIds: z.array(z.uuid()).max(200).default([]),
});
export type AccessAudience = z.infer<typeof accessAudienceSchema>;

export const hiddenColumnSchema = z.strictObject({
  column: z.string().trim().min(1).max(120),
  /** `outsideOwner`: hidden from everyone but the owner organization; `everyone`: never shown. */
  hiddenFrom: z.enum(['outsideOwner', 'everyone']),
});
export type HiddenColumn = z.infer<typeof hiddenColumnSchema>;

/** What a steward edits in the access-policy form. Each save is a new version, audited. */
export const datasetAccessPolicyInputSchema = z.strictObject({
  metadata: accessAudienceSchema,
  request: accessAudienceSchema,
  hiddenColumns: z.array(hiddenColumnSchema).max(200).default([]),
});
export type DatasetAccessPolicyInput = z.infer<typeof datasetAccessPolicyInputSchema>;

/** A stored rule: a CASL raw rule whose audience is interpolated when an ability is built. */
export interface StoredPolicyRule {
  action: 'read' | 'request';
  subject: 'Dataset';
  conditions: { id: string };
  fields?: string[];
  inverted?: boolean;
  /**
   * Who the rule speaks of: a placeholder about the reader, interpolated when an ability is
   * built, and the values it must (`in`) or must not (`notIn`) take.
   */
  when: { placeholder: '${user.anyone}' | '${user.signedIn}' | '${user.organizationSector}' | '${user.organizationId}'; in?: string[]; notIn?: string[] };
  reason: string;
}

export interface DatasetAccessPolicy extends DatasetAccessPolicyInput {
  datasetId: string;
  version: number;
  rules: StoredPolicyRule[];
  /** The policy in plain sentences, in the reader's language. */
  sentences: string[];
  createdAt: string;
  createdById: string | null;
}

export const accessExplainQuerySchema = z.object({ userId: z.uuid().optional() });

export interface AccessDecision {
  allowed: boolean;
  /** The rule that decided, in words; null when no rule allows (deny by default). */
  decidedBy: string | null;
  source: 'role' | 'dataset-policy' | 'default-deny';
}

export interface AccessExplanation {
  datasetId: string;
  userId: string | null;
  read: AccessDecision;
  request: AccessDecision;
  hiddenColumns: string[];
  policyVersion: number | null;
}
