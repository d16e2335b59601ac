/**
 * Profiles a CSV given as a stream of byte chunks, in bounded memory:
 *
 * 1. the first bytes up to the end of the header line are looked at once: UTF-16 and binary
 *    files are refused, a UTF-8 BOM is stripped, the delimiter is chosen from the header line;
 * 2. every byte goes through the CsvScanner, which checks each record and counts them all;
 * 3. the bytes of the header and the first `sampleRows` data rows are kept; when the sample is
 *    complete they are decoded (UTF-8 if valid, else windows-1252), profiled column by column
 *    and released — the rest of the file is only counted and checked.
 *
 * `write` throws ProfilingError as soon as a problem is seen (a malformed line, the size limit),
 * so the caller can stop reading the upload there.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import {
  PROFILE_MAX_BYTES,
  PROFILE_SAMPLE_MAX_BYTES,
  PROFILE_SAMPLE_ROWS,
  type ColumnProfile,
  type CsvProfile,
  type ProfileWarning,
} from '@convenio/contracts';
import { structuralCodeLookup, type CodeLookup } from './code-lookup';
import { ColumnProfiler } from './column-profiler';
import { CELL_ESCAPED, CsvScanner } from './csv-scanner';
import { assertTextFile, decodeWindows1252, hasUtf8Bom, Utf8Validator, type TextEncoding } from './encoding';
import { ProfilingError } from './errors';

export type CsvDelimiter = CsvProfile['delimiter'];
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** Bytes gathered before the header line must be complete (delimiter detection, sniffing). */
const HEAD_BYTES = 64 * 1024;

export interface CsvProfilerOptions {
  /** Largest file accepted; more throws TOO_LARGE. Default PROFILE_MAX_BYTES. */
  maxBytes?: number;
  /** Data rows profiled. Default PROFILE_SAMPLE_ROWS. */
  sampleRows?: number;
  /** Bytes the sample may span. Default PROFILE_SAMPLE_MAX_BYTES. */
  sampleMaxBytes?: number;
  /** Reference code lists; default structuralCodeLookup. */
  lookup?: CodeLookup;
  /** Today, for dates of birth; default the current date. */
  now?: Date;
}

/** Appends chunks into one growing buffer (the sample's bytes). */
class ByteSink {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  length = 0;

  append(chunk: Buffer): void {
    if (this.length + chunk.length > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < this.length + chunk.length) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    chunk.copy(this.buffer, this.length);
    this.length += chunk.length;
  }

  view(end: number): Buffer {
    return this.buffer.subarray(0, Math.min(end, this.length));
  }
}

/**
 * Position of the end of the first line outside quotes in `bytes`, or -1. Also counts each
 * candidate delimiter outside quotes on that line.
 */
function scanHeaderLine(bytes: Uint8Array): { end: number; counts: number[] } {
  const counts = DELIMITERS.map(() => 0);
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x22) quoted = !quoted;
    else if (!quoted) {
      if (byte === 0x0a || byte === 0x0d) {
        // Skip leading blank lines: the header is the first non-empty line.
        if (counts.every((c) => c === 0) && isBlankPrefix(bytes, i)) continue;
        return { end: i, counts };
      }
      const at = codes.indexOf(byte);
      if (at >= 0) counts[at]++;
    }
  }
  return { end: -1, counts };
}

function isBlankPrefix(bytes: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; i++) if (bytes[i] !== 0x0a && bytes[i] !== 0x0d) return false;
  return true;
}

/** The delimiter used most on the header line outside quotes; `,` when none is. */
export function detectDelimiter(head: Uint8Array): CsvDelimiter {
  const { counts } = scanHeaderLine(head);
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return DELIMITERS[best];
}

export class CsvProfiler {
  private readonly maxBytes: number;
  private readonly sampleRows: number;
  private readonly sampleMaxBytes: number;
  private readonly lookup: CodeLookup;
  private readonly now: Date;

  private bytes = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private scanner: CsvScanner | null = null;
  private sample: ByteSink | null = new ByteSink();
  private readonly utf8 = new Utf8Validator();
  private bom = false;
  private delimiter: CsvDelimiter = ',';
  private columns: ColumnProfile[] | null = null;
  private sampleEncoding: TextEncoding = 'utf-8';
  private sampleAscii = true;
  private ended = false;

  constructor(options: CsvProfilerOptions = {}) {
    this.maxBytes = options.maxBytes ?? PROFILE_MAX_BYTES;
    this.sampleRows = Math.max(1, options.sampleRows ?? PROFILE_SAMPLE_ROWS);
    this.sampleMaxBytes = options.sampleMaxBytes ?? PROFILE_SAMPLE_MAX_BYTES;
    this.lookup = options.lookup ?? structuralCodeLookup;
    this.now = options.now ?? new Date();
  }

  /** Bytes received so far. */
  get bytesRead(): number {
    return this.bytes;
  }

  /** Takes the next chunk of the file. Throws ProfilingError (TOO_LARGE, RAGGED_ROW...). */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('CsvProfiler.write after end');
    if (chunk.length === 0) return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.bytes += buffer.length;
    if (this.bytes > this.maxBytes) {
      throw new ProfilingError('TOO_LARGE', `The file is larger than the limit of ${formatBytes(this.maxBytes)}`);
    }
    if (this.scanner) {
      this.feed(buffer);
      return;
    }
    this.head.push(buffer);
    this.headLength += buffer.length;
    if (this.headLength >= HEAD_BYTES) this.start();
    else {
      const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head);
      this.head = [head];
      if (scanHeaderLine(head).end >= 0) this.start();
    }
  }

  /** Ends the file and returns its profile. Throws ProfilingError when it cannot be profiled. */
  end(): CsvProfile {
    if (this.ended) throw new Error('CsvProfiler.end called twice');
    this.ended = true;
    if (this.bytes === 0) throw new ProfilingError('EMPTY_FILE', 'The file is empty');
    if (!this.scanner) this.start();
    const scanner = this.scanner as CsvScanner;
    scanner.finish();
    this.utf8.finish();
    if (scanner.columns < 0) throw new ProfilingError('EMPTY_FILE', 'The file holds no header line (only blank lines or a byte order mark)');
    if (scanner.dataRows === 0) {
      throw new ProfilingError('NO_DATA_ROWS', `The file has a header (line ${scanner.headerLine}) but no data rows`);
    }
    if (this.columns === null) this.profileSample();

    const warnings: ProfileWarning[] = [];
    const rows = scanner.dataRows;
    const sampledRows = scanner.sampledRows;
    if (sampledRows < rows) {
      warnings.push({
        code: scanner.sampleCutBySize ? 'SAMPLE_BYTES_LIMIT' : 'SAMPLED',
        message: scanner.sampleCutBySize
          ? `Profiled the first ${sampledRows} of ${rows} data rows (the sample stops at ${formatBytes(this.sampleMaxBytes)}); every row was counted and checked`
          : `Profiled the first ${sampledRows} of ${rows} data rows; every row was counted and checked`,
      });
    }
    if (scanner.blankLines > 0) {
      warnings.push({ code: 'BLANK_LINES_SKIPPED', message: `${scanner.blankLines} blank line${scanner.blankLines === 1 ? ' was' : 's were'} skipped` });
    }
    let encoding: TextEncoding = this.sampleEncoding;
    if (encoding === 'utf-8' && !this.utf8.valid) {
      if (this.sampleAscii) encoding = 'windows-1252';
      else warnings.push({ code: 'MIXED_ENCODING', message: 'The profiled rows are UTF-8 but later bytes are not valid UTF-8: the file mixes encodings' });
    }
    return {
      rows,
      sampledRows,
      sampled: sampledRows < rows,
      bytes: this.bytes,
      encoding,
      bom: this.bom,
      delimiter: this.delimiter,
      columns: this.columns as ColumnProfile[],
      warnings,
    };
  }

  private start(): void {
    const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head);
    this.head = [];
    assertTextFile(head);
    this.bom = hasUtf8Bom(head);
    const body = this.bom ? head.subarray(3) : head;
    this.delimiter = detectDelimiter(body);
    this.scanner = new CsvScanner({ delimiter: this.delimiter.charCodeAt(0), sampleRows: this.sampleRows, sampleMaxBytes: this.sampleMaxBytes });
    this.feed(body);
  }

  private feed(chunk: Buffer): void {
    const scanner = this.scanner as CsvScanner;
    this.utf8.update(chunk);
    if (scanner.storing) this.sample?.append(chunk);
    scanner.scan(chunk);
    if (!scanner.storing && this.columns === null) this.profileSample();
  }

  /** Decodes and profiles the kept rows, then lets their bytes go. */
  private profileSample(): void {
    const scanner = this.scanner as CsvScanner;
    const bytes = (this.sample as ByteSink).view(scanner.sampleEnd);
    const utf8 = isUtf8(bytes);
    this.sampleEncoding = utf8 ? 'utf-8' : 'windows-1252';
    this.sampleAscii = utf8 && isAscii(bytes);
    const text = utf8 ? null : decodeWindows1252(bytes);
    const { starts, ends, flags } = scanner;
    const cell = (i: number): string => {
      const value = text === null ? bytes.toString('utf8', starts[i], ends[i]) : text.slice(starts[i], ends[i]);
      return flags[i] & CELL_ESCAPED ? value.replaceAll('""', '"') : value;
    };
    const columnCount = scanner.columns;
    const names = Array.from({ length: columnCount }, (_, j) => cell(j).trim());
    const options = { lookup: this.lookup, now: this.now, decimalComma: this.delimiter !== ',' };
    const columns: ColumnProfile[] = [];
    for (let j = 0; j < columnCount; j++) {
      const warnings: ProfileWarning[] = [];
      let name = names[j];
      if (name === '') {
        name = `column_${j + 1}`;
        warnings.push({ code: 'EMPTY_NAME', message: `The header cell of column ${j + 1} is empty; named ${name}` });
      } else {
        const earlier = names.indexOf(name);
        if (earlier < j) warnings.push({ code: 'DUPLICATE_NAME', message: `Column ${j + 1} has the same header as column ${earlier + 1}` });
      }
      const profiler = new ColumnProfiler(name, j, options);
      for (let row = 1, i = columnCount + j; row <= scanner.sampledRows; row++, i += columnCount) profiler.add(cell(i));
      columns.push(profiler.profile(warnings));
    }
    this.columns = columns;
    this.sample = null;
    starts.length = ends.length = flags.length = 0;
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/** Profiles a whole CSV held in memory (tests, small files). */
export function profileCsv(input: Uint8Array | string, options?: CsvProfilerOptions): CsvProfile {
  const profiler = new CsvProfiler(options);
  profiler.write(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  return profiler.end();
}

/** Profiles a CSV read from any byte stream (a file, an upload). */
export async function profileCsvStream(source: AsyncIterable<Uint8Array>, options?: CsvProfilerOptions): Promise<CsvProfile> {
  const profiler = new CsvProfiler(options);
  for await (const chunk of source) profiler.write(chunk);
  return profiler.end();
}
