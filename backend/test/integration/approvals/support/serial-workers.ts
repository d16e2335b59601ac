import { Client } from 'pg';

/**
 * Every worker runs an outbox relay over the one test database, so a worker of another
 * approvals spec would publish (and process) rows a resilience test wants to see stay
 * unpublished. Specs that start workers hold this session lock for their whole run.
 */
const APPROVALS_WORKERS_LOCK = 5_517_002;

export async function holdApprovalsWorkerLock(): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1)', [APPROVALS_WORKERS_LOCK]);
  return async () => {
    await client.query('SELECT pg_advisory_unlock($1)', [APPROVALS_WORKERS_LOCK]).catch(() => undefined);
    await client.end();
  };
}
