import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

/**
 * The write side of lineage, in bulk SQL: one statement per table for a whole batch, rows
 * sorted by key so concurrent batches take row locks in the same order.
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
    const inserted: Array<{ event_hash: string }> = await manager.query(
      `INSERT INTO lineage_event_keys (event_hash, event_id, received_at)
       SELECT h, i, now() FROM unnest($1::text[], $2::uuid[]) AS k(h, i) ORDER BY h
       ON CONFLICT (event_hash) DO NOTHING RETURNING event_hash`,
      [[...proposed.keys()], [...proposed.values()] as string[]],
    );
    const fresh = new Set(inserted.map((row) => row.event_hash));
    const ids = new Map([...proposed].filter(([hash]) => fresh.has(hash)));
    const seen = [...proposed.keys()].filter((hash) => !fresh.has(hash));
    if (seen.length > 0) {
      const rows: Array<{ event_hash: string; event_id: string }> = await manager.query(`SELECT event_hash, event_id FROM lineage_event_keys WHERE event_hash = ANY($1::text[])`, [seen]);
      for (const row of rows) ids.set(row.event_hash, row.event_id);
    }
    const stored = events.filter((event) => fresh.has(event.hash));
    if (stored.length > 0) {
      await this.insertEvents(manager, stored, ids, sender);
      await this.foldIntoGraph(manager, stored, ids);
    }
    return { ids, fresh };
  }

  private async insertEvents(manager: EntityManager, events: NormalisedEvent[], ids: Map<string, string>, sender: Sender): Promise<void> {
    const rows = events.map((event) => ({
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
    await manager.query(
      `INSERT INTO lineage_events (id, event_hash, kind, event_type, event_time, run_id, producer, payload, warnings, received_by_id, api_key_id)
       SELECT r.id, r.hash, r.kind, r.event_type, r.event_time, r.run_id, r.producer, r.payload, r.warnings, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, hash text, kind text, event_type text, event_time timestamptz, run_id uuid, producer text, payload jsonb, warnings jsonb)`,
      [JSON.stringify(rows), sender.userId, sender.apiKeyId],
    );
  }

  private async foldIntoGraph(manager: EntityManager, events: NormalisedEvent[], ids: Map<string, string>): Promise<void> {
    const nodes = await this.upsertNodes(manager, events);
    const id = (kind: NodeKind, key: DatasetKey) => nodes.get(nodeKey(kind, key))!;

    // Runs: the events of one run in this batch fold into one row first (same rule as the SQL function).
    const runs = new Map<string, { run_id: string; job_id: string; state: string | null; state_time: string | null; started_at: string | null; agreement_id: string | null; parent_run_id: string | null }>();
    const history: Array<{ run_id: string; event_type: string | null; event_time: string; event_id: string }> = [];
    for (const event of events) {
      if (!event.run || !event.job) continue;
      const row = runs.get(event.run.runId) ?? { run_id: event.run.runId, job_id: id('job', event.job), state: null, state_time: null, started_at: null, agreement_id: null, parent_run_id: null };
      const next: StateAt = { state: event.run.state, time: event.eventTime };
      if (stateWins({ state: row.state as StateAt['state'], time: row.state_time }, next)) Object.assign(row, { state: next.state, state_time: next.time });
      if (event.run.state === 'START' && (!row.started_at || event.eventTime < row.started_at)) row.started_at = event.eventTime;
      row.agreement_id = event.run.agreementId ?? row.agreement_id;
      row.parent_run_id = event.run.parentRunId ?? row.parent_run_id;
      runs.set(row.run_id, row);
      history.push({ run_id: event.run.runId, event_type: event.eventType, event_time: event.eventTime, event_id: ids.get(event.hash)! });
    }
    if (runs.size > 0) {
      await manager.query(
        `INSERT INTO lineage_runs AS r (run_id, job_id, state, state_time, started_at, ended_at, agreement_id, parent_run_id)
         SELECT x.run_id, x.job_id, x.state, x.state_time, x.started_at,
                CASE WHEN "lineage_state_rank"(x.state) = 3 THEN x.state_time END, x.agreement_id, x.parent_run_id
         FROM jsonb_to_recordset($1::jsonb) AS x(run_id uuid, job_id bigint, state text, state_time timestamptz, started_at timestamptz, agreement_id uuid, parent_run_id uuid)
         ORDER BY x.run_id
         ON CONFLICT (run_id) DO UPDATE SET
           state = CASE WHEN "lineage_state_wins"(r.state, r.state_time, EXCLUDED.state, EXCLUDED.state_time) THEN EXCLUDED.state ELSE r.state END,
           state_time = CASE WHEN "lineage_state_wins"(r.state, r.state_time, EXCLUDED.state, EXCLUDED.state_time) THEN EXCLUDED.state_time ELSE r.state_time END,
           ended_at = CASE WHEN "lineage_state_wins"(r.state, r.state_time, EXCLUDED.state, EXCLUDED.state_time) THEN EXCLUDED.ended_at ELSE r.ended_at END,
           started_at = LEAST(r.started_at, EXCLUDED.started_at),
           agreement_id = COALESCE(EXCLUDED.agreement_id, r.agreement_id),
           parent_run_id = COALESCE(EXCLUDED.parent_run_id, r.parent_run_id),
           updated_at = now()`,
        [JSON.stringify([...runs.values()].sort((a, b) => byText(a.run_id, b.run_id)))],
      );
      await manager.query(
        `INSERT INTO lineage_run_states (run_id, event_type, event_time, event_id)
         SELECT x.run_id, x.event_type, x.event_time, x.event_id FROM jsonb_to_recordset($1::jsonb) AS x(run_id uuid, event_type text, event_time timestamptz, event_id uuid)`,
        [JSON.stringify(history)],
      );
    }

    // Inputs and outputs per run, and the run-independent edges the graph query walks.
    const io = new Map<string, [string | null, string, string, 'input' | 'output']>();
    const edges = new Map<string, [string, string]>();
    for (const event of events) {
      if (!event.job) continue;
      const job = id('job', event.job);
      const runId = event.run?.runId ?? null;
      for (const input of event.inputs) {
        const dataset = id('dataset', input);
        io.set(`${runId}|${job}|${dataset}|i`, [runId, job, dataset, 'input']);
        edges.set(`${dataset}|${job}`, [dataset, job]);
      }
      for (const output of event.outputs) {
        const dataset = id('dataset', output);
        io.set(`${runId}|${job}|${dataset}|o`, [runId, job, dataset, 'output']);
        edges.set(`${job}|${dataset}`, [job, dataset]);
      }
    }
    if (io.size > 0) {
      const rows = [...io.values()];
      await manager.query(
        `INSERT INTO lineage_run_datasets (run_id, job_id, dataset_id, direction)
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[]) ON CONFLICT DO NOTHING`,
        [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2]), rows.map((row) => row[3])],
      );
      const pairs = [...edges.values()].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
      await manager.query(
        `INSERT INTO lineage_edges (source_id, target_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING`,
        [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
      );
    }
    await this.upsertSchemasAndColumns(manager, events, id);
  }

  /** Namespaces, then dataset and job nodes; answers the id of every node the events name. */
  private async upsertNodes(manager: EntityManager, events: NormalisedEvent[]): Promise<Map<string, string>> {
    const wanted = new Map<string, [NodeKind, string, string]>();
    for (const event of events) {
      if (event.job) wanted.set(nodeKey('job', event.job), ['job', event.job.namespace, event.job.name]);
      for (const dataset of event.datasets) wanted.set(nodeKey('dataset', dataset), ['dataset', dataset.namespace, dataset.name]);
    }
    const rows = [...wanted.values()];
    const namespaces = [...new Set(rows.map((row) => row[1]))].sort(byText);
    await manager.query(
      `INSERT INTO lineage_namespaces (name) SELECT n FROM unnest($1::text[]) AS n
       WHERE NOT EXISTS (SELECT 1 FROM lineage_namespaces s WHERE s.name = n) ORDER BY n ON CONFLICT DO NOTHING`,
      [namespaces],
    );
    const params = [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])];
    const found: Array<{ id: string; kind: NodeKind; namespace: string; name: string }> = await manager.query(
      `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS w(kind, namespace, name)),
       added AS (
         INSERT INTO lineage_nodes (kind, namespace, name)
         SELECT w.kind, w.namespace, w.name FROM wanted w
         WHERE NOT EXISTS (SELECT 1 FROM lineage_nodes n WHERE n.kind = w.kind AND n.namespace = w.namespace AND n.name = w.name)
         ORDER BY w.kind, w.namespace, w.name
         ON CONFLICT DO NOTHING RETURNING id, kind, namespace, name)
       SELECT id, kind, namespace, name FROM added
       UNION ALL SELECT n.id, n.kind, n.namespace, n.name FROM lineage_nodes n JOIN wanted w USING (kind, namespace, name)`,
      params,
    );
    const ids = new Map(found.map((row) => [nodeKey(row.kind, row), String(row.id)]));
    // A node another transaction inserted between our check and our insert: read it now that it is committed.
    const missing = rows.filter((row) => !ids.has(nodeKey(row[0], { namespace: row[1], name: row[2] })));
    if (missing.length > 0) {
      const late: Array<{ id: string; kind: NodeKind; namespace: string; name: string }> = await manager.query(
        `SELECT n.id, n.kind, n.namespace, n.name FROM lineage_nodes n JOIN unnest($1::text[], $2::text[], $3::text[]) AS w(kind, namespace, name) USING (kind, namespace, name)`,
        [missing.map((row) => row[0]), missing.map((row) => row[1]), missing.map((row) => row[2])],
      );
      for (const row of late) ids.set(nodeKey(row.kind, row), String(row.id));
    }
    return ids;
  }

  private async upsertSchemasAndColumns(manager: EntityManager, events: NormalisedEvent[], id: (kind: NodeKind, key: DatasetKey) => string): Promise<void> {
    const versions = new Map<string, { dataset_id: string; schema_hash: string; fields: unknown; run_id: string | null; event_time: string }>();
    const columns = new Map<string, Record<string, unknown>>();
    for (const event of events) {
      for (const schema of event.schemas) {
        const datasetId = id('dataset', schema.dataset);
        const previous = versions.get(`${datasetId}|${schema.hash}`);
        if (!previous || previous.event_time < event.eventTime) {
          versions.set(`${datasetId}|${schema.hash}`, { dataset_id: datasetId, schema_hash: schema.hash, fields: schema.fields, run_id: event.run?.runId ?? null, event_time: event.eventTime });
        }
      }
      for (const edge of event.columnEdges) {
        const row = {
          source_dataset_id: id('dataset', edge.source), source_field: edge.source.field,
          target_dataset_id: id('dataset', edge.target), target_field: edge.target.field,
          transformation_type: edge.transformationType, transformation_subtype: edge.transformationSubtype,
          description: edge.description, masking: edge.masking, run_id: event.run?.runId ?? null,
        };
        columns.set([row.target_dataset_id, row.target_field, row.source_dataset_id, row.source_field, row.transformation_type, row.transformation_subtype].join('\u0000'), row);
      }
    }
    if (versions.size > 0) {
      await manager.query(
        `INSERT INTO lineage_dataset_versions AS v (dataset_id, schema_hash, fields, run_id, event_time)
         SELECT x.dataset_id, x.schema_hash, x.fields, x.run_id, x.event_time
         FROM jsonb_to_recordset($1::jsonb) AS x(dataset_id bigint, schema_hash text, fields jsonb, run_id uuid, event_time timestamptz)
         ORDER BY x.dataset_id, x.schema_hash
         ON CONFLICT (dataset_id, schema_hash) DO UPDATE SET event_time = GREATEST(v.event_time, EXCLUDED.event_time),
           run_id = CASE WHEN EXCLUDED.event_time > v.event_time THEN EXCLUDED.run_id ELSE v.run_id END`,
        [JSON.stringify([...versions.values()])],
      );
    }
    if (columns.size > 0) {
      await manager.query(
        `INSERT INTO lineage_column_edges (source_dataset_id, source_field, target_dataset_id, target_field, transformation_type, transformation_subtype, description, masking, run_id)
         SELECT x.source_dataset_id, x.source_field, x.target_dataset_id, x.target_field, x.transformation_type, x.transformation_subtype, x.description, x.masking, x.run_id
         FROM jsonb_to_recordset($1::jsonb) AS x(source_dataset_id bigint, source_field text, target_dataset_id bigint, target_field text,
           transformation_type text, transformation_subtype text, description text, masking boolean, run_id uuid)
         ORDER BY 3, 4, 1, 2, 5, 6
         ON CONFLICT (target_dataset_id, target_field, source_dataset_id, source_field, transformation_type, transformation_subtype)
         DO UPDATE SET masking = EXCLUDED.masking, description = EXCLUDED.description, run_id = EXCLUDED.run_id, updated_at = now()`,
        [JSON.stringify([...columns.values()])],
      );
    }
  }
}
