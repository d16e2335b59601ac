import { GEO_LEVEL_RANK, SCIAN_RANGE_SECTORS, type CandidateReason, type DatasetTheme, type GeoLevel } from '@convenio/contracts';

/** What matching needs to know of a need (a stored diagnostic need). */
export interface MatchableNeed {
  theme: DatasetTheme;
  geoLevel: GeoLevel;
  geoCodes: readonly string[];
  sectorLevel: number | null;
  sectorCodes: readonly string[];
  periodFrom: string | null;
  periodTo: string | null;
  personalData: boolean;
}

/** What matching needs to know of a published dataset the caller may read. */
export interface MatchableDataset {
  themes: readonly string[];
  geoLevel: GeoLevel;
  /** Empty = national coverage. */
  geoCodes: readonly string[];
  sectorLevel: number | null;
  /** SCIAN codes; range sectors as `31-33` / `48-49`. */
  sectorCodes: readonly string[];
  timeFrom: string | null;
  /** Null = still collected. */
  timeTo: string | null;
  /** Whether some column is a direct identifier (CURP, RFC, e-mail…). */
  hasDirectIdentifiers: boolean;
}

export interface MatchResult {
  score: number;
  reasons: CandidateReason[];
}

/** Weights of each reason in the score (sum of weights). Theme dominates; coverage comes next. */
export const MATCH_WEIGHTS = {
  theme: 3,
  granularitySame: 2,
  granularityFiner: 1,
  geoCoverageFull: 2,
  sectorCoverageFull: 2,
  sectorLevel: 1,
  periodFull: 2,
  periodPartial: 1,
  personalDataMalus: -1,
} as const;

const round = (value: number) => Math.round(value * 100) / 100;

/** `31-33` → `31`, `32`, `33`; other codes as they are. */
function expandScian(code: string): readonly string[] {
  return SCIAN_RANGE_SECTORS[code] ?? [code];
}

/**
 * How much of one requested INEGI code the dataset's places cover: 1 when national (no codes) or when a
 * dataset code is a prefix of it (state `11` covers municipality `11020`); 0.5 when the dataset only holds
 * places inside it (municipality `11020` is part of a need for state `11`); else 0.
 */
function geoCodeCoverage(datasetCodes: readonly string[], code: string): number {
  if (datasetCodes.length === 0 || datasetCodes.some((datasetCode) => code.startsWith(datasetCode))) return 1;
  return datasetCodes.some((datasetCode) => datasetCode.startsWith(code)) ? 0.5 : 0;
}

/**
 * SCIAN: finer serves coarser, never the reverse. A dataset coded `311110` (clase) can be summed up to
 * serve a need for `31` or `311`; a dataset coded `311` cannot be split to serve a need for `311110`.
 * So a requested code is served when some dataset code starts with it (equal counts). Range sectors
 * (`31-33`) count as each of their 2-digit sectors.
 */
function sectorCodeServed(datasetCodes: readonly string[], code: string): boolean {
  return datasetCodes.some((datasetCode) => expandScian(datasetCode).some((expanded) => expanded.startsWith(code)));
}

/** Period overlap: `full` when the dataset spans the whole requested period, `none` when they are disjoint. */
function periodOverlap(need: MatchableNeed, dataset: MatchableDataset): 'full' | 'partial' | 'none' | 'unknown' {
  if (!need.periodFrom && !need.periodTo) return 'unknown';
  const needFrom = need.periodFrom ?? '0000-01-01';
  const needTo = need.periodTo ?? '9999-12-31';
  const dataFrom = dataset.timeFrom ?? '0000-01-01';
  const dataTo = dataset.timeTo ?? '9999-12-31';
  if (dataFrom > needTo || dataTo < needFrom) return 'none';
  return dataFrom <= needFrom && dataTo >= needTo ? 'full' : 'partial';
}

/**
 * Scores how well one dataset serves one need, with the reasons; null when it cannot serve it:
 * - a dataset coarser than the need (state data for a municipal need) — it cannot be disaggregated;
 * - neither the theme nor any requested sector matches (nothing ties it to the need);
 * - none of the requested places is covered, or the periods are disjoint.
 * Score = sum of the reasons' weights (MATCH_WEIGHTS); partial coverage weighs its covered fraction.
 */
export function matchDatasetToNeed(need: MatchableNeed, dataset: MatchableDataset): MatchResult | null {
  const reasons: CandidateReason[] = [];
  const needRank = GEO_LEVEL_RANK[need.geoLevel];
  const dataRank = GEO_LEVEL_RANK[dataset.geoLevel];
  if (dataRank < needRank) return null;

  const themeMatches = dataset.themes.includes(need.theme);
  if (themeMatches) reasons.push({ reason: 'theme', variant: 'match', params: { theme: need.theme }, weight: MATCH_WEIGHTS.theme, detail: `covers the theme ${need.theme}` });

  reasons.push(
    dataRank === needRank
      ? { reason: 'granularity', variant: 'same', params: { level: dataset.geoLevel }, weight: MATCH_WEIGHTS.granularitySame, detail: `same geographic level (${dataset.geoLevel})` }
      : { reason: 'granularity', variant: 'finer', params: { level: dataset.geoLevel, needLevel: need.geoLevel }, weight: MATCH_WEIGHTS.granularityFiner, detail: `finer level (${dataset.geoLevel}) that aggregates to ${need.geoLevel}` },
  );

  // Geography: the requested codes, or (none requested) the whole country at the need's level.
  if (need.geoLevel !== 'national') {
    if (need.geoCodes.length > 0) {
      const covered = need.geoCodes.reduce((sum, code) => sum + geoCodeCoverage(dataset.geoCodes, code), 0);
      if (covered === 0) return null;
      const fraction = covered / need.geoCodes.length;
      reasons.push({
        reason: 'geo_coverage',
        variant: fraction === 1 ? 'full' : 'partial',
        params: { covered, requested: need.geoCodes.length },
        weight: round(MATCH_WEIGHTS.geoCoverageFull * fraction),
        detail: `covers ${covered} of ${need.geoCodes.length} requested areas`,
      });
    } else if (dataset.geoCodes.length === 0) {
      reasons.push({ reason: 'geo_coverage', variant: 'national', params: {}, weight: MATCH_WEIGHTS.geoCoverageFull, detail: 'national coverage' });
    } else {
      reasons.push({ reason: 'geo_coverage', variant: 'limited', params: { areas: dataset.geoCodes.length }, weight: round(MATCH_WEIGHTS.geoCoverageFull / 4), detail: `covers only ${dataset.geoCodes.length} areas` });
    }
  }

  // Sectors: requested codes served by finer-or-equal dataset codes; or, with only a level, a breakdown at least as fine.
  let sectorMatches = false;
  if (need.sectorCodes.length > 0) {
    const served = need.sectorCodes.filter((code) => sectorCodeServed(dataset.sectorCodes, code)).length;
    if (served > 0) {
      sectorMatches = true;
      const fraction = served / need.sectorCodes.length;
      reasons.push({
        reason: 'sector_coverage',
        variant: fraction === 1 ? 'full' : 'partial',
        params: { covered: served, requested: need.sectorCodes.length },
        weight: round(MATCH_WEIGHTS.sectorCoverageFull * fraction),
        detail: `serves ${served} of ${need.sectorCodes.length} requested SCIAN codes`,
      });
    }
  } else if (need.sectorLevel && dataset.sectorLevel && dataset.sectorLevel >= need.sectorLevel) {
    sectorMatches = true;
    reasons.push({ reason: 'sector_coverage', variant: 'level', params: { digits: dataset.sectorLevel }, weight: MATCH_WEIGHTS.sectorLevel, detail: `SCIAN breakdown at ${dataset.sectorLevel} digits` });
  }
  if (!themeMatches && !sectorMatches) return null;

  const period = periodOverlap(need, dataset);
  if (period === 'none') return null;
  if (period === 'full') reasons.push({ reason: 'period', variant: 'full', params: {}, weight: MATCH_WEIGHTS.periodFull, detail: 'spans the whole requested period' });
  if (period === 'partial') reasons.push({ reason: 'period', variant: 'partial', params: {}, weight: MATCH_WEIGHTS.periodPartial, detail: 'covers part of the requested period' });

  // Information more than a filter: data about people the need did not ask for must be anonymized first.
  if (!need.personalData && dataset.hasDirectIdentifiers) {
    reasons.push({ reason: 'personal_data', variant: 'identifiers', params: {}, weight: MATCH_WEIGHTS.personalDataMalus, detail: 'holds direct identifiers the need does not require (anonymize before sharing)' });
  }

  return { score: round(reasons.reduce((sum, reason) => sum + reason.weight, 0)), reasons };
}

/** Candidates for one need: the datasets that can serve it, best first (ties by title), at most `limit`. */
export function rankCandidates<T extends MatchableDataset & { title: string }>(need: MatchableNeed, datasets: readonly T[], limit = 10): Array<{ dataset: T } & MatchResult> {
  return datasets
    .map((dataset) => ({ dataset, match: matchDatasetToNeed(need, dataset) }))
    .filter((entry): entry is { dataset: T; match: MatchResult } => entry.match !== null)
    .map(({ dataset, match }) => ({ dataset, ...match }))
    .sort((a, b) => b.score - a.score || a.dataset.title.localeCompare(b.dataset.title, 'es'))
    .slice(0, limit);
}
