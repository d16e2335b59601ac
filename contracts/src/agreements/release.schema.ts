import { z } from 'zod';

/**
 * A release: a delivery of anonymized data under an agreement. Accepted only when the
 * agreement is active and the anonymization job's report meets its anonymization terms
 * (minimum k, direct identifiers removed, geography not finer than allowed); a refusal (422)
 * lists each failed term in `details`.
 */
export const createReleaseSchema = z.strictObject({
  sourceDatasetId: z.uuid(),
  anonymizationJobId: z.uuid(),
  name: z.string().trim().min(3).max(200),
});
export type CreateReleaseRequest = z.infer<typeof createReleaseSchema>;

/** What a release would be checked on, before it is made (no name needed). */
export const releaseCheckSchema = createReleaseSchema.pick({ sourceDatasetId: true, anonymizationJobId: true });
export type ReleaseCheckRequest = z.infer<typeof releaseCheckSchema>;

/** The terms check of a release not made yet: `failures` as a refusal's `details` would list them. */
export interface ReleaseCheck {
  ok: boolean;
  failures: Array<{ path: string; message: string }>;
}

/** The terms a release is checked against, each a `details[].path` of a refusal. */
export const RELEASE_TERMS = ['agreement.state', 'terms.datasetIds', 'terms.anonymization.minK', 'terms.anonymization.removeDirectIdentifiers', 'terms.anonymization.finestGeoLevel', 'job.state'] as const;

export interface Release {
  id: string;
  agreementId: string;
  agreementReference: string;
  agreementVersion: number;
  name: string;
  sourceDatasetId: string;
  sourceDatasetTitle: string;
  anonymizationJobId: string;
  /** Where the release sits in the lineage graph (`dataset:<namespace>:<name>`). */
  lineageDataset: { namespace: string; name: string };
  lineageRunId: string;
  kAchieved: number;
  records: number;
  createdById: string;
  createdByName: string | null;
  createdAt: string;
}
