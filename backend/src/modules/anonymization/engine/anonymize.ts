import { createHmac } from 'node:crypto';
import type { Writable } from 'node:stream';
import { looksLikeCurp, looksLikeRfc } from '@convenio/contracts';
import { CsvWriter, formatCsvLine, readCsv, type CsvSource, type Delimiter } from './csv-io';
import { AnonymizationError } from './errors';
import { buildGeneralizer, type Generalizer } from './hierarchies';
import { classKey, searchLattice, type TupleTable } from './lattice';
import { TupleIndex } from './tuple-index';
import { matchHeader, parsePolicy, type AnonymizationPolicy, type ColumnAction } from './policy';
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

interface Quasi {
  column: number;
  name: string;
  generalizer: Generalizer;
  ids: Map<string, number>;
  levels: string[][];
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
  let header: string[] = [];
  let actions: ColumnAction[] = [];
  let delimiter: Delimiter = ',';
  const quasi: Quasi[] = [];
  let sensitiveColumn = -1;
  const sensitiveIds = new Map<string, number>();
  let tuples: TupleIndex | null = null;
  let ids = new Int32Array(0);
  const guarded: number[] = [];
  let records = 0;
  let bytes = 0;
  for await (const batch of readCsv(options.source, (n) => {
    bytes += n;
    if (options.totalBytes) progress((45 * bytes) / options.totalBytes);
  })) {
    check();
    for (let r = 0; r < batch.records.length; r += 1) {
      const cells = batch.records[r];
      const line = batch.lines[r];
      if (tuples === null) {
        header = cells.map((cell) => cell.trim());
        delimiter = batch.delimiter;
        matchHeader(policy, header);
        actions = header.map((name) => policy.columns[name]);
        actions.forEach((action, column) => {
          if (action.action === 'generalize') quasi.push({ column, name: header[column], generalizer: buildGeneralizer(header[column], action.hierarchy), ids: new Map(), levels: [] });
          if (action.action === 'keep' || action.action === 'sensitive' || action.action === 'generalize') guarded.push(column);
        });
        if (policy.lDiversity) sensitiveColumn = header.indexOf(policy.lDiversity.column);
        tuples = new TupleIndex(quasi.length + (sensitiveColumn >= 0 ? 1 : 0));
        ids = new Int32Array(tuples.width);
        continue;
      }
      records += 1;
      for (const column of guarded) refuseIdentifier(header[column], actions[column], cells[column], line);
      for (let i = 0; i < quasi.length; i += 1) {
        const q = quasi[i];
        const value = cells[q.column];
        let id = q.ids.get(value);
        if (id === undefined) {
          q.levels.push(q.generalizer.levels(value, line));
          id = q.ids.size;
          q.ids.set(value, id);
        }
        ids[i] = id;
      }
      if (sensitiveColumn >= 0) {
        const value = cells[sensitiveColumn];
        let id = sensitiveIds.get(value);
        if (id === undefined) sensitiveIds.set(value, (id = sensitiveIds.size));
        ids[quasi.length] = id;
      }
      tuples.add(ids);
    }
  }
  if (tuples === null) throw new AnonymizationError('INVALID_FILE', 'The file is empty', [{ path: 'file', message: 'is empty' }]);
  if (records === 0) throw new AnonymizationError('INVALID_FILE', 'The file has a header but no records', [{ path: 'file', line: 2, message: 'has no records after the header' }]);
  progress(45);

  // The search, on the aggregated tuples.
  const aggregated = tuples.tables();
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

/** What a CURP or an RFC starts with (letters, then a yymmdd date), to test only likely values. */
const IDENTIFIER_SHAPE = /^\s*[A-Za-zÑñ&]{3,4}\d{6}/;

/** CURP and RFC never leave in clear or truncated: only `pseudonymize` or `drop` may take them. */
function refuseIdentifier(column: string, action: ColumnAction, value: string | undefined, line: number): void {
  if (!value || value.length < 12 || value.length > 18 || !IDENTIFIER_SHAPE.test(value)) return;
  const kind = looksLikeCurp(value) ? 'CURP' : looksLikeRfc(value) ? 'RFC' : null;
  if (!kind) return;
  const message = `holds a ${kind}: a ${kind} carries personal data (birth date${kind === 'CURP' ? ', sex and state' : ''}) and may only be pseudonymized or dropped, not "${action.action}"`;
  throw new AnonymizationError('IDENTIFIER_NOT_PROTECTED', `Column "${column}", line ${line} ${message}`, [{ path: column, line, message }]);
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
