import { Client } from 'pg';
import { redactUrl } from '../../config/app-config';

/**
 * Connects once before the app boots so that a wrong DATABASE_URL ends in one clear line
 * within seconds, instead of TypeORM's retry loop and a stack trace.
 * Resolves to null when PostgreSQL answers, else to the one-line reason.
 */
export async function checkDatabaseReachable(url: string, timeoutMs = 10_000): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    return `Cannot connect to PostgreSQL at DATABASE_URL=${redactUrl(url)}: ${reason ?? 'unknown error'}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
