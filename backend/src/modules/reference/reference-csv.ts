/**
 * A small RFC 4180 CSV reader for the reference files (no dependency): comma-separated fields, fields in
 * double quotes may hold commas, line breaks and doubled quotes (`""`), lines end in LF or CRLF, a leading
 * byte-order mark is ignored. A quote inside an unquoted field, or an unterminated quoted field, is an error
 * (these files are data we ship: better to fail the migration than to load a shifted column).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote (only a separator may follow its closing quote)
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endField = () => {
    row.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      endRow();
      i += char === '\r' ? 2 : 1;
      line += 1;
    } else if (char === '"') {
      if (field !== '' || wasQuoted) throw new Error(`CSV line ${line}: a quote inside an unquoted field`);
      quoted = true;
      wasQuoted = true;
      i += 1;
    } else {
      if (wasQuoted) throw new Error(`CSV line ${line}: text after a closing quote`);
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error(`CSV line ${line}: unterminated quoted field`);
  // The last line may or may not end with a line break; a final empty line is not a row.
  if (field !== '' || wasQuoted || row.length > 0) endRow();
  return rows;
}

/**
 * The rows of a CSV with a header line, as records keyed by column name. Fails naming the line when a row
 * has a different number of fields than the header, or when a required column is missing.
 */
export function parseCsvRecords(text: string, requiredColumns: readonly string[] = []): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('CSV is empty: a header line is required');
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`CSV lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new Error(`CSV row ${index + 2} has ${fields.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((column, position) => [column, fields[position]]));
  });
}
