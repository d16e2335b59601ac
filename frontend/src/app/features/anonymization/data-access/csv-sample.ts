/**
 * The first rows of a CSV, read in the browser before uploading: enough to list the columns and
 * show a preview. Parsing follows the API's reader (RFC 4180: LF or CRLF, `""` inside quotes,
 * blank lines skipped, a BOM dropped; the delimiter is the candidate seen most often outside
 * quotes in the header line), so the column names here are the ones the API will see.
 */

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Bytes read from the start of the file for the sample. */
export const SAMPLE_BYTES = 64 * 1024;
/** Rows shown in the sample preview. */
export const SAMPLE_ROWS = 20;

export interface CsvSample {
  readonly delimiter: CsvDelimiter;
  readonly header: string[];
  readonly rows: string[][];
  /** 1-based physical line of each row (the header is usually line 1), as the API numbers them. */
  readonly lines: number[];
  /** More records follow in the file than are shown. */
  readonly more: boolean;
}

export interface ParsedCsv {
  readonly records: string[][];
  readonly lines: number[];
  /** The last record ended with a line break (false: the text stopped inside it). */
  readonly endedCleanly: boolean;
}

const BOM = '\ufeff';

/** The candidate delimiter seen most often outside quotes in the first non-blank line; `,` when none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const line = stripBom(text).split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '';
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of CSV_DELIMITERS) {
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

/** Up to `maxRecords` records of `text` with the line each starts on; blank lines are skipped. */
export function parseCsv(text: string, delimiter: CsvDelimiter, maxRecords = Number.POSITIVE_INFINITY): ParsedCsv {
  const records: string[][] = [];
  const lines: number[] = [];
  let endedCleanly = true;
  let i = 0;
  let line = 1;
  while (i < text.length && records.length < maxRecords) {
    if (text[i] === '\n') {
      i += 1;
      line += 1;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      line += 1;
      continue;
    }
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let fieldStart = true;
    let ended = false;
    while (i < text.length) {
      const char = text[i];
      if (quoted) {
        if (char === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (char === '"') {
          quoted = false;
          i += 1;
        } else {
          if (char === '\n') line += 1;
          cell += char;
          i += 1;
        }
        continue;
      }
      if (char === '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
        i += 1;
      } else if (char === delimiter) {
        cells.push(cell);
        cell = '';
        fieldStart = true;
        i += 1;
      } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
        i += char === '\n' ? 1 : 2;
        line += 1;
        ended = true;
        break;
      } else {
        cell += char;
        fieldStart = false;
        i += 1;
      }
    }
    cells.push(cell);
    records.push(cells);
    lines.push(startLine);
    endedCleanly = ended;
  }
  return { records, lines, endedCleanly };
}

/**
 * The header and the first `maxRows` rows of the start of a file. `truncated`: the text is only
 * the start of the file, so a last record cut in the middle is dropped.
 */
export function parseSample(text: string, truncated: boolean, maxRows = SAMPLE_ROWS): CsvSample {
  const body = stripBom(text);
  const delimiter = detectDelimiter(body);
  const limit = maxRows + 2; // the header, the rows shown, and one more to know there are more
  const parsed = parseCsv(body, delimiter, limit);
  let { records, lines } = parsed;
  // The text ran out inside a record: only part of it was read.
  const cut = truncated && !parsed.endedCleanly && records.length < limit;
  if (cut && records.length > 1) {
    records = records.slice(0, -1);
    lines = lines.slice(0, -1);
  }
  const [header = [], ...rows] = records;
  return {
    delimiter,
    header,
    rows: rows.slice(0, maxRows),
    lines: lines.slice(1, maxRows + 1),
    more: rows.length > maxRows || truncated,
  };
}

/** Reads the first `bytes` of a file as UTF-8 text; `truncated` when the file is longer. */
export function readFileStart(file: Blob, bytes = SAMPLE_BYTES): Promise<{ text: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ text: typeof reader.result === 'string' ? reader.result : '', truncated: file.size > bytes });
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file.slice(0, bytes), 'utf-8');
  });
}

/** Reads and parses the sample of a file. */
export async function readSample(file: Blob, maxRows = SAMPLE_ROWS): Promise<CsvSample> {
  const { text, truncated } = await readFileStart(file);
  return parseSample(text, truncated, maxRows);
}

/** Human name of a delimiter, as a translation-key suffix. */
export function delimiterKey(delimiter: CsvDelimiter): 'comma' | 'semicolon' | 'tab' | 'pipe' {
  return ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' } as const)[delimiter];
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}
