import type { ErrorDetail, ErrorResponse } from '@convenio/contracts';

/** One problem the API (or the contract's check) found, as shown next to what it names. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /** 1-based line of the CSV (the header is line 1). */
  readonly line?: number;
}

/** Fields of the new-job form a problem may name besides the columns. */
export const PROBLEM_FIELDS = ['k', 'suppressionLimit', 'lDiversity', 'file', 'datasetId', 'policy'] as const;
export type ProblemField = (typeof PROBLEM_FIELDS)[number];

export interface PlacedProblems {
  /** By column name of the file. */
  readonly columns: Readonly<Record<string, Problem[]>>;
  readonly fields: Readonly<Partial<Record<ProblemField, Problem[]>>>;
  /** Problems that name nothing on the form (e.g. a column the file does not have). */
  readonly other: Problem[];
}

export const NO_PROBLEMS: PlacedProblems = { columns: {}, fields: {}, other: [] };

/** The list of `details` of an error response (empty when it has none or an object of context). */
export function detailsOf(error: ErrorResponse | null | undefined): ErrorDetail[] {
  return Array.isArray(error?.details) ? error.details : [];
}

/** The longest column name `path` is, or starts with followed by a dot (names may contain dots). */
function columnOf(path: string, columns: readonly string[]): string | null {
  let found: string | null = null;
  for (const column of columns) {
    if ((path === column || path.startsWith(`${column}.`)) && (found === null || column.length > found.length)) found = column;
  }
  return found;
}

/**
 * Sorts the API's details onto the form: `policy.columns.<name>[.…]` and a bare column name
 * (with the line of the CSV) go to that column; `policy.k`, `policy.suppressionLimit`,
 * `policy.lDiversity[.…]`, `file`, `datasetId` and `policy` to their fields; the rest (a column
 * the file does not have, unknown paths) to `other`. A leading `body.` is ignored.
 */
export function placeProblems(details: readonly Problem[], columns: readonly string[]): PlacedProblems {
  const byColumn: Record<string, Problem[]> = {};
  const byField: Partial<Record<ProblemField, Problem[]>> = {};
  const other: Problem[] = [];
  const toField = (field: ProblemField, problem: Problem) => (byField[field] ??= []).push(problem);
  for (const detail of details) {
    const problem: Problem = { path: detail.path, message: detail.message, ...(detail.line !== undefined ? { line: detail.line } : {}) };
    const path = detail.path.replace(/^body\./, '');
    if (path.startsWith('policy.columns.')) {
      const column = columnOf(path.slice('policy.columns.'.length), columns);
      if (column !== null) (byColumn[column] ??= []).push(problem);
      else other.push(problem);
      continue;
    }
    if (path.startsWith('policy.')) {
      const field = path.split('.')[1];
      if (field === 'k' || field === 'suppressionLimit' || field === 'lDiversity') toField(field, problem);
      else if (field === 'columns') toField('policy', problem);
      else other.push(problem);
      continue;
    }
    const head = path.split('.')[0];
    if (head === 'file' || head === 'datasetId' || head === 'policy') {
      toField(head, problem);
      continue;
    }
    const column = columnOf(path, columns);
    if (column !== null) (byColumn[column] ??= []).push(problem);
    else other.push(problem);
  }
  return { columns: byColumn, fields: byField, other };
}

/** Whether anything was placed. */
export function hasProblems(placed: PlacedProblems): boolean {
  return placed.other.length > 0 || Object.keys(placed.columns).length > 0 || Object.keys(placed.fields).length > 0;
}
