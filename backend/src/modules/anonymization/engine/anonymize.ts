import { createHmac } from 'node:crypto';
import type { Writable } from 'node:stream';
import { CsvWriter, formatCsvLine, readCsv, type CsvSource } from './csv-io';
import { AnonymizationError } from './errors';
import { InputScanner, type Quasi } from './input-scanner';
import { classKey, searchLattice, type TupleTable } from './lattice';
import { TupleIndex } from './tuple-index';
import { parsePolicy, type AnonymizationPolicy } from './policy';
import { buildReport, type AnonymizationReport } from './report';

export interface AnonymizeOptions {
  /** Opens the CSV; called once per pass. */
  source: CsvSource;
  /** The policy as received (validated here). */
  policy: unknown;
  /** Key of the keyed hash for `pseudonymize` (from configuration, never from the request). */
  hmacKey: string | Buffer;
  /** Where the anonymized CSV goes (not ended by the engine). */
  output: Writable;
  /** Size of the input, for the progress of the first pass. */
  totalBytes?: number;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** Rows of intermediate tables the search may keep (memory ≈ 16 bytes each); see MAX_KEPT_ROWS. */
  maxKeptRows?: number;
}


const cancelled = () => new AnonymizationError('CANCELLED', 'The anonymization was cancelled');

/** Keyed pseudonym: HMAC-SHA-256 of the value, 128 bits in hex. Same value and key → same token. */
export function pseudonym(key: string | Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 32);
}

/**
 * Anonymizes a CSV under a policy: k-anonymity (optionally distinct ℓ-diversity) over the
 * generalized columns with a suppression limit, found by a full-domain lattice search with
 * the least information loss. Two streaming passes: the first aggregates distinct tuples,
 * the second writes the result. Returns the report; throws AnonymizationError on bad input.
 */
export async function anonymize(options: AnonymizeOptions): Promise<AnonymizationReport> {
  const started = performance.now();
  const policy = parsePolicy(options.policy);
  const progress = (percent: number) => options.onProgress?.(Math.min(100, Math.max(0, Math.round(percent))));
  const check = () => {
    if (options.signal?.aborted) throw cancelled();
  };

  // Pass 1: the header against the policy, values against their hierarchies, distinct tuples.
  const scanner = new InputScanner(policy);
  let tuples: TupleIndex | null = null;
  let bytes = 0;
  for await (const batch of readCsv(options.source, (n) => {
    bytes += n;
    if (options.totalBytes) progress((45 * bytes) / options.totalBytes);
  })) {
    check();
    for (let r = 0; r < batch.records.length; r += 1) {
      if (tuples === null) {
        scanner.start(batch.records[r], batch.delimiter);
        tuples = new TupleIndex(scanner.width);
        continue;
      }
      tuples.add(scanner.record(batch.records[r], batch.lines[r]));
    }
  }
  scanner.finish();
  const { header, actions, delimiter, quasi, sensitiveColumn, sensitiveIds, records } = scanner;
  progress(45);

  // The search, on the aggregated tuples.
  const aggregated = tuples!.tables();
  const table = buildTable(quasi, aggregated.tuples, aggregated.counts, sensitiveColumn >= 0 ? sensitiveIds.size : 0, records);
  const heights = quasi.map((q) => q.generalizer.height());
  const search = searchLattice(table, heights, { k: policy.k, suppressionLimit: policy.suppressionLimit, l: policy.lDiversity?.l }, {
    signal: options.signal,
    onProgress: (share) => progress(45 + 10 * share),
    maxKeptRows: options.maxKeptRows,
  });
  progress(55);

  // Pass 2: the anonymized file, suppressed records left out.
  const chosen = search.best.levels;
  const writer = new CsvWriter(options.output);
  const keptColumns = header.map((_, column) => column).filter((column) => actions[column].action !== 'drop');
  writer.write(formatCsvLine(keptColumns.map((column) => header[column]), delimiter));
  const quasiAt = new Map(quasi.map((q, i) => [q.column, i]));
  const generalizedIds = new Int32Array(quasi.length);
  const valueIds = new Int32Array(quasi.length);
  let seen = 0;
  let written = 0;
  let headerSkipped = false;
  for await (const batch of readCsv(options.source)) {
    check();
    progress(55 + (45 * seen) / records);
    for (const cells of batch.records) {
      if (!headerSkipped) {
        headerSkipped = true;
        continue;
      }
      seen += 1;
      for (let i = 0; i < quasi.length; i += 1) {
        const id = quasi[i].ids.get(cells[quasi[i].column]);
        if (id === undefined) throw new AnonymizationError('INVALID_FILE', 'The file changed between the two readings', [{ path: 'file', message: 'changed while it was being anonymized' }]);
        valueIds[i] = id;
        generalizedIds[i] = table.levelMaps[i][chosen[i]][id];
      }
      if (!search.best.kept.has(classKey(search.radix, generalizedIds))) continue;
      const out = keptColumns.map((column) => {
        const cell = cells[column];
        const action = actions[column].action;
        if (action === 'pseudonymize') return cell === '' ? '' : pseudonym(options.hmacKey, cell);
        if (action === 'generalize') {
          const i = quasiAt.get(column)!;
          // A value may have fewer levels than its column (a shorter code under redaction): its last is its most general.
          const levels = quasi[i].levels[valueIds[i]];
          return levels[Math.min(chosen[i], levels.length - 1)];
        }
        return cell;
      });
      const full = writer.write(formatCsvLine(out, delimiter));
      if (full) await full;
      written += 1;
    }
  }
  await writer.flush();
  progress(100);

  return buildReport({
    policy,
    header,
    quasi: quasi.map((q, i) => ({ name: q.name, level: chosen[i], height: heights[i], levelName: q.generalizer.levelName(chosen[i]) })),
    search,
    records,
    written,
    delimiter,
    timeMs: performance.now() - started,
  });
}

/** Dictionaries per level (generalized ids and how many values each covers) from the values seen. */
function buildTable(quasi: Quasi[], tuples: Int32Array, counts: Int32Array, sensitiveCount: number, records: number): TupleTable {
  const hasSensitive = sensitiveCount > 0;
  const levelMaps: Int32Array[][] = [];
  const levelSizes: number[][] = [];
  const leafCounts: Int32Array[][] = [];
  for (const q of quasi) {
    const height = q.generalizer.height();
    const maps: Int32Array[] = [];
    const sizes: number[] = [];
    const leaves: Int32Array[] = [];
    for (let level = 0; level <= height; level += 1) {
      const dictionary = new Map<string, number>();
      const map = new Int32Array(q.levels.length);
      const covered: number[] = [];
      q.levels.forEach((levels, id) => {
        const label = levels[Math.min(level, levels.length - 1)];
        let generalized = dictionary.get(label);
        if (generalized === undefined) {
          dictionary.set(label, (generalized = dictionary.size));
          covered.push(0);
        }
        covered[generalized] += 1;
        map[id] = generalized;
      });
      maps.push(map);
      sizes.push(Math.max(1, dictionary.size));
      leaves.push(Int32Array.from(covered));
    }
    levelMaps.push(maps);
    levelSizes.push(sizes);
    leafCounts.push(leaves);
  }
  return { levelMaps, levelSizes, leafCounts, tuples, counts, width: quasi.length + (hasSensitive ? 1 : 0), quasiCount: quasi.length, hasSensitive, sensitiveCount, records };
}

export type { AnonymizationPolicy };
