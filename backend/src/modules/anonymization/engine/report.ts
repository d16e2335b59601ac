import type { Delimiter } from './csv-io';
import type { SearchResult } from './lattice';
import type { AnonymizationPolicy, ColumnAction } from './policy';

export interface ClassSizeBucket {
  /** Sizes from…to (inclusive); `to` null = and above. */
  from: number;
  to: number | null;
  classes: number;
  records: number;
}

/** What the engine did and what risk is left: the risk report of a release. */
export interface AnonymizationReport {
  k: number;
  /** Smallest equivalence class left (null when every record was suppressed). */
  kAchieved: number | null;
  suppressionLimit: number;
  lDiversity: { column: string; l: number } | null;
  records: { input: number; output: number; suppressed: number; suppressedShare: number };
  equivalenceClasses: { count: number; minSize: number | null; maxSize: number | null; averageSize: number | null; histogram: ClassSizeBucket[] };
  /** The level chosen per generalized column. */
  levels: Record<string, { level: number; height: number; name: string }>;
  actions: Record<string, ColumnAction['action']>;
  /** Prosecutor model: an attacker knows the person is in the release. */
  risk: { prosecutorHighest: number; prosecutorAverage: number; recordsAtHighestRisk: number };
  informationLoss: { measure: 'loss-metric'; description: string; value: number };
  /** Nodes of the generalization lattice, nodes evaluated (generalized and checked), nodes known to satisfy the model. */
  lattice: { nodes: number; evaluated: number; satisfying: number };
  delimiter: Delimiter;
  timeMs: number;
}

const BUCKETS: Array<[number, number | null]> = [[1, 1], [2, 4], [5, 9], [10, 19], [20, 49], [50, 99], [100, 999], [1000, null]];
const round = (value: number, digits = 6) => Math.round(value * 10 ** digits) / 10 ** digits;

export function buildReport(input: {
  policy: AnonymizationPolicy;
  header: string[];
  quasi: Array<{ name: string; level: number; height: number; levelName: string }>;
  search: SearchResult;
  records: number;
  written: number;
  delimiter: Delimiter;
  timeMs: number;
}): AnonymizationReport {
  const sizes = [...input.search.best.kept.values()];
  const kept = sizes.reduce((sum, size) => sum + size, 0);
  const minSize = sizes.length ? Math.min(...sizes) : null;
  const maxSize = sizes.length ? Math.max(...sizes) : null;
  const histogram = BUCKETS.map(([from, to]) => {
    const inBucket = sizes.filter((size) => size >= from && (to === null || size <= to));
    return { from, to, classes: inBucket.length, records: inBucket.reduce((sum, size) => sum + size, 0) };
  }).filter((bucket) => bucket.classes > 0);
  const suppressed = input.records - input.written;
  return {
    k: input.policy.k,
    kAchieved: minSize,
    suppressionLimit: input.policy.suppressionLimit,
    lDiversity: input.policy.lDiversity ?? null,
    records: { input: input.records, output: input.written, suppressed, suppressedShare: round(suppressed / input.records) },
    equivalenceClasses: { count: sizes.length, minSize, maxSize, averageSize: sizes.length ? round(kept / sizes.length, 3) : null, histogram },
    levels: Object.fromEntries(input.quasi.map((q) => [q.name, { level: q.level, height: q.height, name: q.levelName }])),
    actions: Object.fromEntries(input.header.map((name) => [name, input.policy.columns[name].action])),
    risk: {
      prosecutorHighest: minSize ? round(1 / minSize) : 0,
      prosecutorAverage: kept ? round(sizes.length / kept) : 0,
      recordsAtHighestRisk: minSize ? sizes.filter((size) => size === minSize).length * minSize : 0,
    },
    informationLoss: {
      measure: 'loss-metric',
      description: 'Loss metric (Iyengar 2002): per generalized cell, (values covered − 1) / (distinct values − 1); a suppressed record loses 1 per column; averaged over the quasi-identifier cells (0 = unchanged, 1 = nothing left).',
      value: round(input.search.loss),
    },
    lattice: { nodes: input.search.nodes, evaluated: input.search.evaluated, satisfying: input.search.satisfying },
    delimiter: input.delimiter,
    timeMs: Math.round(input.timeMs),
  };
}
