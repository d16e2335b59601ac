import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** True when PostgreSQL refused a write for a unique constraint (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** A `%…%` ILIKE pattern that matches the text literally (its %, _ and \ escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Rows of an `UPDATE … RETURNING`. TypeORM answers UPDATE/DELETE with `[rows, affected]`
 * instead of the rows, which would make "0 rows updated" look like a hit.
 */
export async function updateReturning<T>(runner: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
