/**
 * One CASL field condition → SQL, in positive or negated form. Every form is TRUE exactly when
 * CASL's JS matcher (@ucast/js with mongo2js' compare) would say so for a row whose SQL NULLs are
 * JS nulls; a form may yield NULL only where FALSE is meant (negations never rely on NOT NULL).
 */
import { arrayCast, classifyValue, orderingCast, ParamBag, type ResolvedColumn, scalarCast } from './columns';
import { and, or, type SqlExpr } from './sql-expr';

export type OrderingOperator = 'lt' | 'lte' | 'gt' | 'gte';

const SQL_OPERATOR: Record<OrderingOperator, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };
const INVERSE: Record<OrderingOperator, OrderingOperator> = { lt: 'gte', lte: 'gt', gt: 'lte', gte: 'lt' };
const JSON_NULL = "CAST('null' AS jsonb)";

function unsupportedJsonb(column: ResolvedColumn): Error {
  return new Error(`abilityToSql: field "${column.field}" is jsonb: only null comparisons and $exists are supported`);
}

/** `{ field: null }`: CASL matches null, and for arrays also an array holding a null element. */
function nullLeaf(column: ResolvedColumn, negate: boolean): SqlExpr {
  const c = column.expr;
  if (column.array) {
    return negate ? and(`${c} IS NOT NULL`, `array_position(${c}, NULL) IS NULL`) : or(`${c} IS NULL`, `array_position(${c}, NULL) IS NOT NULL`);
  }
  if (column.type === 'jsonb') {
    // pg and TypeORM both read a JSON null as JS null.
    return negate ? and(`${c} IS NOT NULL`, `${c} <> ${JSON_NULL}`) : or(`${c} IS NULL`, `${c} = ${JSON_NULL}`);
  }
  return negate ? `${c} IS NOT NULL` : `${c} IS NULL`;
}

/** `$eq` (and `$ne` negated): `===` on scalars; "contains" on arrays. */
export function eqLeaf(column: ResolvedColumn, value: unknown, negate: boolean, bag: ParamBag): SqlExpr {
  if (column.type === 'jsonb' && value !== null) throw unsupportedJsonb(column);
  const kind = classifyValue(column, value);
  if (kind === 'null') return nullLeaf(column, negate);
  if (kind === 'never') return negate;
  const c = column.expr;
  const p = bag.add(value, scalarCast(column));
  if (column.array) return negate ? `array_position(${c}, ${p}) IS NULL` : `${p} = ANY(${c})`;
  return negate ? `${c} IS DISTINCT FROM ${p}` : `${c} = ${p}`;
}

/** `$in` (and `$nin` negated): equal to one of the values; on arrays, any element is one of them. */
export function inLeaf(column: ResolvedColumn, list: unknown, negate: boolean, bag: ParamBag): SqlExpr {
  if (!Array.isArray(list)) throw new Error(`abilityToSql: $in/$nin on field "${column.field}" expects an array`);
  if (column.type === 'jsonb' && list.some((value) => value !== null)) throw unsupportedJsonb(column);
  let hasNull = false;
  const values: unknown[] = [];
  for (const value of list) {
    const kind = classifyValue(column, value);
    if (kind === 'null') hasNull = true;
    else if (kind === 'match' && !values.includes(value)) values.push(value);
  }
  const nullPart: SqlExpr = hasNull ? nullLeaf(column, negate) : negate;
  let valuesPart: SqlExpr = negate;
  if (values.length > 0) {
    const c = column.expr;
    const p = bag.add(values, arrayCast(column));
    if (column.array) valuesPart = negate ? or(`${c} IS NULL`, `NOT (${c} && ${p})`) : `${c} && ${p}`;
    else valuesPart = negate ? or(`${c} IS NULL`, `${c} <> ALL(${p})`) : `${c} = ANY(${p})`;
  }
  return negate ? and(valuesPart, nullPart) : or(valuesPart, nullPart);
}

/**
 * `$lt`/`$lte`/`$gt`/`$gte`. CASL compares a null field as `null > value` does in JS, i.e.
 * `0 > Number(value)`: `{ n: { $lt: 5 } }` matches n = null, `{ n: { $gt: -1 } }` too. That
 * outcome depends only on the value, so it is decided here and becomes `OR col IS NULL`.
 */
export function orderingLeaf(column: ResolvedColumn, operator: OrderingOperator, value: unknown, negate: boolean, bag: ParamBag): SqlExpr {
  const cast = orderingCast(column, value);
  const p = bag.add(value, cast);
  const primitive = value instanceof Date ? value.getTime() : value;
  const nullGreater = 0 > Number(primitive);
  const nullMatches = operator === 'lt' || operator === 'lte' ? !nullGreater : nullGreater;
  const sqlOperator = SQL_OPERATOR[negate ? INVERSE[operator] : operator];
  const lhs = column.type === 'text' ? `${column.expr} COLLATE "C"` : column.expr;
  const comparison = `${lhs} ${sqlOperator} ${p}`;
  return nullMatches !== negate ? or(comparison, `${column.expr} IS NULL`) : comparison;
}

/**
 * `$exists`: CASL tests whether the subject has the property. A row read from SQL has every
 * mapped column as a property (null for NULL), so `$exists: true` always holds and `false` never.
 */
export function existsLeaf(column: ResolvedColumn, value: unknown, negate: boolean): SqlExpr {
  if (column.field.includes('.')) throw new Error(`abilityToSql: $exists is not supported on the dotted path "${column.field}"`);
  return (value === true) !== negate;
}
