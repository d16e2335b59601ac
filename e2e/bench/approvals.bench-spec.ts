import { Client, type Notification } from 'pg';
import { apiLogin } from '../src/support/api';
import { baseUrl } from '../src/support/browser';
import { benchSize, machine, printBenchLine } from './bench-report';

/**
 * Decision-to-state-change latency of queued approvals: decisions on the last review step
 * posted at a steady rate to the built API; the built worker takes each from the outbox/queue
 * and moves the agreement to `approved`. Latency = moment the worker's transition commits −
 * moment the decision commits, both observed by one LISTEN connection (NOTIFY is delivered on
 * commit). BENCH_SIZE=full: 50 decisions/s for 60 s, p99 ≤ 200 ms and zero lost or duplicated
 * transitions; smoke: 5/s for 3 s. Baseline: the same decision and transition as raw SQL, no
 * queue, no HTTP, measured in the same run.
 */
const SIZE = benchSize();
const RATE = SIZE === 'full' ? 50 : 5;
const SECONDS = SIZE === 'full' ? 60 : 3;
const DECISIONS = RATE * SECONDS;
const BASELINE = SIZE === 'full' ? 300 : 20;
const P99_LIMIT_MS = 200;
const CHANNEL = 'bench_approvals';
const PREFIX = 'BENCH-APR-';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round1 = (value: number) => Math.round(value * 10) / 10;

/** Agreements in review with their final task pending for the deciding official, inserted in bulk. */
async function prepare(client: Client, count: number, offset: number, assignee: string): Promise<Array<{ agreementId: string; taskId: string }>> {
  return (
    await client.query(
      `WITH ctx AS (
         SELECT (SELECT id FROM organizations WHERE name LIKE 'Instituto Nacional%') AS provider, (SELECT id FROM organizations WHERE name = 'Secretaría de Economía') AS recipient,
                (SELECT id FROM users WHERE email = 'oficial@economia.gob.mx') AS author, (SELECT id FROM workflow_definitions WHERE key = 'agreement_default' ORDER BY version DESC LIMIT 1) AS definition
       ), a AS (
         INSERT INTO agreements (reference, provider_organization_id, recipient_organization_id, state, current_version, author_id, workflow_definition_id)
         SELECT $1 || (i + $3), provider, recipient, 'in_review', 1, author, definition FROM ctx, generate_series(1, $2::int) AS i RETURNING id, author_id, workflow_definition_id
       ), v AS (
         INSERT INTO agreement_versions (agreement_id, version, terms, terms_hash, author_id) SELECT id, 1, '{"purpose":"bench"}'::jsonb, repeat('0', 64), author_id FROM a
       )
       INSERT INTO approval_tasks (agreement_id, agreement_version, workflow_definition_id, round, step_index, step_key, step_name, assignee_ids, due_at)
       SELECT id, 1, workflow_definition_id, 1, 2, 'final_approval', 'Aprobación del funcionario responsable', ARRAY[$4::uuid], now() + interval '10 days' FROM a
       RETURNING agreement_id AS "agreementId", id AS "taskId"`,
      [PREFIX, count, offset, assignee],
    )
  ).rows;
}

describe(`approval decisions through outbox, queue and worker (${RATE}/s for ${SECONDS} s)`, () => {
  let client: Client;
  let listener: Client;
  const decidedAt = new Map<string, number>();
  const movedAt = new Map<string, number>();

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    listener = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await Promise.all([client.connect(), listener.connect()]);
    // Bench-only triggers: NOTIFY is delivered when the writing transaction commits.
    await client.query(`
      CREATE OR REPLACE FUNCTION bench_approvals_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'approval_tasks' THEN PERFORM pg_notify('${CHANNEL}', 'd:' || NEW.agreement_id);
        ELSE PERFORM pg_notify('${CHANNEL}', 't:' || NEW.agreement_id); END IF;
        RETURN NEW;
      END $$`);
    await client.query(`CREATE TRIGGER bench_approvals_decided AFTER UPDATE OF status ON approval_tasks FOR EACH ROW WHEN (OLD.status = 'pending' AND NEW.status = 'decided') EXECUTE FUNCTION bench_approvals_notify()`);
    await client.query(`CREATE TRIGGER bench_approvals_moved AFTER INSERT ON agreement_transitions FOR EACH ROW EXECUTE FUNCTION bench_approvals_notify()`);
    listener.on('notification', (message: Notification) => {
      const at = performance.now();
      const [kind, agreementId] = (message.payload ?? '').split(':');
      const into = kind === 'd' ? decidedAt : movedAt;
      if (!into.has(agreementId)) into.set(agreementId, at);
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  }, 300_000);

  afterAll(async () => {
    await client.query(`DROP TRIGGER IF EXISTS bench_approvals_decided ON approval_tasks`);
    await client.query(`DROP TRIGGER IF EXISTS bench_approvals_moved ON agreement_transitions`);
    await client.query(`DROP FUNCTION IF EXISTS bench_approvals_notify()`);
    await Promise.all([client.end(), listener.end()]);
  });

  it(`moves each agreement once, p99 ≤ ${P99_LIMIT_MS} ms at full size`, async () => {
    const token = await apiLogin('directora@economia.gob.mx');
    const { rows: [director] } = await client.query(`SELECT id FROM users WHERE email = 'directora@economia.gob.mx'`);
    const work = await prepare(client, DECISIONS, 0, director.id);
    const baselineWork = await prepare(client, BASELINE, DECISIONS, director.id);

    // Baseline: the decision (conditional update + outbox row) and the transition (claim, lock, state, history) as raw SQL.
    const baseline: number[] = [];
    for (const { agreementId, taskId } of baselineWork) {
      const started = performance.now();
      await client.query('BEGIN');
      await client.query(`UPDATE approval_tasks SET status = 'decided', decision = 'approve', decided_by_id = $2, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING id`, [taskId, director.id]);
      const { rows: [outbox] } = await client.query(`INSERT INTO outbox (topic, payload, published_at) VALUES ('bench.baseline', '{}', now()) RETURNING id`);
      await client.query('COMMIT');
      await client.query('BEGIN');
      await client.query(`UPDATE outbox SET processed_at = now() WHERE id = $1 AND processed_at IS NULL RETURNING id`, [outbox.id]);
      await client.query(`SELECT state FROM agreements WHERE id = $1 FOR UPDATE`, [agreementId]);
      await client.query(`UPDATE agreements SET state = 'approved', updated_at = now() WHERE id = $1`, [agreementId]);
      await client.query(`INSERT INTO agreement_transitions (agreement_id, from_state, to_state, event, version) VALUES ($1, 'in_review', 'approved', 'approve', 1)`, [agreementId]);
      await client.query('COMMIT');
      baseline.push(performance.now() - started);
    }

    // The load: one decision every 1000/RATE ms, not waiting for earlier answers.
    const statuses: number[] = [];
    const requests: Array<Promise<void>> = [];
    const started = performance.now();
    for (let i = 0; i < work.length; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      requests.push(
        fetch(`${baseUrl()}/api/v1/approvals/${work[i].taskId}/decision`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ decision: 'approve', comment: '' }),
        }).then(async (response) => {
          statuses.push(response.status);
          await response.arrayBuffer();
        }),
      );
    }
    await Promise.all(requests);
    const sendSeconds = (performance.now() - started) / 1000;
    const deadline = Date.now() + 15_000;
    while (work.some(({ agreementId }) => !movedAt.has(agreementId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    const latencies = work.filter(({ agreementId }) => decidedAt.has(agreementId) && movedAt.has(agreementId)).map(({ agreementId }) => movedAt.get(agreementId)! - decidedAt.get(agreementId)!);
    const ids = work.map((item) => item.agreementId);
    const { rows: [counts] } = await client.query(
      `SELECT count(*) FILTER (WHERE a.state <> 'approved')::int AS lost,
              (SELECT count(*)::int FROM (SELECT agreement_id FROM agreement_transitions WHERE agreement_id = ANY($1::uuid[]) GROUP BY agreement_id HAVING count(*) > 1) d) AS duplicated,
              (SELECT count(*)::int FROM outbox o JOIN approval_tasks t ON t.id::text = o.payload->>'taskId' WHERE t.agreement_id = ANY($1::uuid[]) AND o.processed_at IS NULL) AS unprocessed
         FROM agreements a WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const result = {
      bench: 'approval-decisions',
      size: SIZE,
      decisions: work.length,
      ratePerSecond: round1(work.length / sendSeconds),
      ok: statuses.filter((status) => status === 200).length,
      p50Ms: round1(percentile(latencies, 50)),
      p99Ms: round1(percentile(latencies, 99)),
      maxMs: round1(Math.max(...latencies)),
      lost: counts.lost,
      duplicated: counts.duplicated,
      unprocessedOutbox: counts.unprocessed,
      baselineP50Ms: round1(percentile(baseline, 50)),
      baselineP99Ms: round1(percentile(baseline, 99)),
      machine: machine(),
      date: new Date().toISOString(),
    };
    printBenchLine(result);
    expect(result.ok).toBe(work.length);
    expect(latencies).toHaveLength(work.length);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.unprocessedOutbox).toBe(0);
    if (SIZE === 'full') expect(result.p99Ms).toBeLessThanOrEqual(P99_LIMIT_MS);
  }, 600_000);
});
