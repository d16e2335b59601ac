import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  LINEAGE_GRAPH_MAX_NODES,
  type LineageCatalogLink,
  type LineageColumnEdge,
  type LineageColumns,
  type LineageColumnsQuery,
  type LineageGraph,
  type LineageGraphQuery,
  type LineageNodeKind,
  type LineageRun,
  type LineageRunState,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { DomainException } from '../../core/errors/domain.exception';
import { LineageAnnotations } from './lineage-annotations.service';
import { LineageErrorCode } from './lineage-ingest.service';
import { LineageGraphRepository, type CatalogRow, type ColumnEdgeRow, type NodeRow } from './lineage-graph.repository';
import { nodeId, parseNodeId } from './node-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
const identity = (namespace: string, name: string) => `${namespace}\u0000${name}`;

/** Graph, column and run reads. Catalog links show only the catalog datasets the caller may read. */
@Injectable()
export class LineageQueryService {
  constructor(
    private readonly graph: LineageGraphRepository,
    private readonly annotations: LineageAnnotations,
  ) {}

  async graphOf(query: LineageGraphQuery, ability: AppAbility): Promise<LineageGraph> {
    const start = await this.locate(query.node ?? null, query.kind ?? 'dataset', query.namespace, query.name, 'node');
    const found = await this.graph.graph(start.id, query.direction, query.depth, LINEAGE_GRAPH_MAX_NODES);
    const links = new Map<number, LineageCatalogLink>();
    for (const [node, id, title, ownerOrganizationId, status, sensitivity] of found.catalog) {
      if (ability.can('read', subject('Dataset', { id, ownerOrganizationId, status, sensitivity }))) links.set(node, { datasetId: id, title, ownerOrganizationId });
    }
    const nodes = found.nodes.map(([kind, namespace, name, depth], at) => ({ id: nodeId(kind, namespace, name), kind, namespace, name, depth, catalog: links.get(at) ?? null }));
    const edges = new Array<{ source: number; target: number }>(found.edges.length / 2);
    for (let at = 0; at < edges.length; at++) edges[at] = { source: found.edges[2 * at], target: found.edges[2 * at + 1] };
    return this.annotations.annotateGraph(nodes, found.nodes.map((row) => row[4]), edges, found.truncated);
  }

  async columnsOf(query: LineageColumnsQuery, ability: AppAbility): Promise<LineageColumns> {
    const dataset = await this.locate(query.dataset ? `dataset:${query.dataset}` : null, 'dataset', query.namespace, query.name, 'dataset');
    const field = query.field ?? null;
    const rows: ColumnEdgeRow[] = [];
    if (query.direction !== 'downstream') rows.push(...(await this.graph.columnEdges(dataset.id, field, 'upstream', query.depth)));
    if (query.direction !== 'upstream') rows.push(...(await this.graph.columnEdges(dataset.id, field, 'downstream', query.depth)));
    const catalog = await this.catalogLinks([dataset], ability);
    return {
      dataset: { namespace: dataset.namespace, name: dataset.name, catalog: catalog.get(identity(dataset.namespace, dataset.name)) ?? null },
      fields: await this.graph.latestFields(dataset.id),
      edges: rows.map(
        (row): LineageColumnEdge => ({
          source: { namespace: row.source_namespace, name: row.source_name, field: row.source_field },
          target: { namespace: row.target_namespace, name: row.target_name, field: row.target_field },
          transformationType: row.transformation_type || null,
          transformationSubtype: row.transformation_subtype || null,
          description: row.description,
          masking: row.masking,
          runId: row.run_id,
          depth: Number(row.depth),
        }),
      ),
    };
  }

  async runOf(runId: string, ability: AppAbility): Promise<LineageRun> {
    const row = UUID.test(runId) ? await this.graph.run(runId.toLowerCase()) : null;
    if (!row) throw new DomainException(404, LineageErrorCode.RunNotFound, `Run ${runId} not found`);
    const datasets = row.datasets as Array<{ namespace: string; name: string; direction: 'input' | 'output' }>;
    const catalog = await this.catalogLinks(datasets, ability);
    const side = (direction: 'input' | 'output') =>
      datasets.filter((entry) => entry.direction === direction).map(({ namespace, name }) => ({ namespace, name, catalog: catalog.get(identity(namespace, name)) ?? null }));
    return {
      runId: row.run_id as string,
      job: { namespace: row.job_namespace as string, name: row.job_name as string },
      state: (row.state as LineageRunState | null) ?? null,
      stateTime: iso(row.state_time),
      startedAt: iso(row.started_at),
      endedAt: iso(row.ended_at),
      agreementId: (row.agreement_id as string | null) ?? null,
      parentRunId: (row.parent_run_id as string | null) ?? null,
      inputs: side('input'),
      outputs: side('output'),
      history: (row.history as Array<{ eventType: string; eventTime: string; eventId: string; receivedAt: string }>).map((entry) => ({
        ...entry,
        eventTime: iso(entry.eventTime)!,
        receivedAt: iso(entry.receivedAt)!,
      })),
    };
  }

  /** The node named by `kind:namespace:name` text or by separate parts; 404 when unknown. */
  private async locate(text: string | null, kind: LineageNodeKind, namespace: string | undefined, name: string | undefined, parameter: string): Promise<NodeRow> {
    let found: NodeRow | null;
    let label: string;
    if (text !== null) {
      const parsed = parseNodeId(text);
      if (!parsed) throw new DomainException(400, 'VALIDATION_FAILED', `Invalid request: query.${parameter}: must be dataset:<namespace>:<name> or job:<namespace>:<name>`, [{ path: `query.${parameter}`, message: 'malformed node id' }]);
      found = await this.graph.resolve(parsed.kind, parsed.rest);
      label = text;
    } else {
      found = await this.graph.find(kind, namespace!, name!);
      label = nodeId(kind, namespace!, name!);
    }
    if (!found) throw new DomainException(404, LineageErrorCode.NodeNotFound, `No lineage node ${label}`, [{ path: `query.${parameter}`, message: 'unknown node' }]);
    return found;
  }

  private async catalogLinks(keys: Array<{ namespace: string; name: string }>, ability: AppAbility): Promise<Map<string, LineageCatalogLink>> {
    const rows: CatalogRow[] = await this.graph.catalogFor(keys);
    const links = new Map<string, LineageCatalogLink>();
    for (const row of rows) {
      const readable = ability.can('read', subject('Dataset', { id: row.id, ownerOrganizationId: row.owner_organization_id, status: row.status, sensitivity: row.sensitivity }));
      if (readable) links.set(identity(row.lineage_namespace, row.lineage_name), { datasetId: row.id, title: row.title, ownerOrganizationId: row.owner_organization_id });
    }
    return links;
  }
}
