/**
 * An independent checker for the engine's output, sharing no code with it: it reads the
 * anonymized CSV as text and recomputes the equivalence classes over the given columns, the
 * smallest class (k) and the fewest distinct sensitive values in a class (distinct ℓ).
 */
export interface CheckResult {
  header: string[];
  rows: string[][];
  records: number;
  classes: number;
  k: number | null;
  l: number | null;
}

/** Splits CSV text by the given delimiter, honouring double quotes. */
export function splitCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function checkAnonymity(csv: string, delimiter: string, quasiIdentifiers: readonly string[], sensitive?: string): CheckResult {
  const [header, ...rows] = splitCsv(csv, delimiter);
  const positions = quasiIdentifiers.map((name) => header.indexOf(name));
  if (positions.some((position) => position < 0)) throw new Error(`checker: a quasi-identifier is missing from the output header ${header.join(',')}`);
  const sensitivePosition = sensitive ? header.indexOf(sensitive) : -1;
  const classes = new Map<string, { size: number; values: Set<string> }>();
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`checker: a row has ${row.length} cells, the header ${header.length}`);
    const key = JSON.stringify(positions.map((position) => row[position]));
    const entry = classes.get(key) ?? { size: 0, values: new Set<string>() };
    entry.size += 1;
    if (sensitivePosition >= 0) entry.values.add(row[sensitivePosition]);
    classes.set(key, entry);
  }
  const entries = [...classes.values()];
  return {
    header,
    rows,
    records: rows.length,
    classes: entries.length,
    k: entries.length ? Math.min(...entries.map((entry) => entry.size)) : null,
    l: sensitivePosition >= 0 && entries.length ? Math.min(...entries.map((entry) => entry.values.size)) : null,
  };
}
