/**
 * CASL → SQL: the conditions an ability has for (action, subject type) as a WHERE clause
 * that selects exactly the rows `ability.can(action, subject(type, row))` allows.
 *
 * Semantics: the rules of `ability.rulesFor(action, type)` form a decision list (the first
 * rule whose conditions match decides, as in `ability.can`), so an inverted rule only denies
 * what rules of lower priority allow. No applicable rule → `1 = 0`; unconditional allow → `1 = 1`.
 * Operators: equality/$eq, $ne, $in, $nin, $lt, $lte, $gt, $gte, $exists, and the logical
 * $and/$or/$nor when the ability's conditions matcher enables them (CASL's default does not).
 * Anything else ($regex, $all, $size, $elemMatch, ...), an unmapped field, or a value that is
 * not a string, number, boolean, Date or null throws: a filter never silently widens access.
 *
 * Deliberate limitations, all relative to "the row as a JS object, SQL NULL read as null":
 * - `$exists` is constant (every mapped column is a property of the row); refused on dotted paths.
 * - A dotted path is assumed to be present: `{ 'a.b': null }` is `IS NULL` even when CASL would
 *   find no `a` at all.
 * - Typed columns (`type`) expect the JS types pg/TypeORM produce: text/uuid (lower-case) string,
 *   int (int4)/numeric number, bool boolean, timestamptz Date, date 'YYYY-MM-DD' string. Equality
 *   with another type matches nothing (as `===` would); ordering with another type throws.
 *   Untyped columns pass values through and order text in the database collation.
 * - Text orders in the "C" collation (code points; JS orders UTF-16 units: differs only
 *   for astral characters vs U+E000–U+FFFF). timestamptz compares at microseconds, JS at
 *   milliseconds; numeric NaN is not supported. Ordering operators refuse array and jsonb columns;
 *   jsonb supports only null comparisons. Arrays must be one-dimensional.
 */
import type { AnyMongoAbility } from '@casl/ability';
import { ParamBag, resolveColumn, type SqlFieldMap } from './columns';
import { eqLeaf, existsLeaf, inLeaf, orderingLeaf } from './leaf-sql';
import { and, or, renderSql, type SqlExpr } from './sql-expr';

export type { SqlColumn, SqlColumnType, SqlFieldMap } from './columns';

/** A WHERE fragment with TypeORM-style named parameters (`:p0`, `:p1`, ...). */
export interface SqlFilter {
  sql: string;
  params: Record<string, unknown>;
}

export interface AbilityToSqlOptions {
  /** Prefix of the parameter names (default `p`); use distinct prefixes for several filters in one query. */
  paramPrefix?: string;
}

/** The shape of a node of CASL's condition AST (@ucast/core Condition). */
interface ConditionNode {
  operator: string;
  value: unknown;
  field?: string;
}

interface Context {
  fields: SqlFieldMap;
  subjectType: string;
  bag: ParamBag;
}

function children(node: ConditionNode): ConditionNode[] {
  if (!Array.isArray(node.value)) throw new Error(`abilityToSql: malformed "${node.operator}" condition`);
  return node.value as ConditionNode[];
}

/** Translates a condition; with `negate`, its negation (pushed down to the leaves). */
function conditionToSql(node: ConditionNode, negate: boolean, ctx: Context): SqlExpr {
  if (typeof node.field !== 'string') {
    switch (node.operator) {
      case 'and':
      case 'or': {
        const parts = children(node).map((child) => conditionToSql(child, negate, ctx));
        return (node.operator === 'and') !== negate ? and(...parts) : or(...parts);
      }
      case 'nor': {
        const parts = children(node).map((child) => conditionToSql(child, !negate, ctx));
        return negate ? or(...parts) : and(...parts);
      }
      case 'not':
        return conditionToSql(children(node)[0], !negate, ctx);
      default:
        throw new Error(`abilityToSql: unsupported operator "$${node.operator}" in conditions of "${ctx.subjectType}"`);
    }
  }
  const column = resolveColumn(ctx.fields, node.field, ctx.subjectType);
  switch (node.operator) {
    case 'eq':
    case 'ne':
      return eqLeaf(column, node.value, negate !== (node.operator === 'ne'), ctx.bag);
    case 'in':
    case 'nin':
      return inLeaf(column, node.value, negate !== (node.operator === 'nin'), ctx.bag);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return orderingLeaf(column, node.operator, node.value, negate, ctx.bag);
    case 'exists':
      return existsLeaf(column, node.value, negate);
    default:
      throw new Error(`abilityToSql: unsupported operator "$${node.operator}" on field "${node.field}" of "${ctx.subjectType}"`);
  }
}

/** Keeps only the parameters the rendered SQL still references (constant folding drops some). */
function usedParams(sql: string, params: Record<string, unknown>): Record<string, unknown> {
  const used: Record<string, unknown> = {};
  for (const match of sql.matchAll(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (Object.hasOwn(params, match[1])) used[match[1]] = params[match[1]];
  }
  return used;
}

/**
 * The WHERE clause selecting the rows of `subjectType` on which `ability` allows `action`.
 * `fields` maps every CASL field the rules use to its SQL column expression.
 */
export function abilityToSql(
  ability: AnyMongoAbility,
  action: string,
  subjectType: string,
  fields: SqlFieldMap,
  opts: AbilityToSqlOptions = {},
): SqlFilter {
  const ctx: Context = { fields, subjectType, bag: new ParamBag(opts.paramPrefix ?? 'p') };
  // Each rule in priority order, as "its conditions hold" (negated for inverted rules).
  const decisions: { inverted: boolean; expr: SqlExpr }[] = [];
  for (const rule of ability.rulesFor(action, subjectType)) {
    if (!rule.conditions) {
      decisions.push({ inverted: rule.inverted, expr: !rule.inverted });
      break; // it decides every row that reaches it
    }
    const ast = rule.ast as ConditionNode | undefined;
    if (!ast) throw new Error(`abilityToSql: a rule of "${subjectType}" has conditions but no AST (not a MongoAbility?)`);
    decisions.push({ inverted: rule.inverted, expr: conditionToSql(ast, rule.inverted, ctx) });
  }
  // allowed(i) = cond(i) OR allowed(i+1) for `can`, NOT cond(i) AND allowed(i+1) for `cannot`.
  let allowed: SqlExpr = false;
  for (let i = decisions.length - 1; i >= 0; i--) {
    const { inverted, expr } = decisions[i];
    allowed = inverted ? and(expr, allowed) : or(expr, allowed);
  }
  const sql = renderSql(allowed);
  return { sql, params: usedParams(sql, ctx.bag.params) };
}

/** Converts named parameters to positional `$n` for raw `pg` queries (a repeated name reuses its index). */
export function sqlFilterToPositional(filter: SqlFilter, startIndex = 1): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const positions = new Map<string, number>();
  const sql = filter.sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (placeholder, name: string) => {
    if (!Object.hasOwn(filter.params, name)) return placeholder;
    let position = positions.get(name);
    if (position === undefined) {
      values.push(filter.params[name]);
      position = startIndex + values.length - 1;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return { sql, values };
}
