import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LineageNodeKind } from '@convenio/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { nodeId } from './node-id';

/** Hops a derived field may be from its catalog column (cycles stop here too). */
const MAX_HOPS = 20;

/**
 * Personal data in the lineage graph: the catalog columns marked `direct` or `quasi` (in
 * datasets that declare their lineage identity), and, transitively, every column derived from
 * one through a column edge not flagged `masking`. One recursive walk from the declared columns.
 */
const REACH = `
  WITH RECURSIVE declared AS (
    SELECT n.id AS node_id, c->>'name' AS field, c->>'identifierKind' AS kind
      FROM datasets d
      JOIN lineage_nodes n ON n.kind = 'dataset' AND n.namespace = d.lineage_namespace AND n.name = d.lineage_name
      CROSS JOIN LATERAL jsonb_array_elements(d.columns) c
     WHERE d.lineage_namespace IS NOT NULL AND c->>'identifierKind' IN ('direct', 'quasi')
  ), reach (node_id, field, kind, origin_node, origin_field, hops) AS (
    SELECT node_id, field, kind, node_id, field, 0 FROM declared
    UNION
    SELECT e.target_dataset_id, e.target_field, r.kind, r.origin_node, r.origin_field, r.hops + 1
      FROM reach r
      JOIN lineage_column_edges e ON e.source_dataset_id = r.node_id AND e.source_field = r.field AND NOT e.masking
     WHERE r.hops < ${MAX_HOPS}
  )`;

export interface PersonalFieldRow {
  node_id: string;
  field: string;
  kind: 'direct' | 'quasi';
  declared: boolean;
  origins: Array<{ namespace: string; name: string; field: string; kind: 'direct' | 'quasi' }>;
}

/** See `graphAnnotations`. */
export interface GraphAnnotationRows {
  fields: Array<[nodeId: string, direct: number, quasi: number]>;
  flows: Array<[jobId: string, sourceId: string, targetId: string]>;
  agreements: Array<[jobId: string, agreementIds: string[]]>;
}

@Injectable()
export class LineagePersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The personal fields of these dataset nodes: the strongest kind (direct over quasi) and where each comes from. */
  async fieldsOf(nodeIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<PersonalFieldRow[]> {
    if (nodeIds.length === 0) return [];
    return manager.query(
      `${REACH}
       SELECT r.node_id::text AS node_id, r.field,
              CASE WHEN bool_or(r.kind = 'direct') THEN 'direct' ELSE 'quasi' END AS kind,
              bool_or(r.hops = 0) AS declared,
              json_agg(DISTINCT jsonb_build_object('namespace', o.namespace, 'name', o.name, 'field', r.origin_field, 'kind', r.kind)) AS origins
         FROM reach r JOIN lineage_nodes o ON o.id = r.origin_node
        WHERE r.node_id = ANY($1::bigint[])
        GROUP BY r.node_id, r.field
        ORDER BY r.node_id, r.field`,
      [nodeIds],
    );
  }

  /**
   * What the graph explorer draws, in one statement (one walk of REACH): per dataset node, how
   * many fields carry direct and quasi identifiers (strongest kind per field); the (job, source
   * dataset, target dataset) triples along which personal data moves — a column edge of one of
   * the job's runs, not masking, whose source field carries personal data; and the agreements
   * each job's runs ran under. Node ids as text.
   */
  async graphAnnotations(datasetIds: readonly string[], jobIds: readonly string[]): Promise<GraphAnnotationRows> {
    if (datasetIds.length === 0 && jobIds.length === 0) return { fields: [], flows: [], agreements: [] };
    const [row] = await this.dataSource.query(
      `${REACH}, personal AS MATERIALIZED (SELECT node_id, field, bool_or(kind = 'direct') AS direct FROM reach GROUP BY node_id, field)
       SELECT
         (SELECT coalesce(json_agg(json_build_array(node_id::text, direct, quasi)), '[]') FROM (
            SELECT node_id, count(*) FILTER (WHERE direct)::int AS direct, count(*) FILTER (WHERE NOT direct)::int AS quasi
              FROM personal WHERE node_id = ANY($1::bigint[]) GROUP BY node_id) counted) AS fields,
         (SELECT coalesce(json_agg(json_build_array(job_id::text, source_id::text, target_id::text)), '[]') FROM (
            SELECT DISTINCT run.job_id, e.source_dataset_id AS source_id, e.target_dataset_id AS target_id
              FROM personal p
              JOIN lineage_column_edges e ON e.source_dataset_id = p.node_id AND e.source_field = p.field AND NOT e.masking
              JOIN lineage_runs run ON run.run_id = e.run_id
             WHERE run.job_id = ANY($2::bigint[])) flowing) AS flows,
         (SELECT coalesce(json_agg(json_build_array(job_id::text, agreement_ids)), '[]') FROM (
            SELECT job_id, array_agg(DISTINCT agreement_id::text) AS agreement_ids FROM lineage_runs
             WHERE job_id = ANY($2::bigint[]) AND agreement_id IS NOT NULL GROUP BY job_id) governed) AS agreements`,
      [datasetIds, jobIds],
    );
    return row as GraphAnnotationRows;
  }

  async nodeIdsOf(keys: ReadonlyArray<{ kind: string; namespace: string; name: string }>): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ id: string; kind: string; namespace: string; name: string }> = await this.dataSource.query(
      `SELECT n.id::text AS id, n.kind, n.namespace, n.name FROM lineage_nodes n JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, namespace, name) ON n.kind = k.kind AND n.namespace = k.namespace AND n.name = k.name`,
      [keys.map((key) => key.kind), keys.map((key) => key.namespace), keys.map((key) => key.name)],
    );
    return new Map(rows.map((row) => [nodeId(row.kind as LineageNodeKind, row.namespace, row.name), row.id]));
  }
}
