import { type Agreement, type ErrorResponse, RELEASE_TERMS, type ReleaseCheck } from '@convenio/contracts';
import { detailsOf } from './problem-placement';

export type ReleaseTerm = (typeof RELEASE_TERMS)[number];

/** Translation key (under `releases.terms.`) of each term a release is checked against. */
const TERM_KEYS: Record<ReleaseTerm, string> = {
  'agreement.state': 'agreementState',
  'terms.datasetIds': 'datasetIds',
  'terms.anonymization.minK': 'minK',
  'terms.anonymization.removeDirectIdentifiers': 'removeDirectIdentifiers',
  'terms.anonymization.finestGeoLevel': 'finestGeoLevel',
  'job.state': 'jobState',
};

/** One term a release failed, as the panel lists it. */
export interface FailedTerm {
  /** The API's path (`terms.anonymization.minK`, …). */
  readonly path: string;
  /** `releases.terms.<name>` when the portal knows the term, else null (the path is shown). */
  readonly key: string | null;
  /** What the agreement asks, for the translated sentence. */
  readonly params: Record<string, string | number | boolean>;
  /** The API's own explanation, shown beside it. */
  readonly message: string;
}

const isTerm = (path: string): path is ReleaseTerm => (RELEASE_TERMS as readonly string[]).includes(path);

/** The failed terms of a release refusal (422), each with what the agreement requires. */
export function failedTerms(error: ErrorResponse, agreement: Pick<Agreement, 'anonymization' | 'state'>): FailedTerm[] {
  return termsOf(detailsOf(error), agreement);
}

/** The same, from a terms check made before the release (`POST …/releases/check`). */
export function checkedTerms(check: ReleaseCheck, agreement: Pick<Agreement, 'anonymization' | 'state'>): FailedTerm[] {
  return termsOf(check.failures, agreement);
}

function termsOf(details: ReadonlyArray<{ path: string; message: string }>, agreement: Pick<Agreement, 'anonymization' | 'state'>): FailedTerm[] {
  const { minK, finestGeoLevel, removeDirectIdentifiers } = agreement.anonymization;
  return details.map((detail) => {
    const path = detail.path.replace(/^body\./, '');
    return {
      path,
      key: isTerm(path) ? `releases.terms.${TERM_KEYS[path]}` : null,
      params: { minK, level: finestGeoLevel, removeDirectIdentifiers, state: agreement.state },
      message: detail.message,
    };
  });
}
