/**
 * A tiny boolean-expression tree for the generated WHERE clause: constants fold away,
 * nested ANDs/ORs flatten, and only the final render produces SQL text.
 */
export type SqlExpr = boolean | string | { op: 'AND' | 'OR'; parts: SqlExpr[] };

export const SQL_TRUE = '1 = 1';
export const SQL_FALSE = '1 = 0';

function combine(op: 'AND' | 'OR', parts: SqlExpr[]): SqlExpr {
  const absorbing = op === 'OR'; // OR: TRUE absorbs; AND: FALSE absorbs
  const kept: SqlExpr[] = [];
  for (const part of parts) {
    if (part === absorbing) return absorbing;
    if (part === !absorbing) continue;
    if (typeof part === 'object' && part.op === op) kept.push(...part.parts);
    else kept.push(part);
  }
  if (kept.length === 0) return !absorbing;
  return kept.length === 1 ? kept[0] : { op, parts: kept };
}

export function and(...parts: SqlExpr[]): SqlExpr {
  return combine('AND', parts);
}

export function or(...parts: SqlExpr[]): SqlExpr {
  return combine('OR', parts);
}

/** Renders the tree; every AND/OR group is parenthesised, so the result can be AND-ed safely. */
export function renderSql(expr: SqlExpr): string {
  if (expr === true) return SQL_TRUE;
  if (expr === false) return SQL_FALSE;
  if (typeof expr === 'string') return expr;
  return `(${expr.parts.map(renderSql).join(` ${expr.op} `)})`;
}
