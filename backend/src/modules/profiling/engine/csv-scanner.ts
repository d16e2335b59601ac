/**
 * A streaming CSV scanner over BYTES (RFC 4180 plus the usual leniencies), written for profiling:
 *
 * - it records where each cell of the first records is (offsets into the byte stream), so the
 *   caller decodes only the sample, once the encoding is known;
 * - after the sample it only counts records and checks their structure, without creating a
 *   string — the whole file is checked and counted at a few hundred MB/s;
 * - delimiters, quotes and line breaks are ASCII, so the same scan serves UTF-8 and Latin-1.
 *
 * Rules: fields are separated by the delimiter; records end at LF, CRLF or a lone CR; a field
 * that starts with `"` is quoted — it may hold delimiters and line breaks, `""` is a quote — and
 * must be followed by a delimiter or a line break; a quote inside an unquoted field is kept as a
 * character (as csv-parse's `relax_quotes`). Empty lines are skipped. The first record is the
 * header; every other record must have as many fields. Line numbers are physical lines of the
 * file (1-based), so a record spanning lines is named by the line where it starts.
 */
import { ProfilingError } from './errors';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** Cell flag: the cell was quoted (its offsets exclude the quotes). */
export const CELL_QUOTED = 1;
/** Cell flag: the quoted cell holds `""` pairs to unescape. */
export const CELL_ESCAPED = 2;

export interface CsvScannerOptions {
  /** The delimiter byte (`,` `;` tab `|`). */
  delimiter: number;
  /** Data records to keep cell offsets for (the header is always kept). */
  sampleRows: number;
  /** Stop keeping records once the sample spans this many bytes. */
  sampleMaxBytes: number;
}

export class CsvScanner {
  /** Fields per record, from the header; -1 until the header is read. */
  columns = -1;
  /** Line of the header record. */
  headerLine = 0;
  /** Data records (header excluded) seen so far. */
  dataRows = 0;
  /** Empty lines skipped. */
  blankLines = 0;
  /** True while records are being kept for the sample. */
  storing = true;
  /** Data records kept in the sample. */
  sampledRows = 0;
  /** True when the sample stopped at sampleMaxBytes rather than at sampleRows. */
  sampleCutBySize = false;
  /** Byte offset just past the last kept record (where the sample's bytes end). */
  sampleEnd = 0;
  /** Cell offsets and flags of the kept records, header first, row-major. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly flags: number[] = [];

  private readonly delimiter: number;
  private readonly sampleLimit: number;
  private readonly sampleMaxBytes: number;
  /** Byte offset of the next chunk's first byte. */
  private offset = 0;
  private line = 1;
  private state = FIELD_START;
  private pendingCr = false;
  private recordLine = 1;
  private quoteLine = 0;
  private fieldStart = 0;
  private fieldEnd = 0;
  private fieldFlags = 0;
  private fields = 0;
  /** Index into the cell arrays where the current record's cells begin. */
  private recordCellBase = 0;
  private finished = false;

  constructor(options: CsvScannerOptions) {
    this.delimiter = options.delimiter;
    this.sampleLimit = options.sampleRows;
    this.sampleMaxBytes = options.sampleMaxBytes;
  }

  /** Bytes scanned so far. */
  get bytesScanned(): number {
    return this.offset;
  }

  /** Scans the next chunk. Throws ProfilingError on a malformed record. */
  scan(chunk: Uint8Array): void {
    const delimiter = this.delimiter;
    const base = this.offset;
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      let byte = chunk[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (byte === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case FIELD_START:
          if (byte === QUOTE) {
            this.state = QUOTED;
            this.fieldStart = base + i + 1;
            this.fieldFlags = CELL_QUOTED;
            this.quoteLine = this.line;
            i++;
            break;
          }
          this.fieldStart = base + i;
          this.fieldFlags = 0;
          if (byte === delimiter) {
            this.endField(base + i);
            i++;
            break;
          }
          if (byte === LF || byte === CR) {
            if (this.fields === 0) this.blankLines++;
            else {
              this.endField(base + i);
              this.endRecord(base + i);
            }
            this.newline(byte);
            i++;
            break;
          }
          this.state = UNQUOTED; // the same byte is read again, as the start of an unquoted field
          break;
        case UNQUOTED:
          // Tight loop over ordinary bytes: the common case.
          while (byte !== delimiter && byte !== LF && byte !== CR && byte !== NUL) {
            if (++i === length) break;
            byte = chunk[i];
          }
          if (i === length) break;
          if (byte === NUL) this.nul();
          this.endField(base + i);
          if (byte === delimiter) this.state = FIELD_START;
          else {
            this.endRecord(base + i);
            this.newline(byte);
          }
          i++;
          break;
        case QUOTED:
          while (byte !== QUOTE && byte !== LF && byte !== CR && byte !== NUL) {
            if (++i === length) break;
            byte = chunk[i];
          }
          if (i === length) break;
          if (byte === QUOTE) {
            this.state = QUOTE_IN_QUOTED;
            this.fieldEnd = base + i;
          } else if (byte === NUL) this.nul();
          else {
            this.line++;
            if (byte === CR) this.pendingCr = true;
          }
          i++;
          break;
        default: // QUOTE_IN_QUOTED: a quote inside a quoted field, either `""` or the closing quote
          if (byte === QUOTE) {
            this.state = QUOTED;
            this.fieldFlags |= CELL_ESCAPED;
          } else if (byte === delimiter) {
            this.endField(this.fieldEnd);
            this.state = FIELD_START;
          } else if (byte === LF || byte === CR) {
            this.endField(this.fieldEnd);
            this.endRecord(base + i);
            this.newline(byte);
          } else {
            throw new ProfilingError(
              'INVALID_QUOTE',
              `Line ${this.line}: a quoted field must end with a quote followed by the delimiter or a line break; to write a quote inside a quoted field, double it ("")`,
              this.line,
            );
          }
          i++;
      }
    }
    this.offset = base + length;
    // Past the sample's byte budget the record in progress (e.g. one with an unclosed quote) is
    // not kept; the first data row always is, so the sample is never empty.
    if (this.storing && this.sampledRows > 0 && this.offset > this.sampleMaxBytes) {
      this.starts.length = this.ends.length = this.flags.length = this.recordCellBase;
      this.stopSample(true);
    }
  }

  /** Ends the input: completes the last record (no final line break needed). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.state === QUOTED) {
      throw new ProfilingError('UNTERMINATED_QUOTE', `Line ${this.quoteLine}: a quoted field is never closed (missing closing quote)`, this.quoteLine);
    }
    const end = this.offset;
    if (this.state === QUOTE_IN_QUOTED) {
      this.endField(this.fieldEnd);
      this.endRecord(end);
    } else if (this.state === UNQUOTED || this.fields > 0) {
      if (this.state === FIELD_START) this.fieldStart = end;
      this.endField(end);
      this.endRecord(end);
    }
    if (this.storing) this.stopSample(false);
  }

  private newline(byte: number): void {
    this.line++;
    this.recordLine = this.line;
    this.state = FIELD_START;
    if (byte === CR) this.pendingCr = true;
  }

  private nul(): never {
    throw new ProfilingError('BINARY_FILE', `Line ${this.line} holds a NUL byte: the file is binary, not CSV text`, this.line);
  }

  private endField(end: number): void {
    this.fields++;
    if (this.columns >= 0 && this.fields > this.columns) {
      throw new ProfilingError('RAGGED_ROW', `Line ${this.recordLine} has more than ${this.columns} fields; the header (line ${this.headerLine}) has ${this.columns}`, this.recordLine);
    }
    if (this.storing) {
      this.starts.push(this.fieldStart);
      this.ends.push(end);
      this.flags.push(this.fieldFlags);
    }
  }

  private endRecord(end: number): void {
    const fields = this.fields;
    this.fields = 0;
    if (this.columns < 0) {
      this.columns = fields;
      this.headerLine = this.recordLine;
    } else {
      if (fields !== this.columns) {
        throw new ProfilingError('RAGGED_ROW', `Line ${this.recordLine} has ${fields} field${fields === 1 ? '' : 's'}; the header (line ${this.headerLine}) has ${this.columns}`, this.recordLine);
      }
      this.dataRows++;
      if (this.storing) this.sampledRows++;
    }
    if (this.storing) {
      this.sampleEnd = end;
      if (this.sampledRows >= this.sampleLimit) this.stopSample(false);
      else if (this.sampledRows > 0 && end > this.sampleMaxBytes) this.stopSample(true);
    }
    this.recordCellBase = this.starts.length;
  }

  private stopSample(bySize: boolean): void {
    this.storing = false;
    this.sampleCutBySize = bySize;
  }
}
