import { Injectable } from '@nestjs/common';
import type { LineageColumns, LineageGraph, LineagePersonalData } from '@convenio/contracts';
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

  async annotateGraph(graph: LineageGraph): Promise<LineageGraph> {
    const ids = await this.personal.nodeIdsOf(graph.nodes);
    const datasetIds = graph.nodes.filter((node) => node.kind === 'dataset').map((node) => ids.get(node.id)).filter((id): id is string => id !== undefined);
    const jobIds = graph.nodes.filter((node) => node.kind === 'job').map((node) => ids.get(node.id)).filter((id): id is string => id !== undefined);
    const [fields, flows, agreements] = await Promise.all([this.personal.fieldsOf(datasetIds), this.personal.flows([...datasetIds, ...jobIds]), this.personal.agreementsOfJobs(jobIds)]);
    const counts = new Map<string, { direct: number; quasi: number }>();
    for (const row of fields) {
      const count = counts.get(row.node_id) ?? { direct: 0, quasi: 0 };
      count[row.kind] += 1;
      counts.set(row.node_id, count);
    }
    const carrying = new Set(flows.flatMap((flow) => [`${flow.job_id}<${flow.source_id}`, `${flow.job_id}>${flow.target_id}`]));
    const agreementsOf = new Map(agreements.map((row) => [row.job_id, row.agreement_ids]));
    const kindOf = new Map(graph.nodes.map((node) => [node.id, node.kind]));
    return {
      ...graph,
      nodes: graph.nodes.map((node) => ({ ...node, personalData: node.kind === 'dataset' ? (counts.get(ids.get(node.id) ?? '') ?? null) : null })),
      edges: graph.edges.map((edge) => {
        const intoJob = kindOf.get(edge.target) === 'job';
        const job = ids.get(intoJob ? edge.target : edge.source) ?? '';
        const dataset = ids.get(intoJob ? edge.source : edge.target) ?? '';
        return { ...edge, agreementIds: agreementsOf.get(job) ?? [], personalData: carrying.has(intoJob ? `${job}<${dataset}` : `${job}>${dataset}`) };
      }),
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
