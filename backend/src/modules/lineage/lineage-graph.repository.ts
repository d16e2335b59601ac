import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LineageDirection, LineageNodeKind } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { graphAnswerSql } from './lineage-graph.sql';
import { splitCandidates } from './node-id';

export interface NodeRow {
  id: string;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
}

/** The graph answer as the database gives it (see `graphAnswerSql`): nodes and edges by position. */
export interface GraphRows {
  truncated: boolean;
  nodes: Array<[kind: LineageNodeKind, namespace: string, name: string, depth: number, id: string]>;
  /** Source and target positions in `nodes`, pair after pair. */
  edges: number[];
  catalog: Array<[node: number, id: string, title: string, ownerOrganizationId: string, status: string, sensitivity: string]>;
}

export interface CatalogRow {
  id: string;
  title: string;
  owner_organization_id: string;
  status: string;
  sensitivity: string;
  lineage_namespace: string;
  lineage_name: string;
}

export interface ColumnEdgeRow {
  source_namespace: string;
  source_name: string;
  source_field: string;
  target_namespace: string;
  target_name: string;
  target_field: string;
  transformation_type: string;
  transformation_subtype: string;
  description: string | null;
  masking: boolean;
  run_id: string | null;
  depth: number;
}

/** Reads of the lineage graph, runs and column edges. */
@Injectable()
export class LineageGraphRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /** The node a `namespace:name` text names: the split with the longest namespace that exists. */
  async resolve(kind: LineageNodeKind, rest: string): Promise<NodeRow | null> {
    const candidates = splitCandidates(rest);
    if (candidates.length === 0) return null;
    const [row] = await this.query<NodeRow>(
      `SELECT n.id, n.kind, n.namespace, n.name FROM lineage_nodes n
       JOIN unnest($2::text[], $3::text[]) AS c(namespace, name) ON n.namespace = c.namespace AND n.name = c.name
       WHERE n.kind = $1 ORDER BY length(n.namespace) DESC LIMIT 1`,
      [kind, candidates.map((candidate) => candidate.namespace), candidates.map((candidate) => candidate.name)],
    );
    return row ?? null;
  }

  async find(kind: LineageNodeKind, namespace: string, name: string): Promise<NodeRow | null> {
    const [row] = await this.query<NodeRow>(`SELECT id, kind, namespace, name FROM lineage_nodes WHERE kind = $1 AND namespace = $2 AND name = $3`, [kind, namespace, name]);
    return row ?? null;
  }

  /** The first `cap` nodes reached from `start` (nearest first), the edges among them and their catalog datasets, in one statement. */
  async graph(start: string, direction: LineageDirection, depth: number, cap: number): Promise<GraphRows> {
    const [row] = await this.query<{ truncated: boolean; nodes: GraphRows['nodes']; edges: string; catalog: GraphRows['catalog'] }>(graphAnswerSql(direction), [start, depth, cap]);
    return { truncated: row.truncated, nodes: row.nodes, edges: JSON.parse(row.edges) as number[], catalog: row.catalog };
  }

  /** Catalog datasets declaring these lineage identities. */
  catalogFor(keys: Array<{ namespace: string; name: string }>): Promise<CatalogRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.query<CatalogRow>(
      `SELECT d.id, d.title, d.owner_organization_id, d.status, d.sensitivity, d.lineage_namespace, d.lineage_name
       FROM datasets d JOIN unnest($1::text[], $2::text[]) AS k(namespace, name) ON d.lineage_namespace = k.namespace AND d.lineage_name = k.name`,
      [keys.map((key) => key.namespace), keys.map((key) => key.name)],
    );
  }

  /** The fields of a dataset's latest schema version. */
  async latestFields(datasetId: string): Promise<Array<{ name: string; type?: string; description?: string }>> {
    const [row] = await this.query<{ fields: Array<{ name: string }> }>(`SELECT fields FROM lineage_dataset_versions WHERE dataset_id = $1 ORDER BY event_time DESC, id DESC LIMIT 1`, [datasetId]);
    return row?.fields ?? [];
  }

  /** Column edges reached from a dataset (optionally one field), up to `depth` hops, cycle-safe by UNION. */
  columnEdges(datasetId: string, field: string | null, direction: 'upstream' | 'downstream', depth: number): Promise<ColumnEdgeRow[]> {
    const [near, far] = direction === 'upstream' ? ['target', 'source'] : ['source', 'target'];
    return this.query<ColumnEdgeRow>(
      `WITH RECURSIVE hop(edge_id, dataset_id, field, depth) AS (
         SELECT c.id, c.${far}_dataset_id, c.${far}_field, 1 FROM lineage_column_edges c
         WHERE c.${near}_dataset_id = $1 AND ($2::text IS NULL OR c.${near}_field = $2)
         UNION
         SELECT c.id, c.${far}_dataset_id, c.${far}_field, h.depth + 1 FROM hop h
         JOIN lineage_column_edges c ON c.${near}_dataset_id = h.dataset_id AND c.${near}_field = h.field
         WHERE h.depth < $3
       )
       SELECT sn.namespace AS source_namespace, sn.name AS source_name, c.source_field, tn.namespace AS target_namespace, tn.name AS target_name,
              c.target_field, c.transformation_type, c.transformation_subtype, c.description, c.masking, c.run_id, h.depth
       FROM (SELECT edge_id, min(depth) AS depth FROM hop GROUP BY edge_id) h
       JOIN lineage_column_edges c ON c.id = h.edge_id
       JOIN lineage_nodes sn ON sn.id = c.source_dataset_id JOIN lineage_nodes tn ON tn.id = c.target_dataset_id
       ORDER BY h.depth, tn.name, c.target_field, sn.name, c.source_field, c.transformation_type`,
      [datasetId, field, depth],
    );
  }

  async run(runId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.query<Record<string, unknown>>(
      `SELECT r.run_id, r.state, r.state_time, r.started_at, r.ended_at, r.agreement_id, r.parent_run_id, j.namespace AS job_namespace, j.name AS job_name,
         COALESCE((SELECT json_agg(json_build_object('namespace', d.namespace, 'name', d.name, 'direction', io.direction) ORDER BY d.namespace, d.name)
                   FROM lineage_run_datasets io JOIN lineage_nodes d ON d.id = io.dataset_id WHERE io.run_id = r.run_id), '[]') AS datasets,
         COALESCE((SELECT json_agg(json_build_object('eventType', s.event_type, 'eventTime', s.event_time, 'eventId', s.event_id, 'receivedAt', s.received_at)
                   ORDER BY s.event_time, s.received_at) FROM lineage_run_states s WHERE s.run_id = r.run_id), '[]') AS history
       FROM lineage_runs r JOIN lineage_nodes j ON j.id = r.job_id WHERE r.run_id = $1`,
      [runId],
    );
    return row ?? null;
  }
}
