import { type AnonymizationHierarchySpec, type AnonymizationPolicy, type ErrorDetail, anonymizationPolicySchema } from '@convenio/contracts';
import type { ColumnActionValue } from './column-defaults';
import { parseCsv } from './csv-sample';

/** Defaults of the privacy model. */
export const DEFAULT_K = 5;
export const DEFAULT_SUPPRESSION_PERCENT = 5;
export const DEFAULT_L = 2;

/** The whole form, as typed: the model's numbers, ℓ-diversity, and an action per column. */
export interface PolicyFormValue {
  readonly k: number | null;
  /** Percent of the records that may be suppressed, 0–100 (the policy says it as a share, 0–1). */
  readonly suppressionPercent: number | null;
  readonly lDiversity: { readonly enabled: boolean; readonly column: string | null; readonly l: number | null };
  readonly columns: readonly ColumnActionValue[];
}

/** "5, 10; 20" → [5, 10, 20]; null when a part is not a positive number or nothing is given. */
export function parseWidths(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const widths = parts.map((part) => Number(part.replace(/^\+/, '')));
  return widths.every((width) => Number.isFinite(width) && width > 0) ? widths : null;
}

/** Widths nest when each is larger than, and a multiple of, the one before (what the engine needs). */
export function widthsNest(widths: readonly number[]): boolean {
  return widths.every((width, i) => i === 0 || (width > widths[i - 1] && Number.isInteger(width / widths[i - 1])));
}

/** The rows of a custom hierarchy typed one per line as CSV ("value,level1,level2"); blank lines skipped, cells trimmed. */
export function parseCustomRows(text: string): string[][] {
  return parseCsv(text, ',').records.map((row) => row.map((cell) => cell.trim())).filter((row) => row.some((cell) => cell !== ''));
}

/** What is wrong with typed custom rows, as a validation error name; null when they are usable. */
export function customRowsProblem(text: string): 'required' | 'customRowsShort' | 'customRowsWidth' | null {
  const rows = parseCustomRows(text);
  if (rows.length === 0) return 'required';
  if (rows.some((row) => row.length < 2)) return 'customRowsShort';
  if (new Set(rows.map((row) => row.length)).size !== 1) return 'customRowsWidth';
  return null;
}

/** What is wrong with typed interval widths, as a validation error name; null when they are usable. */
export function widthsProblem(text: string): 'required' | 'widths' | 'widthsNest' | null {
  if (text.trim() === '') return 'required';
  const widths = parseWidths(text);
  if (!widths) return 'widths';
  return widthsNest(widths) ? null : 'widthsNest';
}

/** The hierarchy spec of a generalized column. */
export function hierarchyOf(column: ColumnActionValue): AnonymizationHierarchySpec {
  switch (column.hierarchy) {
    case 'interval':
      return { type: 'interval', widths: parseWidths(column.widths) ?? [] };
    case 'custom':
      return { type: 'custom', rows: parseCustomRows(column.customRows) };
    default:
      return { type: column.hierarchy };
  }
}

/** A share (0–1) from a percent, without float noise: 5 → 0.05, 12.5 → 0.125. */
export function percentToShare(percent: number): number {
  return Math.round(percent * 1e6) / 1e8;
}

/** The policy the form describes, in the shape of the contract (`AnonymizationPolicy`). */
export function buildPolicy(value: PolicyFormValue): AnonymizationPolicy {
  const columns: AnonymizationPolicy['columns'] = {};
  for (const column of value.columns) {
    columns[column.name] = column.action === 'generalize' ? { action: 'generalize', hierarchy: hierarchyOf(column) } : { action: column.action };
  }
  const policy: AnonymizationPolicy = {
    k: value.k ?? 0,
    suppressionLimit: percentToShare(value.suppressionPercent ?? 0),
    columns,
  };
  const { enabled, column, l } = value.lDiversity;
  if (enabled && column) policy.lDiversity = { column, l: l ?? 0 };
  return policy;
}

/**
 * The contract's own check of a policy, as the API's error details (`policy.k`,
 * `policy.columns.<name>.hierarchy.widths`, …): the last word before sending.
 */
export function checkPolicy(policy: AnonymizationPolicy): ErrorDetail[] {
  const result = anonymizationPolicySchema.safeParse(policy);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: ['policy', ...issue.path.map(String)].join('.'), message: issue.message }));
}

/** The columns whose action is `sensitive`: the ones ℓ-diversity may protect. */
export function sensitiveColumns(columns: readonly ColumnActionValue[]): string[] {
  return columns.filter((column) => column.action === 'sensitive').map((column) => column.name);
}
