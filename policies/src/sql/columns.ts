/**
 * Field map resolution, parameter allocation and value checks for the CASL→SQL translator.
 * A value reaches SQL only as a named parameter; a column expression only from the field map.
 */
export type SqlColumnType = 'text' | 'uuid' | 'int' | 'numeric' | 'bool' | 'timestamptz' | 'date' | 'jsonb';

export interface SqlColumn {
  /** SQL expression of the column, e.g. `"d"."organization_id"` (trusted: written by developers). */
  column: string;
  /** A PostgreSQL array column (`uuid[]`, `text[]`, ...): `type` is then the element type. */
  array?: boolean;
  /** Enables parameter casts, value checks and JS-compatible ordering (`text` compares in the "C" collation). */
  type?: SqlColumnType;
}

/** CASL field (dotted paths allowed) → SQL column expression or column description. */
export type SqlFieldMap = Record<string, string | SqlColumn>;

export interface ResolvedColumn {
  field: string;
  expr: string;
  array: boolean;
  type?: SqlColumnType;
}

const SQL_TYPE: Record<SqlColumnType, string> = {
  text: 'text',
  uuid: 'uuid',
  int: 'integer',
  numeric: 'numeric',
  bool: 'boolean',
  timestamptz: 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

export function resolveColumn(fields: SqlFieldMap, field: string, subjectType: string): ResolvedColumn {
  const entry = Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (entry === undefined) {
    const hint = field.startsWith('$') ? ' (CASL\'s default mongoQueryMatcher has no logical operators: it treats it as a field name)' : '';
    throw new Error(`abilityToSql: field "${field}" of "${subjectType}" is not in the SQL field map${hint}`);
  }
  if (typeof entry === 'string') return { field, expr: entry, array: false };
  return { field, expr: entry.column, array: entry.array === true, type: entry.type };
}

/** Allocates named parameters (`:p0`, `:p1`, ... in TypeORM's syntax). */
export class ParamBag {
  readonly params: Record<string, unknown> = {};
  private next = 0;

  constructor(private readonly prefix: string) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) throw new Error(`abilityToSql: invalid paramPrefix "${prefix}"`);
  }

  /** The parameter placeholder, cast to the column's (element or array) type when the type is known. */
  add(value: unknown, cast?: string): string {
    const name = `${this.prefix}${this.next++}`;
    this.params[name] = value;
    return cast ? `CAST(:${name} AS ${cast})` : `:${name}`;
  }
}

function isValidDate(value: Date): boolean {
  return !Number.isNaN(value.getTime());
}

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a JS value can be the value of a column of this type, as our rows carry it. */
function fitsType(type: SqlColumnType | undefined, value: unknown, forOrdering: boolean): boolean {
  switch (type) {
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'int':
      if (forOrdering) return typeof value === 'number' && Number.isFinite(value);
      return Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX;
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'timestamptz':
      return value instanceof Date && isValidDate(value);
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'jsonb':
      return false;
    case undefined:
      if (typeof value === 'number') return !Number.isNaN(value);
      return value instanceof Date ? isValidDate(value) : typeof value === 'string' || typeof value === 'boolean';
  }
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `Date ${value.toISOString()}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' || typeof value === 'function') return `a ${typeof value}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * `null`: compares with SQL NULL; `match`: a value a row can hold; `never`: a value of another
 * type, which no row value equals (CASL compares with ===). Objects, arrays, functions throw.
 */
export function classifyValue(column: ResolvedColumn, value: unknown): 'null' | 'match' | 'never' {
  if (value === null) return 'null';
  if (value === undefined) return 'never';
  const scalar = ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date;
  if (!scalar) throw new Error(`abilityToSql: unsupported value ${describe(value)} for field "${column.field}"`);
  return fitsType(column.type, value, false) ? 'match' : 'never';
}

/** Checks a value of $lt/$lte/$gt/$gte and returns the cast of its parameter. */
export function orderingCast(column: ResolvedColumn, value: unknown): string | undefined {
  if (column.array || column.type === 'jsonb' || column.type === 'bool') {
    throw new Error(`abilityToSql: ordering operators are not supported on field "${column.field}"`);
  }
  if (!fitsType(column.type, value, true)) {
    throw new Error(`abilityToSql: value ${describe(value)} cannot be ordered against field "${column.field}" (${column.type ?? 'untyped'})`);
  }
  if (column.type === 'int' && !(Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX)) return 'numeric';
  return column.type ? SQL_TYPE[column.type] : undefined;
}

export function scalarCast(column: ResolvedColumn): string | undefined {
  return column.type ? SQL_TYPE[column.type] : undefined;
}

export function arrayCast(column: ResolvedColumn): string | undefined {
  return column.type ? `${SQL_TYPE[column.type]}[]` : undefined;
}
