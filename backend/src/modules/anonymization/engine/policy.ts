import { AnonymizationError, type AnonymizationProblem } from './errors';

export type HierarchySpec =
  | { type: 'inegi' }
  | { type: 'scian' }
  | { type: 'interval'; widths: number[] }
  | { type: 'date' }
  | { type: 'redact' }
  | { type: 'custom'; rows: string[][] };

export type ColumnAction =
  | { action: 'keep' }
  | { action: 'drop' }
  | { action: 'pseudonymize' }
  | { action: 'sensitive' }
  | { action: 'generalize'; hierarchy: HierarchySpec };

/** What the API takes: k, the suppression limit, optional distinct ℓ-diversity, an action per column. */
export interface AnonymizationPolicy {
  k: number;
  suppressionLimit: number;
  lDiversity?: { column: string; l: number };
  columns: Record<string, ColumnAction>;
}

const ACTIONS = new Set(['keep', 'drop', 'pseudonymize', 'sensitive', 'generalize']);
const HIERARCHIES = new Set(['inegi', 'scian', 'interval', 'date', 'redact', 'custom']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a policy's shape and numbers (before any data is read) and returns it typed; every
 * problem found is listed, each with its path in the policy.
 */
export function parsePolicy(raw: unknown): AnonymizationPolicy {
  const problems: AnonymizationProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(raw)) throw new AnonymizationError('INVALID_POLICY', 'The policy must be a JSON object', [{ path: 'policy', message: 'must be a JSON object' }]);
  const { k, suppressionLimit, lDiversity, columns } = raw;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) fail('policy.k', 'must be a whole number of at least 2');
  if (typeof suppressionLimit !== 'number' || !(suppressionLimit >= 0 && suppressionLimit <= 1)) fail('policy.suppressionLimit', 'must be a number between 0 and 1 (a share of the records)');
  if (!isObject(columns) || Object.keys(columns).length === 0) fail('policy.columns', 'must name every column of the file with its action');
  if (isObject(columns)) {
    for (const [name, action] of Object.entries(columns)) checkAction(`policy.columns.${name}`, action, fail);
  }
  for (const key of Object.keys(raw)) if (!['k', 'suppressionLimit', 'lDiversity', 'columns'].includes(key)) fail(`policy.${key}`, 'is not a policy field');
  if (lDiversity !== undefined) {
    if (!isObject(lDiversity) || typeof lDiversity.column !== 'string' || typeof lDiversity.l !== 'number' || !Number.isInteger(lDiversity.l) || lDiversity.l < 2) {
      fail('policy.lDiversity', 'must be {column, l} with l a whole number of at least 2');
    } else if (!isObject(columns) || (columns[lDiversity.column] as { action?: string } | undefined)?.action !== 'sensitive') {
      fail('policy.lDiversity.column', `"${lDiversity.column}" must be a column with the action "sensitive"`);
    }
  }
  if (problems.length > 0) throw new AnonymizationError('INVALID_POLICY', `The policy is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  return raw as unknown as AnonymizationPolicy;
}

function checkAction(path: string, action: unknown, fail: (path: string, message: string) => void): void {
  if (!isObject(action) || typeof action.action !== 'string' || !ACTIONS.has(action.action)) {
    fail(path, `must be {"action": one of ${[...ACTIONS].join(', ')}}`);
    return;
  }
  if (action.action !== 'generalize') return;
  const hierarchy = action.hierarchy;
  if (!isObject(hierarchy) || typeof hierarchy.type !== 'string' || !HIERARCHIES.has(hierarchy.type)) {
    fail(`${path}.hierarchy`, `must be {"type": one of ${[...HIERARCHIES].join(', ')}}`);
    return;
  }
  if (hierarchy.type === 'interval') {
    const widths = hierarchy.widths;
    const valid = Array.isArray(widths) && widths.length > 0 && widths.every((w, i) => typeof w === 'number' && w > 0 && (i === 0 || w > (widths[i - 1] as number)));
    if (!valid) fail(`${path}.hierarchy.widths`, 'must be increasing positive widths, e.g. [5, 10, 20]');
    // Each interval must lie inside one of the next level (37 → 35-39 → 30-39), or the levels do not nest.
    else if ((widths as number[]).some((w, i) => i > 0 && !Number.isInteger(w / (widths as number[])[i - 1]))) fail(`${path}.hierarchy.widths`, 'each width must be a multiple of the one before (e.g. [5, 10, 20]) so the intervals nest');
  }
  if (hierarchy.type === 'custom') {
    const rows = hierarchy.rows;
    const valid = Array.isArray(rows) && rows.length > 0 && rows.every((row) => Array.isArray(row) && row.length >= 2 && row.every((cell) => typeof cell === 'string'));
    if (!valid) fail(`${path}.hierarchy.rows`, 'must be rows of at least two strings: the value, then each level');
    else if (new Set((rows as string[][]).map((row) => row.length)).size !== 1) fail(`${path}.hierarchy.rows`, 'every row must have the same number of levels');
  }
}

/** The policy against the file's header: every column named, no column invented. */
export function matchHeader(policy: AnonymizationPolicy, header: readonly string[]): void {
  const problems: AnonymizationProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) problems.push({ path: name, line: 1, message: 'appears twice in the header' });
    seen.add(name);
    if (!(name in policy.columns)) problems.push({ path: name, line: 1, message: 'is in the file but the policy gives it no action (nothing passes unexamined)' });
  }
  for (const name of Object.keys(policy.columns)) {
    if (!seen.has(name)) problems.push({ path: `policy.columns.${name}`, message: 'is not a column of the file' });
  }
  if (problems.length > 0) throw new AnonymizationError('INVALID_POLICY', `The policy does not match the file: ${problems.map((p) => `"${p.path}" ${p.message}`).join('; ')}`, problems);
}
