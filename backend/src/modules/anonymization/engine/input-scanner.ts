import { looksLikeCurp, looksLikeRfc } from '@convenio/contracts';
import { readCsv, type CsvSource, type Delimiter } from './csv-io';
import { AnonymizationError } from './errors';
import { buildGeneralizer, type Generalizer } from './hierarchies';
import { matchHeader, parsePolicy, type AnonymizationPolicy, type ColumnAction } from './policy';

/** A generalized column: its distinct values (id by first appearance) and each value's levels. */
export interface Quasi {
  column: number;
  name: string;
  generalizer: Generalizer;
  ids: Map<string, number>;
  levels: string[][];
}

/**
 * The first reading of a file under a policy: the header against the policy, every value of
 * a generalized column against its hierarchy, CURP and RFC values only where they will be
 * hashed or dropped. Keeps per generalized column the distinct values and their levels, and
 * the sensitive column's distinct values; `record` gives each record's ids (quasi-identifiers
 * first, then the sensitive value) for the caller to count.
 */
export class InputScanner {
  header: string[] = [];
  actions: ColumnAction[] = [];
  delimiter: Delimiter = ',';
  readonly quasi: Quasi[] = [];
  sensitiveColumn = -1;
  readonly sensitiveIds = new Map<string, number>();
  records = 0;
  private guarded: number[] = [];
  private ids = new Int32Array(0);

  constructor(readonly policy: AnonymizationPolicy) {}

  get started(): boolean {
    return this.header.length > 0;
  }

  /** Width of a record's ids: one per quasi-identifier, plus the sensitive value under ℓ-diversity. */
  get width(): number {
    return this.quasi.length + (this.sensitiveColumn >= 0 ? 1 : 0);
  }

  start(cells: string[], delimiter: Delimiter): void {
    this.header = cells.map((cell) => cell.trim());
    this.delimiter = delimiter;
    matchHeader(this.policy, this.header);
    this.actions = this.header.map((name) => this.policy.columns[name]);
    this.actions.forEach((action, column) => {
      const name = this.header[column];
      if (action.action === 'generalize') this.quasi.push({ column, name, generalizer: buildGeneralizer(name, action.hierarchy), ids: new Map(), levels: [] });
      if (action.action === 'keep' || action.action === 'sensitive' || action.action === 'generalize') this.guarded.push(column);
    });
    if (this.policy.lDiversity) this.sensitiveColumn = this.header.indexOf(this.policy.lDiversity.column);
    this.ids = new Int32Array(this.width);
  }

  /** Checks one record and returns its ids (the same array each time: copy to keep). */
  record(cells: string[], line: number): Int32Array {
    this.records += 1;
    for (const column of this.guarded) refuseIdentifier(this.header[column], this.actions[column], cells[column], line);
    const ids = this.ids;
    for (let i = 0; i < this.quasi.length; i += 1) {
      const q = this.quasi[i];
      const value = cells[q.column];
      let id = q.ids.get(value);
      if (id === undefined) {
        q.levels.push(q.generalizer.levels(value, line));
        id = q.ids.size;
        q.ids.set(value, id);
      }
      ids[i] = id;
    }
    if (this.sensitiveColumn >= 0) {
      const value = this.sensitiveIds.get(cells[this.sensitiveColumn]);
      ids[this.quasi.length] = value ?? this.sensitiveIds.size;
      if (value === undefined) this.sensitiveIds.set(cells[this.sensitiveColumn], this.sensitiveIds.size);
    }
    return ids;
  }

  /** After the last record: an empty file or a header alone is not something to anonymize. */
  finish(): void {
    if (!this.started) throw new AnonymizationError('INVALID_FILE', 'The file is empty', [{ path: 'file', message: 'is empty' }]);
    if (this.records === 0) throw new AnonymizationError('INVALID_FILE', 'The file has a header but no records', [{ path: 'file', line: 2, message: 'has no records after the header' }]);
  }
}

export interface InputSummary {
  header: string[];
  delimiter: Delimiter;
  records: number;
}

/**
 * Checks a file against a policy without anonymizing it — everything `anonymize` would refuse
 * as bad input (policy, header, values, identifiers, CSV shape) — in one streaming pass, so an
 * upload can be answered 400 at once instead of failing later in a queued job.
 */
export async function checkInput(options: { source: CsvSource; policy: unknown; signal?: AbortSignal }): Promise<InputSummary> {
  const scanner = new InputScanner(parsePolicy(options.policy));
  for await (const batch of readCsv(options.source)) {
    if (options.signal?.aborted) throw new AnonymizationError('CANCELLED', 'The check was cancelled');
    for (let r = 0; r < batch.records.length; r += 1) {
      if (scanner.started) scanner.record(batch.records[r], batch.lines[r]);
      else scanner.start(batch.records[r], batch.delimiter);
    }
  }
  scanner.finish();
  return { header: scanner.header, delimiter: scanner.delimiter, records: scanner.records };
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
