import { createHash } from 'node:crypto';
import { canonicalJson, CONVENIO_AGREEMENT_FACET, type LineageRunState } from '@convenio/contracts';
import type { EventProblem, OpenLineageEventKind } from './openlineage-validator';
import { stateOf } from './run-state';

export interface DatasetKey {
  namespace: string;
  name: string;
}

export interface SchemaField {
  name: string;
  type?: string;
  description?: string;
}

export interface ColumnEdgeInput {
  source: DatasetKey & { field: string };
  target: DatasetKey & { field: string };
  transformationType: string;
  transformationSubtype: string;
  description: string | null;
  masking: boolean;
}

/** What one valid event says, ready to store: the raw event plus its graph facts. */
export interface NormalisedEvent {
  hash: string;
  kind: OpenLineageEventKind;
  eventType: string | null;
  eventTime: string;
  producer: string;
  payload: Record<string, unknown>;
  warnings: EventProblem[];
  job: DatasetKey | null;
  run: { runId: string; state: LineageRunState | null; agreementId: string | null; parentRunId: string | null } | null;
  inputs: DatasetKey[];
  outputs: DatasetKey[];
  /** Every dataset the event names (inputs, outputs, a DatasetEvent's dataset, column-lineage sources). */
  datasets: DatasetKey[];
  schemas: Array<{ dataset: DatasetKey; fields: SchemaField[]; hash: string }>;
  columnEdges: ColumnEdgeInput[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const key = (dataset: DatasetKey) => `${dataset.namespace}\u0000${dataset.name}`;

/** SHA-256 of the canonical JSON of the (normalised) event: the idempotency key. */
export function eventHash(event: unknown): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

/**
 * Reads the graph facts out of a schema-valid event. Errors are the rules the schema cannot
 * express: a `convenio_agreement` run facet must carry an `agreementId` that is a UUID.
 */
export function normaliseEvent(kind: OpenLineageEventKind, event: Json, warnings: EventProblem[]): { ok: true; value: NormalisedEvent } | { ok: false; errors: EventProblem[] } {
  const errors: EventProblem[] = [];
  const job = isObject(event.job) ? { namespace: String(event.job.namespace), name: String(event.job.name) } : null;
  const asKey = (dataset: unknown): DatasetKey => ({ namespace: String((dataset as Json).namespace), name: String((dataset as Json).name) });
  const inputs = Array.isArray(event.inputs) ? event.inputs.map(asKey) : [];
  const outputs = Array.isArray(event.outputs) ? event.outputs.map(asKey) : [];
  const described: Json[] = [...(Array.isArray(event.inputs) ? event.inputs : []), ...(Array.isArray(event.outputs) ? event.outputs : []), ...(isObject(event.dataset) ? [event.dataset] : [])];

  let run: NormalisedEvent['run'] = null;
  if (kind === 'RunEvent' && isObject(event.run)) {
    const facets = isObject(event.run.facets) ? event.run.facets : {};
    const agreement = facets[CONVENIO_AGREEMENT_FACET];
    let agreementId: string | null = null;
    if (agreement !== undefined) {
      const id = isObject(agreement) ? agreement.agreementId : undefined;
      if (typeof id === 'string' && UUID.test(id)) agreementId = id.toLowerCase();
      else errors.push({ pointer: `/run/facets/${CONVENIO_AGREEMENT_FACET}/agreementId`, message: 'must be the UUID of a Convenio agreement' });
    }
    const parent = isObject(facets.parent) && isObject(facets.parent.run) ? text(facets.parent.run.runId) : undefined;
    run = { runId: String(event.run.runId).toLowerCase(), state: stateOf(event.eventType), agreementId, parentRunId: parent && UUID.test(parent) ? parent.toLowerCase() : null };
  }
  if (errors.length > 0) return { ok: false, errors };

  const schemas: NormalisedEvent['schemas'] = [];
  const columnEdges: ColumnEdgeInput[] = [];
  for (const dataset of described) {
    const facets = isObject(dataset.facets) ? dataset.facets : {};
    const schema = facets.schema;
    if (isObject(schema) && Array.isArray(schema.fields)) {
      const fields = schema.fields.filter(isObject).map((field) => fieldOf(field));
      schemas.push({ dataset: asKey(dataset), fields, hash: eventHash(fields) });
    }
    columnEdges.push(...columnEdgesOf(asKey(dataset), facets.columnLineage));
  }

  const datasets = new Map<string, DatasetKey>();
  for (const dataset of [...inputs, ...outputs, ...described.map(asKey), ...columnEdges.map((edge) => edge.source)]) {
    datasets.set(key(dataset), { namespace: dataset.namespace, name: dataset.name });
  }
  return {
    ok: true,
    value: {
      hash: eventHash(event),
      kind,
      eventType: text(event.eventType) ?? null,
      eventTime: new Date(String(event.eventTime)).toISOString(),
      producer: String(event.producer),
      payload: event,
      warnings,
      job,
      run,
      inputs,
      outputs,
      datasets: [...datasets.values()],
      schemas,
      columnEdges,
    },
  };
}

/** A schema field (nested `fields` of structs are kept in the stored version, flattened names are not invented). */
function fieldOf(field: Json): SchemaField {
  return {
    name: String(field.name),
    ...(text(field.type) ? { type: text(field.type) } : {}),
    ...(text(field.description) ? { description: text(field.description) } : {}),
  };
}

/**
 * Column edges of a `columnLineage` facet, in both shapes: 2-0-x (`inputFields[].transformations[]`
 * with type, subtype, description, masking) and the older field-level `transformationType`
 * (`IDENTITY` | `MASKED`) and `transformationDescription`.
 */
export function columnEdgesOf(target: DatasetKey, facet: unknown): ColumnEdgeInput[] {
  if (!isObject(facet) || !isObject(facet.fields)) return [];
  const edges: ColumnEdgeInput[] = [];
  for (const [targetField, spec] of Object.entries(facet.fields)) {
    if (!isObject(spec) || !Array.isArray(spec.inputFields)) continue;
    const legacyType = text(spec.transformationType);
    const legacyDescription = text(spec.transformationDescription) ?? null;
    for (const input of spec.inputFields.filter(isObject)) {
      const source = { namespace: String(input.namespace), name: String(input.name), field: String(input.field) };
      const transformations = Array.isArray(input.transformations) ? input.transformations.filter(isObject) : [];
      const base = { source, target: { ...target, field: targetField } };
      if (transformations.length === 0) {
        edges.push({ ...base, transformationType: legacyType ?? '', transformationSubtype: '', description: legacyDescription, masking: legacyType?.toUpperCase() === 'MASKED' });
        continue;
      }
      for (const transformation of transformations) {
        edges.push({
          ...base,
          transformationType: text(transformation.type) ?? '',
          transformationSubtype: text(transformation.subtype) ?? '',
          description: text(transformation.description) ?? legacyDescription,
          masking: transformation.masking === true,
        });
      }
    }
  }
  return edges;
}
