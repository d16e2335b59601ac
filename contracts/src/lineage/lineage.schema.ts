import { z } from 'zod';

/** Run states as OpenLineage names them (OTHER events carry metadata and change no state). */
export const LINEAGE_RUN_STATES = ['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT'] as const;
export type LineageRunState = (typeof LINEAGE_RUN_STATES)[number];
/** States a run never leaves once reached (a later terminal event may still replace another). */
export const LINEAGE_TERMINAL_STATES: readonly LineageRunState[] = ['COMPLETE', 'FAIL', 'ABORT'];

export const LINEAGE_DIRECTIONS = ['upstream', 'downstream', 'both'] as const;
export type LineageDirection = (typeof LINEAGE_DIRECTIONS)[number];
export const LINEAGE_NODE_KINDS = ['dataset', 'job'] as const;
export type LineageNodeKind = (typeof LINEAGE_NODE_KINDS)[number];

/** At most this many events per `POST /lineage/batch`. */
export const LINEAGE_BATCH_MAX = 1000;
/** At most this many nodes per graph answer (`truncated` says when it was cut). */
export const LINEAGE_GRAPH_MAX_NODES = 5000;
export const LINEAGE_MAX_DEPTH = 10;

/** The run facet that ties a run to the sharing agreement it ran under. */
export const CONVENIO_AGREEMENT_FACET = 'convenio_agreement';

/** One problem of an event: RFC 6901 pointer into the event, and what is wrong there. */
export const lineageEventProblemSchema = z.object({ pointer: z.string(), message: z.string() });
export type LineageEventProblem = z.infer<typeof lineageEventProblemSchema>;

export const lineageIngestResultSchema = z.object({
  status: z.enum(['accepted', 'duplicate']),
  eventId: z.uuid(),
  /** What the lenient policy normalised (missing schemaURL, time without zone, old facet shapes, facet formats). */
  warnings: z.array(lineageEventProblemSchema),
});
export type LineageIngestResult = z.infer<typeof lineageIngestResultSchema>;

export const lineageBatchItemSchema = z.object({
  index: z.number().int(),
  status: z.enum(['accepted', 'duplicate', 'invalid']),
  eventId: z.uuid().optional(),
  errors: z.array(lineageEventProblemSchema).optional(),
  warnings: z.array(lineageEventProblemSchema).optional(),
});
export type LineageBatchItem = z.infer<typeof lineageBatchItemSchema>;

export const lineageBatchResultSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  results: z.array(lineageBatchItemSchema),
});
export type LineageBatchResult = z.infer<typeof lineageBatchResultSchema>;

const depth = (fallback: number) => z.coerce.number().int().min(1).max(LINEAGE_MAX_DEPTH).default(fallback);

/**
 * `node` is `dataset:<namespace>:<name>` or `job:<namespace>:<name>`; namespaces and names may
 * both contain colons, so the namespace is the longest known namespace the rest starts with.
 * Alternatively `kind` + `namespace` + `name` name the node without parsing.
 */
export const lineageGraphQuerySchema = z
  .strictObject({
    node: z.string().min(1).max(2000).optional(),
    kind: z.enum(LINEAGE_NODE_KINDS).optional(),
    namespace: z.string().min(1).max(1000).optional(),
    name: z.string().min(1).max(1000).optional(),
    direction: z.enum(LINEAGE_DIRECTIONS).default('both'),
    depth: depth(3),
  })
  .superRefine((query, context) => {
    const named = query.namespace !== undefined || query.name !== undefined;
    if (!query.node && !named) context.addIssue({ code: 'custom', path: ['node'], message: 'node (or kind, namespace and name) is required' });
    if (query.node && named) context.addIssue({ code: 'custom', path: ['node'], message: 'give either node or namespace and name, not both' });
    if (query.node && !/^(dataset|job):.+:.+$/s.test(query.node)) context.addIssue({ code: 'custom', path: ['node'], message: 'must be dataset:<namespace>:<name> or job:<namespace>:<name>' });
    if (named && (!query.kind || !query.namespace || !query.name)) context.addIssue({ code: 'custom', path: [query.kind ? (query.namespace ? 'name' : 'namespace') : 'kind'], message: 'kind, namespace and name go together' });
  });
export type LineageGraphQuery = z.infer<typeof lineageGraphQuerySchema>;

/** `dataset` is `<namespace>:<name>` (longest known namespace), or give `namespace` + `name`. */
export const lineageColumnsQuerySchema = z
  .strictObject({
    dataset: z.string().min(1).max(2000).optional(),
    namespace: z.string().min(1).max(1000).optional(),
    name: z.string().min(1).max(1000).optional(),
    field: z.string().min(1).max(1000).optional(),
    direction: z.enum(LINEAGE_DIRECTIONS).default('both'),
    depth: depth(1),
  })
  .superRefine((query, context) => {
    const named = query.namespace !== undefined || query.name !== undefined;
    if (!query.dataset && !named) context.addIssue({ code: 'custom', path: ['dataset'], message: 'dataset (or namespace and name) is required' });
    if (query.dataset && named) context.addIssue({ code: 'custom', path: ['dataset'], message: 'give either dataset or namespace and name, not both' });
    if (named && (!query.namespace || !query.name)) context.addIssue({ code: 'custom', path: [query.namespace ? 'name' : 'namespace'], message: 'namespace and name go together' });
  });
export type LineageColumnsQuery = z.infer<typeof lineageColumnsQuerySchema>;

/** `GET /lineage/personal-data`: the dataset as in the columns query. */
export const lineagePersonalDataQuerySchema = z
  .strictObject({
    dataset: z.string().min(1).max(2000).optional(),
    namespace: z.string().min(1).max(1000).optional(),
    name: z.string().min(1).max(1000).optional(),
  })
  .superRefine((query, context) => {
    const named = query.namespace !== undefined || query.name !== undefined;
    if (!query.dataset && !named) context.addIssue({ code: 'custom', path: ['dataset'], message: 'dataset (or namespace and name) is required' });
    if (query.dataset && named) context.addIssue({ code: 'custom', path: ['dataset'], message: 'give either dataset or namespace and name, not both' });
    if (named && (!query.namespace || !query.name)) context.addIssue({ code: 'custom', path: [query.namespace ? 'name' : 'namespace'], message: 'namespace and name go together' });
  });
export type LineagePersonalDataQuery = z.infer<typeof lineagePersonalDataQuerySchema>;

/** The catalog dataset declaring this lineage identity, when the caller may read it. */
export interface LineageCatalogLink {
  datasetId: string;
  title: string;
  ownerOrganizationId: string;
}

export interface LineageNode {
  /** `dataset:<namespace>:<name>` or `job:<namespace>:<name>`. */
  id: string;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
  /** Hops from the asked node (0 for itself). */
  depth: number;
  catalog: LineageCatalogLink | null;
  /** Datasets: how many of its fields carry personal data (marked in the catalog or derived without masking). */
  personalData?: { direct: number; quasi: number } | null;
}

export interface LineageEdge {
  source: string;
  target: string;
  /** Agreements the job's runs ran under (convenio_agreement facet), for job↔dataset edges. */
  agreementIds?: string[];
  /** Personal data flows along this edge (the dataset side carries PII fields reached without masking). */
  personalData?: boolean;
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
  truncated: boolean;
}

export interface LineageColumnEdge {
  source: { namespace: string; name: string; field: string };
  target: { namespace: string; name: string; field: string };
  transformationType: string | null;
  transformationSubtype: string | null;
  description: string | null;
  masking: boolean;
  runId: string | null;
  /** Hops from the asked dataset/field. */
  depth: number;
  /** The personal data the source field carries into the target (null when none, or when the edge masks it). */
  personalData?: 'direct' | 'quasi' | null;
}

export interface LineageColumns {
  dataset: { namespace: string; name: string; catalog: LineageCatalogLink | null };
  /** Fields of the dataset's current schema version (from the `schema` facet), if known. */
  fields: Array<{ name: string; type?: string; description?: string }>;
  edges: LineageColumnEdge[];
}

export interface LineageRunDataset {
  namespace: string;
  name: string;
  catalog: LineageCatalogLink | null;
}

export interface LineageRun {
  runId: string;
  job: { namespace: string; name: string };
  state: LineageRunState | null;
  stateTime: string | null;
  startedAt: string | null;
  endedAt: string | null;
  agreementId: string | null;
  parentRunId: string | null;
  inputs: LineageRunDataset[];
  outputs: LineageRunDataset[];
  /** Every run event received, in event-time order. */
  history: Array<{ eventType: string; eventTime: string; eventId: string; receivedAt: string }>;
}
