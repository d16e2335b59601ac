import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { markRunsDueSql } from '../compliance/due-runs.sql';
import type { DatasetKey, NormalisedEvent } from './event-normaliser';
import { stateWins, type StateAt } from './run-state';

/** Who sent a batch (null for tests and tools). */
export interface Sender {
  userId: string | null;
  apiKeyId: string | null;
}

type NodeKind = 'dataset' | 'job';
const nodeKey = (kind: NodeKind, key: DatasetKey) => `${kind}\u0000${key.namespace}\u0000${key.name}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The id of the node at this position (from 1) of the call's node list (`node` in STORE_SQL). */
const node = (position: string) => `(SELECT id FROM node)[${position}]`;

/**
 * A batch in one statement, one data-modifying CTE per table:
 *
 * - `claimed`: the events' keys (the idempotency check); `known` answers the ids of keys that
 *   already existed (re-sent events).
 * - `namespaces`, `added`: the namespaces and nodes the events name that do not exist yet;
 *   `node` is the array of the ids of every node named, in the order of `$4…$6`, and the rows
 *   below name nodes by position in it (no join). A node another transaction inserts meanwhile
 *   is taken by the no-op update, which waits for that transaction, so no node is ever missing.
 * - the rest (raw events, runs folded per run beforehand and marked due for a compliance check,
 *   state history, inputs and outputs per run, graph edges, schema versions, column edges) is written only when every event of the
 *   call is this transaction's (`mine`): all new, or — on the second call the repository makes
 *   when a batch mixes new and re-sent events — the new ones, claimed by the first call.
 *
 * Rows are sorted by key so that concurrent batches take row locks in the same order.
 */
const STORE_SQL = `
  WITH input AS (SELECT * FROM unnest($1::text[], $2::uuid[]) AS k(hash, id)),
  claimed AS (
    INSERT INTO lineage_event_keys (event_hash, event_id, received_at)
    SELECT hash, id, now() FROM input ORDER BY hash
    ON CONFLICT (event_hash) DO NOTHING RETURNING event_hash, event_id),
  known AS (SELECT k.event_hash, k.event_id FROM lineage_event_keys k JOIN input i ON i.hash = k.event_hash),
  mine AS (
    SELECT 1 WHERE (SELECT count(*) FROM claimed) + (SELECT count(*) FROM known k JOIN input i ON i.hash = k.event_hash AND i.id = k.event_id)
                   = (SELECT count(*) FROM input)),
  namespaces AS (
    INSERT INTO lineage_namespaces (name) SELECT n FROM unnest($3::text[]) AS n
    WHERE NOT EXISTS (SELECT 1 FROM lineage_namespaces s WHERE s.name = n) ORDER BY n ON CONFLICT DO NOTHING),
  wanted AS (SELECT * FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS w(kind, namespace, name, at)),
  found AS (SELECT n.id, w.at FROM lineage_nodes n JOIN wanted w USING (kind, namespace, name)),
  added AS (
    INSERT INTO lineage_nodes AS n (kind, namespace, name)
    SELECT w.kind, w.namespace, w.name FROM wanted w
    WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.at = w.at)
    ORDER BY w.kind, w.namespace, w.name
    ON CONFLICT (kind, namespace, name) DO UPDATE SET updated_at = n.updated_at
    RETURNING n.id, n.kind, n.namespace, n.name),
  node AS (
    SELECT array_agg(id ORDER BY at) AS id FROM (
      SELECT id, at FROM found UNION ALL SELECT a.id, w.at FROM added a JOIN wanted w USING (kind, namespace, name)) x),
  events AS (
    INSERT INTO lineage_events (id, event_hash, kind, event_type, event_time, run_id, producer, payload, warnings, received_by_id, api_key_id)
    SELECT r.id, r.hash, r.kind, r.event_type, r.event_time, r.run_id, r.producer, r.payload, r.warnings, $8::uuid, $9::uuid
    FROM jsonb_to_recordset($7::jsonb) AS r(id uuid, hash text, kind text, event_type text, event_time timestamptz, run_id uuid, producer text, payload jsonb, warnings jsonb)
    WHERE EXISTS (SELECT FROM mine)),
  runs AS (
    INSERT INTO lineage_runs AS r (run_id, job_id, state, state_time, started_at, ended_at, agreement_id, parent_run_id)
    SELECT x.run_id, ${node('x.job')}, x.state, x.state_time, x.started_at,
           CASE WHEN "lineage_state_rank"(x.state) = 3 THEN x.state_time END, x.agreement_id, x.parent_run_id
    FROM jsonb_to_recordset($10::jsonb) AS x(run_id uuid, job int, state text, state_time timestamptz, started_at timestamptz, agreement_id uuid, parent_run_id uuid)
    WHERE EXISTS (SELECT FROM mine)
    ORDER BY x.run_id
    ON CONFLICT (run_id) DO UPDATE SET
      state = CASE WHEN "lineage_state_wins"(r.state, r.state_time, EXCLUDED.state, EXCLUDED.state_time) THEN EXCLUDED.state ELSE r.state END,
      state_time = CASE WHEN "lineage_state_wins"(r.state, r.state_time, EXCLUDED.state, EXCLUDED.state_time) THEN EXCLUDED.state_time ELSE r.state_time END,
      ended_at = CASE WHEN "lineage_state_wins"(r.state, r.state_time, EXCLUDED.state, EXCLUDED.state_time) THEN EXCLUDED.ended_at ELSE r.ended_at END,
      started_at = LEAST(r.started_at, EXCLUDED.started_at),
      agreement_id = COALESCE(EXCLUDED.agreement_id, r.agreement_id),
      parent_run_id = COALESCE(EXCLUDED.parent_run_id, r.parent_run_id),
      updated_at = now()),
  due AS (
    ${markRunsDueSql(`SELECT x.run_id FROM jsonb_to_recordset($10::jsonb) AS x(run_id uuid) WHERE EXISTS (SELECT FROM mine) ORDER BY x.run_id`)}),
  history AS (
    INSERT INTO lineage_run_states (run_id, event_type, event_time, event_id)
    SELECT x.run_id, x.event_type, x.event_time, x.event_id
    FROM unnest($11::uuid[], $12::text[], $13::timestamptz[], $14::uuid[]) AS x(run_id, event_type, event_time, event_id)
    WHERE EXISTS (SELECT FROM mine)),
  io AS (
    INSERT INTO lineage_run_datasets (run_id, job_id, dataset_id, direction)
    SELECT x.run_id, ${node('x.job')}, ${node('x.dataset')}, x.direction
    FROM unnest($15::uuid[], $16::int[], $17::int[], $18::text[]) AS x(run_id, job, dataset, direction)
    WHERE EXISTS (SELECT FROM mine)
    ON CONFLICT DO NOTHING),
  edges AS (
    INSERT INTO lineage_edges (source_id, target_id)
    SELECT ${node('x.source')}, ${node('x.target')}
    FROM unnest($19::int[], $20::int[]) AS x(source, target)
    WHERE EXISTS (SELECT FROM mine)
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING),
  versions AS (
    INSERT INTO lineage_dataset_versions AS v (dataset_id, schema_hash, fields, run_id, event_time)
    SELECT ${node('x.dataset')}, x.schema_hash, x.fields, x.run_id, x.event_time
    FROM jsonb_to_recordset($21::jsonb) AS x(dataset int, schema_hash text, fields jsonb, run_id uuid, event_time timestamptz)
    WHERE EXISTS (SELECT FROM mine)
    ORDER BY 1, 2
    ON CONFLICT (dataset_id, schema_hash) DO UPDATE SET event_time = EXCLUDED.event_time, run_id = EXCLUDED.run_id
    WHERE EXCLUDED.event_time > v.event_time),
  columns AS (
    INSERT INTO lineage_column_edges (source_dataset_id, source_field, target_dataset_id, target_field, transformation_type, transformation_subtype, description, masking, run_id)
    SELECT ${node('x.source')}, x.source_field, ${node('x.target')}, x.target_field, x.transformation_type, x.transformation_subtype, x.description, x.masking, x.run_id
    FROM jsonb_to_recordset($22::jsonb) AS x(source int, source_field text, target int, target_field text,
      transformation_type text, transformation_subtype text, description text, masking boolean, run_id uuid)
    WHERE EXISTS (SELECT FROM mine)
    ORDER BY 3, 4, 1, 2, 5, 6
    ON CONFLICT (target_dataset_id, target_field, source_dataset_id, source_field, transformation_type, transformation_subtype)
    DO UPDATE SET masking = EXCLUDED.masking, description = EXCLUDED.description, run_id = EXCLUDED.run_id, updated_at = now())
  SELECT
    (SELECT coalesce(json_agg(json_build_array(event_hash, event_id)), '[]') FROM claimed) AS claimed,
    (SELECT coalesce(json_agg(json_build_array(event_hash, event_id)), '[]') FROM known) AS known`;

/**
 * The write side of lineage, in bulk SQL: a batch (or a single event) is one statement
 * whatever its size — two when it mixes new and re-sent events.
 */
@Injectable()
export class LineageIngestRepository {
  /** Creates this month's partition of `lineage_events` when missing. */
  async ensurePartition(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT "lineage_ensure_partition"(now())`);
  }

  /**
   * Stores the events not seen before (by hash) and folds them into the graph. Returns the
   * event id per hash, and which hashes were new.
   */
  async store(manager: EntityManager, events: NormalisedEvent[], sender: Sender): Promise<{ ids: Map<string, string>; fresh: Set<string> }> {
    const proposed = new Map<string, string>(events.map((event) => [event.hash, randomUUID()]));
    const [first] = await this.run(manager, events, proposed, sender);
    const fresh = new Set(first.claimed.map(([hash]) => hash));
    const ids = new Map([...first.claimed, ...first.known]);
    if (fresh.size > 0 && fresh.size < events.length) {
      // Some were re-sent: the first call claimed the new ones and wrote nothing else; write those now.
      await this.run(manager, events.filter((event) => fresh.has(event.hash)), ids, sender);
    }
    // A re-sent event whose first copy committed while the statement ran: read its id now.
    const late = [...proposed.keys()].filter((hash) => !ids.has(hash));
    if (late.length > 0) {
      const rows: Array<{ event_hash: string; event_id: string }> = await manager.query(`SELECT event_hash, event_id FROM lineage_event_keys WHERE event_hash = ANY($1::text[])`, [late]);
      for (const row of rows) ids.set(row.event_hash, row.event_id);
    }
    return { ids, fresh };
  }

  private run(manager: EntityManager, events: NormalisedEvent[], ids: Map<string, string>, sender: Sender): Promise<Array<{ claimed: Array<[string, string]>; known: Array<[string, string]> }>> {
    return manager.query(STORE_SQL, storeParameters(events, ids, sender));
  }
}

/** The parameters of STORE_SQL: the events' keys under the given ids, their nodes, and every row they write (naming nodes by position). */
function storeParameters(events: NormalisedEvent[], ids: Map<string, string>, sender: Sender): unknown[] {
  const wanted = new Map<string, [NodeKind, string, string]>();
  for (const event of events) {
    if (event.job) wanted.set(nodeKey('job', event.job), ['job', event.job.namespace, event.job.name]);
    for (const dataset of event.datasets) wanted.set(nodeKey('dataset', dataset), ['dataset', dataset.namespace, dataset.name]);
  }
  const position = new Map([...wanted.keys()].map((key, at) => [key, at + 1]));
  const at = (kind: NodeKind, key: DatasetKey) => position.get(nodeKey(kind, key))!;
  const nodes = [...wanted.values()];
  const raw = events.map((event) => ({
    id: ids.get(event.hash),
    hash: event.hash,
    kind: event.kind,
    event_type: event.eventType,
    event_time: event.eventTime,
    run_id: event.run?.runId ?? null,
    producer: event.producer,
    payload: event.payload,
    warnings: event.warnings,
  }));

  // Runs: the events of one run in this batch fold into one row first (same rule as the SQL function).
  const runs = new Map<string, { run_id: string; job: number; state: string | null; state_time: string | null; started_at: string | null; agreement_id: string | null; parent_run_id: string | null }>();
  const history: Array<[string, string | null, string, string]> = [];
  for (const event of events) {
    if (!event.run || !event.job) continue;
    const row = runs.get(event.run.runId) ?? { run_id: event.run.runId, job: at('job', event.job), state: null, state_time: null, started_at: null, agreement_id: null, parent_run_id: null };
    const next: StateAt = { state: event.run.state, time: event.eventTime };
    if (stateWins({ state: row.state as StateAt['state'], time: row.state_time }, next)) Object.assign(row, { state: next.state, state_time: next.time });
    if (event.run.state === 'START' && (!row.started_at || event.eventTime < row.started_at)) row.started_at = event.eventTime;
    row.agreement_id = event.run.agreementId ?? row.agreement_id;
    row.parent_run_id = event.run.parentRunId ?? row.parent_run_id;
    runs.set(row.run_id, row);
    history.push([event.run.runId, event.eventType, event.eventTime, ids.get(event.hash)!]);
  }

  // Inputs and outputs per run, and the run-independent edges the graph query walks.
  const io = new Map<string, [string | null, number, number, 'input' | 'output']>();
  const edges = new Map<string, [number, number]>();
  for (const event of events) {
    if (!event.job) continue;
    const job = at('job', event.job);
    const runId = event.run?.runId ?? null;
    for (const input of event.inputs) {
      const dataset = at('dataset', input);
      io.set(`${runId}|${job}|${dataset}|i`, [runId, job, dataset, 'input']);
      edges.set(`${dataset}|${job}`, [dataset, job]);
    }
    for (const output of event.outputs) {
      const dataset = at('dataset', output);
      io.set(`${runId}|${job}|${dataset}|o`, [runId, job, dataset, 'output']);
      edges.set(`${job}|${dataset}`, [job, dataset]);
    }
  }

  // Schema versions (the latest event time per dataset and field list) and column edges.
  const versions = new Map<string, { dataset: number; schema_hash: string; fields: unknown; run_id: string | null; event_time: string }>();
  const columns = new Map<string, Record<string, unknown>>();
  for (const event of events) {
    for (const schema of event.schemas) {
      const dataset = at('dataset', schema.dataset);
      const previous = versions.get(`${dataset}|${schema.hash}`);
      if (!previous || previous.event_time < event.eventTime) {
        versions.set(`${dataset}|${schema.hash}`, { dataset, schema_hash: schema.hash, fields: schema.fields, run_id: event.run?.runId ?? null, event_time: event.eventTime });
      }
    }
    for (const edge of event.columnEdges) {
      const row = {
        source: at('dataset', edge.source), source_field: edge.source.field,
        target: at('dataset', edge.target), target_field: edge.target.field,
        transformation_type: edge.transformationType, transformation_subtype: edge.transformationSubtype,
        description: edge.description, masking: edge.masking, run_id: event.run?.runId ?? null,
      };
      columns.set([row.target, row.target_field, row.source, row.source_field, row.transformation_type, row.transformation_subtype].join('\u0000'), row);
    }
  }

  const column = <T>(rows: T[][], index: number) => rows.map((row) => row[index]);
  const inout = [...io.values()];
  const pairs = [...edges.values()];
  return [
    events.map((event) => event.hash),
    events.map((event) => ids.get(event.hash)),
    [...new Set(nodes.map((row) => row[1]))].sort(byText),
    column(nodes, 0),
    column(nodes, 1),
    column(nodes, 2),
    JSON.stringify(raw),
    sender.userId,
    sender.apiKeyId,
    JSON.stringify([...runs.values()].sort((a, b) => byText(a.run_id, b.run_id))),
    column(history, 0),
    column(history, 1),
    column(history, 2),
    column(history, 3),
    ...[0, 1, 2, 3].map((index) => column(inout, index)),
    column(pairs, 0),
    column(pairs, 1),
    JSON.stringify([...versions.values()]),
    JSON.stringify([...columns.values()]),
  ];
}
