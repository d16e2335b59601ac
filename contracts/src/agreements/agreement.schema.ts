import { z } from 'zod';
import { GEO_LEVELS } from '../catalog/dataset.schema';
import { AGREEMENT_EVENTS, AGREEMENT_STATES, type AgreementEvent, type AgreementState } from './agreement-state-machine';

const isoDate = z.iso.date();
const use = z.string().trim().min(3).max(500);

export const anonymizationTermsSchema = z.strictObject({
  minK: z.number().int().min(2).max(1000),
  removeDirectIdentifiers: z.boolean(),
  finestGeoLevel: z.enum(GEO_LEVELS),
});
export type AnonymizationTerms = z.infer<typeof anonymizationTermsSchema>;

/** The terms: what a version freezes, what is signed and hashed. */
export const agreementTermsSchema = z.strictObject({
  datasetIds: z.array(z.uuid()).min(1).max(100),
  purpose: z.string().trim().min(10).max(5000),
  legalBasis: z.string().trim().min(5).max(5000),
  permittedUses: z.array(use).min(1).max(50),
  prohibitedUses: z.array(use).max(50),
  anonymization: anonymizationTermsSchema,
  retentionDays: z.number().int().min(1).max(36500),
  startsOn: isoDate,
  endsOn: isoDate,
});
export type AgreementTerms = z.infer<typeof agreementTermsSchema>;

const partiesSchema = z.strictObject({
  diagnosticId: z.uuid().optional(),
  providerOrganizationId: z.uuid(),
  recipientOrganizationId: z.uuid(),
});

export const createAgreementSchema = partiesSchema.extend(agreementTermsSchema.shape).refine((body) => body.endsOn > body.startsOn, {
  message: 'endsOn must be after startsOn',
  path: ['endsOn'],
}).refine((body) => body.providerOrganizationId !== body.recipientOrganizationId, {
  message: 'provider and recipient must be different organizations',
  path: ['recipientOrganizationId'],
});
export type CreateAgreementRequest = z.infer<typeof createAgreementSchema>;

/** A PATCH changes any subset of the terms and makes a new immutable version. */
export const updateAgreementSchema = agreementTermsSchema.partial().extend({ changeSummary: z.string().trim().max(1000).optional() });
export type UpdateAgreementRequest = z.infer<typeof updateAgreementSchema>;

export interface AgreementSignature {
  id: string;
  version: number;
  side: 'provider' | 'recipient';
  signerId: string;
  signerName: string;
  organizationId: string;
  organizationName: string;
  signedAt: string;
  termsHash: string;
}

export interface Agreement extends AgreementTerms {
  id: string;
  reference: string;
  diagnosticId: string | null;
  providerOrganizationId: string;
  providerOrganizationName: string;
  recipientOrganizationId: string;
  recipientOrganizationName: string;
  state: AgreementState;
  version: number;
  termsHash: string;
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  endedAt: string | null;
  signatures: AgreementSignature[];
  /** The datasets of the current version with their titles, in the order of `datasetIds`. */
  datasets?: Array<{ id: string; title: string }>;
  /** Events the caller could cause now (the UI shows these as buttons). */
  allowedEvents?: AgreementEvent[];
}

export interface AgreementVersion {
  agreementId: string;
  version: number;
  terms: AgreementTerms;
  termsHash: string;
  authorId: string | null;
  authorName: string | null;
  changeSummary: string | null;
  createdAt: string;
}

/** One changed term between two versions (JSON pointer into the terms). */
export interface AgreementTermChange {
  path: string;
  op: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

export interface AgreementDiff {
  agreementId: string;
  from: number;
  to: number;
  changes: AgreementTermChange[];
}

export const agreementDiffQuerySchema = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export const AGREEMENT_COMMENT_VISIBILITIES = ['parties', 'internal'] as const;
export type AgreementCommentVisibility = (typeof AGREEMENT_COMMENT_VISIBILITIES)[number];

export const createAgreementCommentSchema = z.strictObject({
  body: z.string().trim().min(1).max(5000),
  /** `internal`: reviewer notes that partners never see. */
  visibility: z.enum(AGREEMENT_COMMENT_VISIBILITIES).default('parties'),
});
export type CreateAgreementCommentRequest = z.infer<typeof createAgreementCommentSchema>;

export interface AgreementComment {
  id: string;
  agreementId: string;
  version: number;
  authorId: string | null;
  authorName: string | null;
  organizationName: string | null;
  visibility: AgreementCommentVisibility;
  body: string;
  createdAt: string;
}

export interface AgreementTransitionRecord {
  id: string;
  fromState: AgreementState | null;
  toState: AgreementState;
  event: AgreementEvent | 'create';
  version: number;
  actorId: string | null;
  actorName: string | null;
  comment: string | null;
  at: string;
}

export const agreementListQuerySchema = z.object({
  state: z.enum(AGREEMENT_STATES).optional(),
  /** An organization that is provider or recipient. */
  party: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type AgreementListQuery = z.infer<typeof agreementListQuerySchema>;

/** A person-caused event other than submit/sign (which have their own routes). */
export const agreementEventSchema = z.strictObject({
  event: z.enum(AGREEMENT_EVENTS).extract(['withdraw', 'terminate']),
  comment: z.string().trim().min(3).max(2000),
});
export type AgreementEventRequest = z.infer<typeof agreementEventSchema>;

/** Body of `POST /agreements/:id/withdraw` and `/terminate`: why. */
export const agreementEventCommentSchema = agreementEventSchema.pick({ comment: true });
export type AgreementEventCommentRequest = z.infer<typeof agreementEventCommentSchema>;

export const publicAgreementListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PublicAgreementListQuery = z.infer<typeof publicAgreementListQuerySchema>;

/** The public register: parties, datasets, purpose, legal basis, dates; never notes. */
export interface PublicAgreement {
  id: string;
  reference: string;
  state: AgreementState;
  providerOrganizationName: string;
  recipientOrganizationName: string;
  datasets: Array<{ id: string; title: string }>;
  purpose: string;
  legalBasis: string;
  startsOn: string;
  endsOn: string;
  activatedAt: string | null;
  endedAt: string | null;
}
