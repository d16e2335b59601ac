import type { ANONYMIZATION_COLUMN_ACTIONS, ANONYMIZATION_HIERARCHY_TYPES, ColumnIdentifierKind, DatasetColumn } from '@convenio/contracts';

export type ColumnAction = (typeof ANONYMIZATION_COLUMN_ACTIONS)[number];
export type HierarchyType = (typeof ANONYMIZATION_HIERARCHY_TYPES)[number];

/** Widths offered for an interval hierarchy (years of age: 5, then 10, then 20). */
export const DEFAULT_INTERVAL_WIDTHS: readonly number[] = [5, 10, 20];

/** One column of the form: its action and, for `generalize`, the hierarchy as typed. */
export interface ColumnActionValue {
  readonly name: string;
  readonly action: ColumnAction;
  readonly hierarchy: HierarchyType;
  /** Interval widths as typed: "5,10,20". */
  readonly widths: string;
  /** Custom hierarchy rows as typed, one per line: "value,level1,level2". */
  readonly customRows: string;
}

/** What the catalog says of a column (when the file is a copy of a catalog dataset). */
export type CatalogColumn = Pick<DatasetColumn, 'name' | 'type' | 'identifierKind'>;

/** Lower case, without accents, for comparing column names: "Código_Postal" → "codigo_postal". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** The words of a column name: "CVE_MUN-2020" → ["cve", "mun", "2020"]. */
function tokens(name: string): string[] {
  return normalizeName(name)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const INEGI_WORDS = ['municipio', 'entidad', 'localidad'];
const INEGI_CODES = ['cve_ent', 'cve_mun', 'cve_loc'];
const SCIAN_WORDS = ['scian', 'clase', 'actividad'];
const POSTAL_WORDS = ['codigo_postal', 'codigopostal', 'cod_postal'];

/**
 * The hierarchy a quasi-identifier most likely needs, from its name (and the catalog's type):
 * INEGI geography codes, SCIAN activity codes, ages in intervals, dates, and redaction for
 * postal codes and anything else.
 */
export function guessHierarchy(name: string, type?: DatasetColumn['type'] | null): HierarchyType {
  const normalized = normalizeName(name);
  const words = tokens(name);
  const has = (list: readonly string[]) => list.some((word) => normalized.includes(word));
  // Whole words ("entidad_federativa", "municipios"), not inside others ("identidad").
  const inegiWord = words.some((word) => INEGI_WORDS.some((start) => word.startsWith(start)));
  const inegiCode = has(INEGI_CODES) || (words.includes('cve') && words.some((word) => ['ent', 'mun', 'loc'].includes(word)));
  if (inegiWord || inegiCode) return 'inegi';
  if (has(SCIAN_WORDS)) return 'scian';
  if (normalized.includes('edad') || words.includes('age')) return 'interval';
  if (normalized.includes('fecha') || normalized.includes('nacimiento') || words.includes('date') || type === 'date' || type === 'datetime') return 'date';
  if (has(POSTAL_WORDS) || words.includes('cp')) return 'redact';
  return 'redact';
}

/** The default action for a catalog identifier kind (no kind: the column is kept as it is). */
export function actionForKind(kind: ColumnIdentifierKind | null | undefined): ColumnAction {
  switch (kind) {
    case 'direct':
      return 'pseudonymize';
    case 'quasi':
      return 'generalize';
    case 'sensitive':
      return 'sensitive';
    default:
      return 'keep';
  }
}

/** Names that hold CURP or RFC values, which the API lets through only pseudonymized or dropped. */
function looksLikePersonalKey(name: string): boolean {
  return tokens(name).some((word) => word === 'curp' || word === 'rfc');
}

/**
 * The form's starting value for a column of the file: from the catalog's identifier kind when
 * the file is a copy of a catalog dataset (direct → pseudonymize, quasi → generalize with a
 * guessed hierarchy, sensitive → sensitive, none → keep); without the catalog, CURP and RFC
 * columns are pseudonymized and the rest kept. The hierarchy is guessed in every case, so
 * switching to "generalize" starts from a sensible one.
 */
export function defaultColumnAction(name: string, catalog?: CatalogColumn | null): ColumnActionValue {
  const action = catalog ? actionForKind(catalog.identifierKind) : looksLikePersonalKey(name) ? 'pseudonymize' : 'keep';
  return { name, action, hierarchy: guessHierarchy(name, catalog?.type), widths: DEFAULT_INTERVAL_WIDTHS.join(','), customRows: '' };
}

/** The catalog's description of a file column: same name, ignoring case, accents and surrounding spaces. */
export function catalogColumnFor(name: string, columns: readonly CatalogColumn[] | null | undefined): CatalogColumn | null {
  if (!columns) return null;
  const wanted = normalizeName(name);
  return columns.find((column) => column.name === name) ?? columns.find((column) => normalizeName(column.name) === wanted) ?? null;
}

/** Default actions for every column of a header. */
export function defaultColumnActions(header: readonly string[], catalog?: readonly CatalogColumn[] | null): ColumnActionValue[] {
  return header.map((name) => defaultColumnAction(name, catalogColumnFor(name, catalog)));
}
