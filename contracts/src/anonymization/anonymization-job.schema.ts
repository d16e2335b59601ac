import { z } from 'zod';
import { pageQuerySchema } from '../common/pagination.schema';
import type { AnonymizationPolicy, AnonymizationReport } from './anonymization.schema';

/**
 * Anonymization jobs: a CSV and a policy uploaded together (multipart fields `file` and
 * `policy`, optionally `datasetId`), checked at once (400 on bad input), then anonymized by
 * the worker. The file and the result live in the database, in chunks, never in memory whole.
 */
export const ANONYMIZATION_JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type AnonymizationJobState = (typeof ANONYMIZATION_JOB_STATES)[number];
/** States a job never leaves. */
export const ANONYMIZATION_FINAL_STATES: readonly AnonymizationJobState[] = ['completed', 'failed', 'cancelled'];

/** Largest CSV accepted for anonymization. */
export const ANONYMIZATION_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Rows of the input and of the result shown in the preview. */
export const ANONYMIZATION_PREVIEW_ROWS = 20;
export const ANONYMIZATION_FILE_FIELD = 'file';
export const ANONYMIZATION_POLICY_FIELD = 'policy';
export const ANONYMIZATION_DATASET_FIELD = 'datasetId';

export interface AnonymizationJobError {
  code: string;
  message: string;
  problems: Array<{ path: string; line?: number; message: string }>;
}

export interface AnonymizationJob {
  id: string;
  state: AnonymizationJobState;
  /** 0–100. */
  progress: number;
  fileName: string;
  inputBytes: number;
  records: number;
  /** The catalog dataset this file is a copy of, when the steward said so. */
  datasetId: string | null;
  datasetTitle: string | null;
  organizationId: string;
  createdById: string;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Runs of the job so far (a crashed worker's run counts). */
  attempts: number;
  policy: AnonymizationPolicy;
  report: AnonymizationReport | null;
  resultBytes: number | null;
  error: AnonymizationJobError | null;
  /** When the original upload (with its personal data) was deleted; null while it is kept. */
  inputPurgedAt: string | null;
  /** When the retention sweep will delete the original upload (the job ended and it is still kept); otherwise null. */
  inputDeleteAfter: string | null;
}

export const anonymizationJobListQuerySchema = pageQuerySchema.extend({
  state: z.enum(ANONYMIZATION_JOB_STATES).optional(),
  datasetId: z.uuid().optional(),
});
export type AnonymizationJobListQuery = z.infer<typeof anonymizationJobListQuerySchema>;

/** The first rows of the input and of the result, side by side in the UI. */
export interface AnonymizationPreview {
  input: { header: string[]; rows: string[][] };
  output: { header: string[]; rows: string[][] } | null;
}
