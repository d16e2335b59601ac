import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of an `UPDATE … RETURNING`. TypeORM answers UPDATE/DELETE with `[rows, affected]`
 * instead of the rows, which would make "0 rows updated" look like a hit.
 */
export async function updateReturning<T>(runner: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
