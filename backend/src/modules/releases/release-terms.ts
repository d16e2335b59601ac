import { GEO_LEVEL_RANK, type AgreementTerms, type AnonymizationPolicy, type AnonymizationReport, type DatasetColumn, type ErrorDetail, type GeoLevel } from '@convenio/contracts';

/** The INEGI hierarchy's level names (the engine's) → the catalog's geographic levels. */
const INEGI_LEVEL: Record<string, GeoLevel> = { locality: 'locality', municipality: 'municipality', state: 'state', 'national / all': 'national' };

export interface ReleaseCandidate {
  agreement: { state: string; terms: AgreementTerms };
  sourceDatasetId: string;
  /** The source dataset's catalog columns (their identifier kinds). */
  datasetColumns: readonly DatasetColumn[];
  job: { state: string; datasetId: string | null; policy: AnonymizationPolicy; report: AnonymizationReport | null };
}

/**
 * Every agreement term a release fails, each with the path of the term and what is wrong;
 * empty when the release may go. Checked: the agreement is active, the dataset is one of its
 * datasets (and the one the job anonymized, when the job says), the job completed, k achieved
 * ≥ the agreement's minimum, no column the catalog marks as a direct identifier left in clear
 * (only `drop` and `pseudonymize` remove one), and no INEGI geography finer than allowed.
 */
export function failedReleaseTerms(candidate: ReleaseCandidate): ErrorDetail[] {
  const { agreement, job } = candidate;
  const anonymization = agreement.terms.anonymization;
  const failures: ErrorDetail[] = [];
  if (agreement.state !== 'active') failures.push({ path: 'agreement.state', message: `the agreement is ${agreement.state}; data is delivered only under an active agreement` });
  if (!agreement.terms.datasetIds.includes(candidate.sourceDatasetId)) failures.push({ path: 'terms.datasetIds', message: 'the source dataset is not one of the agreement\'s datasets' });
  if (job.datasetId !== null && job.datasetId !== candidate.sourceDatasetId) failures.push({ path: 'terms.datasetIds', message: 'the anonymization job was run on another dataset' });
  if (job.state !== 'completed' || job.report === null) {
    failures.push({ path: 'job.state', message: `the anonymization job is ${job.state}; only a completed job can be released` });
    return failures;
  }
  const report = job.report;
  if (report.kAchieved === null || report.kAchieved < anonymization.minK) {
    failures.push({ path: 'terms.anonymization.minK', message: report.kAchieved === null ? `no record is left to release; the agreement requires k ≥ ${anonymization.minK}` : `k achieved is ${report.kAchieved}; the agreement requires k ≥ ${anonymization.minK}` });
  }
  if (anonymization.removeDirectIdentifiers) {
    const inClear = candidate.datasetColumns.filter((column) => column.identifierKind === 'direct').map((column) => column.name).filter((name) => {
      const action = job.policy.columns[name]?.action;
      return action !== undefined && action !== 'drop' && action !== 'pseudonymize';
    });
    for (const name of inClear) failures.push({ path: 'terms.anonymization.removeDirectIdentifiers', message: `column "${name}" is a direct identifier in the catalog and is released as "${job.policy.columns[name].action}"; drop or pseudonymize it` });
  }
  const allowed = GEO_LEVEL_RANK[anonymization.finestGeoLevel];
  for (const [name, action] of Object.entries(job.policy.columns)) {
    if (action.action !== 'generalize' || action.hierarchy.type !== 'inegi') continue;
    const level = INEGI_LEVEL[report.levels[name]?.name ?? ''] ?? 'locality';
    if (GEO_LEVEL_RANK[level] > allowed) failures.push({ path: 'terms.anonymization.finestGeoLevel', message: `column "${name}" is released at ${level} level; the agreement allows ${anonymization.finestGeoLevel} at the finest` });
  }
  return failures;
}
