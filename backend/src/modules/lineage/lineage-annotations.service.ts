import { Injectable } from '@nestjs/common';
import type { LineageColumns, LineageGraph, LineageNode, LineagePersonalData } from '@convenio/contracts';
import { LineagePersonalDataRepository } from './lineage-personal-data.repository';
import { nodeId } from './node-id';

/**
 * What the explorer draws on top of the graph: personal data on datasets and on the edges it
 * flows along (PII propagation: catalog `direct`/`quasi` columns and every column derived from
 * one without masking), and the agreements a job's runs ran under.
 */
@Injectable()
export class LineageAnnotations {
  constructor(private readonly personal: LineagePersonalDataRepository) {}

  /**
   * The graph answer with its annotations: `dbIds[i]` is the database id of `nodes[i]`, and
   * `edges` name nodes by position. One statement reads every annotation.
   */
  async annotateGraph(nodes: LineageNode[], dbIds: readonly string[], edges: ReadonlyArray<{ source: number; target: number }>, truncated: boolean): Promise<LineageGraph> {
    const datasetIds = dbIds.filter((_, at) => nodes[at].kind === 'dataset');
    const jobIds = dbIds.filter((_, at) => nodes[at].kind === 'job');
    const found = await this.personal.graphAnnotations(datasetIds, jobIds);
    const counts = new Map(found.fields.map(([node, direct, quasi]) => [node, { direct, quasi }]));
    const carrying = new Set(found.flows.flatMap(([job, source, target]) => [`${job}<${source}`, `${job}>${target}`]));
    const agreementsOf = new Map(found.agreements);
    return {
      nodes: nodes.map((node, at) => ({ ...node, personalData: node.kind === 'dataset' ? (counts.get(dbIds[at]) ?? null) : null })),
      edges: edges.map(({ source, target }) => {
        const intoJob = nodes[target].kind === 'job';
        const job = dbIds[intoJob ? target : source];
        const dataset = dbIds[intoJob ? source : target];
        return { source: nodes[source].id, target: nodes[target].id, agreementIds: agreementsOf.get(job) ?? [], personalData: carrying.has(intoJob ? `${job}<${dataset}` : `${job}>${dataset}`) };
      }),
      truncated,
    };
  }

  async annotateColumns(columns: LineageColumns): Promise<LineageColumns> {
    const sources = columns.edges.map((edge) => ({ kind: 'dataset', namespace: edge.source.namespace, name: edge.source.name }));
    const ids = await this.personal.nodeIdsOf(sources);
    const fields = await this.personal.fieldsOf([...new Set(ids.values())]);
    const kinds = new Map(fields.map((row) => [`${row.node_id}\u0000${row.field}`, row.kind]));
    return {
      ...columns,
      edges: columns.edges.map((edge) => {
        const id = ids.get(nodeId('dataset', edge.source.namespace, edge.source.name));
        return { ...edge, personalData: edge.masking || !id ? null : (kinds.get(`${id}\u0000${edge.source.field}`) ?? null) };
      }),
    };
  }

  /** The personal fields of one dataset, declared or derived, with their origins. */
  async personalDataOf(namespace: string, name: string): Promise<LineagePersonalData> {
    const ids = await this.personal.nodeIdsOf([{ kind: 'dataset', namespace, name }]);
    const id = ids.get(nodeId('dataset', namespace, name));
    const rows = id ? await this.personal.fieldsOf([id]) : [];
    return { dataset: { namespace, name }, fields: rows.map((row) => ({ field: row.field, kind: row.kind, declared: row.declared, origins: row.origins })) };
  }
}
