import { z } from 'zod';
import { DATASET_THEMES, GEO_LEVELS } from '../catalog/dataset.schema';

export const DIAGNOSTIC_STATUSES = ['open', 'closed'] as const;
export type DiagnosticStatus = (typeof DIAGNOSTIC_STATUSES)[number];

const isoDate = z.iso.date();
const inegiCode = z.string().regex(/^\d{2}(\d{3}(\d{4})?)?$/, 'must be an INEGI code: 2 (state), 5 (municipality) or 9 (locality) digits');
const scianCode = z.string().regex(/^\d{2,6}$/, 'must be a SCIAN code of 2 to 6 digits');

/** One data need of a policy question: what, where, which sector, when, and whether it is about people. */
export const diagnosticNeedInputSchema = z.strictObject({
  topic: z.string().trim().min(3).max(300),
  theme: z.enum(DATASET_THEMES),
  geoLevel: z.enum(GEO_LEVELS),
  geoCodes: z.array(inegiCode).max(3000).optional(),
  sectorLevel: z.number().int().min(2).max(6).optional(),
  sectorCodes: z.array(scianCode).max(2000).optional(),
  periodFrom: isoDate.optional(),
  periodTo: isoDate.optional(),
  personalData: z.boolean(),
});
export type DiagnosticNeedInput = z.infer<typeof diagnosticNeedInputSchema>;

export const createDiagnosticSchema = z.strictObject({
  title: z.string().trim().min(3).max(300),
  policyQuestion: z.string().trim().min(10).max(5000),
  needs: z.array(diagnosticNeedInputSchema).min(1).max(50),
});
export type CreateDiagnosticRequest = z.infer<typeof createDiagnosticSchema>;

/** Edit while open: any subset; `needs` replaces the list (needs keep their ids when `id` is given). */
export const updateDiagnosticSchema = z
  .strictObject({
    title: createDiagnosticSchema.shape.title,
    policyQuestion: createDiagnosticSchema.shape.policyQuestion,
    needs: z.array(diagnosticNeedInputSchema.extend({ id: z.uuid().optional() })).min(1).max(50),
    status: z.enum(DIAGNOSTIC_STATUSES),
  })
  .partial();
export type UpdateDiagnosticRequest = z.infer<typeof updateDiagnosticSchema>;

export interface DiagnosticNeed extends DiagnosticNeedInput {
  id: string;
  position: number;
  assignedDatasetId: string | null;
  assignedDatasetTitle: string | null;
  assignedOrganizationId: string | null;
  assignedOrganizationName: string | null;
  assignedAt: string | null;
}

export interface Diagnostic {
  id: string;
  title: string;
  policyQuestion: string;
  status: DiagnosticStatus;
  organizationId: string;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
  needs: DiagnosticNeed[];
}

export const MATCH_REASONS = ['theme', 'granularity', 'geo_coverage', 'sector_coverage', 'period', 'personal_data'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** Why a dataset serves a need: each reason with a human-readable detail and its weight in the score. */
export interface CandidateReason {
  reason: MatchReason;
  detail: string;
  weight: number;
  /** Which case of the reason (e.g. granularity `same` or `finer`), for a translated label: `<reason>.<variant>`. */
  variant?: string;
  /** Values the translated label interpolates (levels, counts, percentages). */
  params?: Record<string, string | number>;
}

export interface DatasetCandidate {
  datasetId: string;
  title: string;
  ownerOrganizationId: string;
  ownerOrganizationName: string;
  ownerSector: string;
  geoLevel: string;
  sensitivity: string;
  score: number;
  reasons: CandidateReason[];
}

export interface NeedCandidates {
  needId: string;
  topic: string;
  candidates: DatasetCandidate[];
}

export const assignNeedSchema = z.strictObject({ datasetId: z.uuid() });
export type AssignNeedRequest = z.infer<typeof assignNeedSchema>;

export const DATA_REQUEST_STATUSES = ['open', 'answered', 'declined'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/** A need with no candidates becomes an open request to a chosen organization. */
export const createDataRequestSchema = z.strictObject({
  organizationId: z.uuid(),
  message: z.string().trim().min(10).max(5000),
});
export type CreateDataRequestRequest = z.infer<typeof createDataRequestSchema>;

/** The addressed organization's steward answers: offer a dataset, or decline with a reason. */
export const answerDataRequestSchema = z.strictObject({
  status: z.enum(['answered', 'declined']),
  response: z.string().trim().min(3).max(5000),
  datasetId: z.uuid().optional(),
});
export type AnswerDataRequestRequest = z.infer<typeof answerDataRequestSchema>;

export interface DataRequest {
  id: string;
  diagnosticId: string;
  needId: string;
  needTopic: string;
  addressedOrganizationId: string;
  addressedOrganizationName: string;
  requesterOrganizationId: string;
  requesterOrganizationName: string;
  diagnosticTitle: string;
  message: string;
  status: DataRequestStatus;
  response: string | null;
  datasetId: string | null;
  datasetTitle: string | null;
  createdById: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export const dataRequestListQuerySchema = z.object({
  status: z.enum(DATA_REQUEST_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type DataRequestListQuery = z.infer<typeof dataRequestListQuerySchema>;

export const diagnosticListQuerySchema = z.object({
  status: z.enum(DIAGNOSTIC_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type DiagnosticListQuery = z.infer<typeof diagnosticListQuerySchema>;
