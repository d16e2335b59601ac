import { ANONYMIZATION_FINAL_STATES, type AnonymizationClassSizeBucket, type AnonymizationJob, type AnonymizationReport } from '@convenio/contracts';

/** Whether a job will change no more (completed, failed or cancelled): polling stops there. */
export function isFinal(job: Pick<AnonymizationJob, 'state'>): boolean {
  return ANONYMIZATION_FINAL_STATES.includes(job.state);
}

/** The class sizes a histogram bucket covers: "5", "5–9" or "≥ 50". */
export function bucketLabel(bucket: Pick<AnonymizationClassSizeBucket, 'from' | 'to'>): string {
  if (bucket.to === null) return `≥ ${bucket.from}`;
  return bucket.from === bucket.to ? String(bucket.from) : `${bucket.from}–${bucket.to}`;
}

/** The report met the k it was asked for (no class left smaller than k). */
export function kMet(report: Pick<AnonymizationReport, 'k' | 'kAchieved'>): boolean {
  return report.kAchieved !== null && report.kAchieved >= report.k;
}

/** The suppressed share stayed within the limit. */
export function suppressionWithinLimit(report: Pick<AnonymizationReport, 'records' | 'suppressionLimit'>): boolean {
  return report.records.suppressedShare <= report.suppressionLimit + 1e-9;
}

/** The name of the result file without its extension: "censo.csv" → "censo". */
export function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}
