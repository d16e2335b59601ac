import { Readable, type Writable } from 'node:stream';
import { once } from 'node:events';
import { parse, CsvError } from 'csv-parse';
import { AnonymizationError } from './errors';

/** Where the CSV comes from: opened once per pass (the engine reads the file twice, streaming). */
export type CsvSource = () => Readable | AsyncIterable<Buffer | string>;

export type Delimiter = ',' | ';' | '\t' | '|';
const CANDIDATES: Delimiter[] = [',', ';', '\t', '|'];

/** The delimiter of the header line: the candidate seen most often outside quotes. */
export function detectDelimiter(head: string): Delimiter {
  const line = head.split(/\r?\n/, 1)[0];
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === candidate) count += 1;
    }
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

export interface CsvRecord {
  readonly cells: string[];
  /** 1-based number of the record, the header being 1 (its line, unless a quoted cell spans lines). */
  readonly line: number;
}

/**
 * The records of a CSV source, header first, with their line numbers. Refuses what is not a
 * CSV (binary content, rows with another number of cells), naming the line.
 */
export async function* readCsv(source: CsvSource, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord & { delimiter: Delimiter }> {
  const iterator = (source() as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new AnonymizationError('INVALID_FILE', 'The file is empty', [{ path: 'file', message: 'is empty' }]);
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
  if (head.subarray(0, 8192).includes(0)) throw new AnonymizationError('INVALID_FILE', 'The file is not a CSV (it holds binary data)', [{ path: 'file', line: 1, message: 'holds binary data, not CSV text' }]);
  const delimiter = detectDelimiter(head.subarray(0, 65536).toString('utf8'));
  async function* replay(): AsyncGenerator<Buffer> {
    onBytes?.(head.length);
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      onBytes?.(chunk.length);
      yield chunk;
    }
  }
  // Record numbers stand for lines (header = 1): exact unless a quoted cell spans lines.
  const parser = Readable.from(replay()).pipe(parse({ delimiter, bom: true, skip_empty_lines: true, relax_column_count: false }));
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      yield { cells: record, line, delimiter };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const message = error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'has a different number of cells than the header' : error.message.replace(/^Invalid (Record Length|Opening Quote|Closing Quote): /, '');
      throw new AnonymizationError('INVALID_FILE', `The file is not a valid CSV: line ${line ?? '?'} ${message}`, [{ path: 'file', ...(line ? { line } : {}), message }]);
    }
    throw error;
  }
}

/** One CSV line, quoting only cells that need it. */
export function formatCsvLine(cells: readonly string[], delimiter: Delimiter): string {
  return cells.map((cell) => (cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') ? `"${cell.replaceAll('"', '""')}"` : cell)).join(delimiter) + '\n';
}

/** Buffered writing that respects the destination's backpressure. */
export class CsvWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable) {}

  async write(line: string): Promise<void> {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}
