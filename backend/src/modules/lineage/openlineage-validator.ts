import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { FACET_SCHEMAS, OPENLINEAGE_SCHEMA } from './schema';

/** The spec version whose schema is kept in ./schema. */
export const OPENLINEAGE_SPEC = '2-0-2';
const CORE_ID = `https://openlineage.io/spec/${OPENLINEAGE_SPEC}/OpenLineage.json`;

export type OpenLineageEventKind = 'RunEvent' | 'DatasetEvent' | 'JobEvent';

/** One problem of an event: where (RFC 6901 JSON pointer into the event) and what. */
export interface EventProblem {
  pointer: string;
  message: string;
  keyword?: string;
}

export type ValidationOutcome =
  | { ok: true; kind: OpenLineageEventKind; event: Record<string, unknown>; warnings: EventProblem[] }
  | { ok: false; errors: EventProblem[] };

/** Where facets live in an event, and the facet base type a facet schema extends. */
type FacetContainer = 'RunFacet' | 'JobFacet' | 'DatasetFacet' | 'InputDatasetFacet' | 'OutputDatasetFacet';
const CONTAINERS: FacetContainer[] = ['RunFacet', 'JobFacet', 'DatasetFacet', 'InputDatasetFacet', 'OutputDatasetFacet'];

/** A date-time without offset (`2020-12-28T19:51:01.641499`), which some older producers send. */
const ZONELESS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const escapePointer = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The container(s) a facet schema applies to: the base facet type its name ends with, unless
 * its `$ref`s say otherwise (BaseSubsetDatasetFacet is an input and output facet, LineageFacet a
 * dataset and job facet).
 */
function containersOf(name: string, schema: object): FacetContainer[] {
  const text = JSON.stringify(schema);
  const referenced = CONTAINERS.filter((base) => text.includes(`OpenLineage.json#/$defs/${base}"`));
  const bySuffix = [...CONTAINERS].sort((a, b) => b.length - a.length).find((base) => name.endsWith(base));
  if (bySuffix && referenced.includes(bySuffix)) return [bySuffix];
  return referenced.filter((base) => !(base === 'JobFacet' && name.endsWith('RunFacet')));
}

/**
 * Validates OpenLineage events against the official JSON Schema (draft 2020-12): the event
 * structure, then every known facet against its own facet schema (custom facets need only the
 * base facet fields). Lenient inputs are normalised first, each with a warning.
 */
export class OpenLineageValidator {
  private readonly events: Record<OpenLineageEventKind, ValidateFunction>;
  private readonly facets: Record<FacetContainer, ValidateFunction>;

  constructor() {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema(OPENLINEAGE_SCHEMA);
    // Each container validates the facets it knows by name (`$ref` to the facet file's property), all optional.
    const byContainer = new Map<FacetContainer, Record<string, { $ref: string }>>(CONTAINERS.map((container) => [container, {}]));
    for (const [name, schema] of Object.entries(FACET_SCHEMAS)) {
      ajv.addSchema(schema);
      const { $id, properties } = schema as { $id: string; properties: Record<string, unknown> };
      for (const container of containersOf(name, schema)) {
        for (const key of Object.keys(properties)) byContainer.get(container)![key] = { $ref: `${$id}#/properties/${escapePointer(key)}` };
      }
    }
    const compileEvent = (kind: OpenLineageEventKind) => ajv.compile({ $ref: `${CORE_ID}#/$defs/${kind}` });
    this.events = { RunEvent: compileEvent('RunEvent'), DatasetEvent: compileEvent('DatasetEvent'), JobEvent: compileEvent('JobEvent') };
    const compileFacets = (container: FacetContainer) => ajv.compile({ type: 'object', properties: byContainer.get(container)! });
    this.facets = Object.fromEntries(CONTAINERS.map((container) => [container, compileFacets(container)])) as Record<FacetContainer, ValidateFunction>;
  }

  validate(input: unknown): ValidationOutcome {
    if (!isObject(input)) return { ok: false, errors: [{ pointer: '', message: 'an OpenLineage event is a JSON object' }] };
    const kind = eventKind(input);
    if (!kind) return { ok: false, errors: [{ pointer: '', message: 'not a RunEvent (run and job), DatasetEvent (dataset) or JobEvent (job)' }] };
    const { event, warnings } = normalise(input, kind);
    const errors = collect(this.events[kind], event, '');
    for (const [pointer, facets, container] of facetContainers(event)) {
      // Inside facets `format` is an annotation (as draft 2020-12 defines it): a mismatch is a warning.
      for (const found of collect(this.facets[container], facets, pointer)) (found.keyword === 'format' ? warnings : errors).push(found);
    }
    if (errors.length > 0) return { ok: false, errors: dedupe(errors).map(withoutKeyword) };
    return { ok: true, kind, event, warnings: dedupe(warnings).map(withoutKeyword) };
  }
}

function eventKind(event: Record<string, unknown>): OpenLineageEventKind | null {
  const declared = typeof event.schemaURL === 'string' ? /#\/(?:\$defs|definitions)\/(RunEvent|DatasetEvent|JobEvent)$/.exec(event.schemaURL)?.[1] : undefined;
  if (declared) return declared as OpenLineageEventKind;
  if ('run' in event) return 'RunEvent';
  if ('dataset' in event) return 'DatasetEvent';
  if ('job' in event) return 'JobEvent';
  return null;
}

/**
 * The lenient policy: an event without `schemaURL` gets the 2-0-2 URL of its kind; an
 * `eventTime` without offset is read as UTC. Each change is reported as a warning, and the
 * event is stored as normalised (the raw text is not kept separately).
 */
export function normalise(input: Record<string, unknown>, kind: OpenLineageEventKind): { event: Record<string, unknown>; warnings: EventProblem[] } {
  const event = { ...input };
  const warnings: EventProblem[] = [];
  if (event.schemaURL === undefined) {
    event.schemaURL = `${CORE_ID}#/$defs/${kind}`;
    warnings.push({ pointer: '/schemaURL', message: `missing; set to ${event.schemaURL}` });
  }
  if (typeof event.eventTime === 'string' && ZONELESS_TIME.test(event.eventTime)) {
    event.eventTime = `${event.eventTime}Z`;
    warnings.push({ pointer: '/eventTime', message: 'no time zone offset; read as UTC' });
  }
  upgradeOldQualityMetrics(event, warnings);
  return { event, warnings };
}

/**
 * The 1-0-x `dataQualityMetrics` input facet was `{rowCount, bytes}` without `columnMetrics`,
 * which 1-0-3 requires: such a facet (it has a numeric `rowCount`) gets an empty `columnMetrics`.
 */
function upgradeOldQualityMetrics(event: Record<string, unknown>, warnings: EventProblem[]): void {
  if (!Array.isArray(event.inputs)) return;
  event.inputs = event.inputs.map((input: unknown, index) => {
    const metrics = isObject(input) && isObject(input.inputFacets) ? input.inputFacets.dataQualityMetrics : undefined;
    if (!isObject(input) || !isObject(metrics) || 'columnMetrics' in metrics || typeof metrics.rowCount !== 'number') return input;
    warnings.push({ pointer: `/inputs/${index}/inputFacets/dataQualityMetrics/columnMetrics`, message: 'missing (1-0-x facet shape); set to {}' });
    return { ...input, inputFacets: { ...(input.inputFacets as object), dataQualityMetrics: { ...metrics, columnMetrics: {} } } };
  });
}

/** Every facets object of an event with its pointer and container type. */
function facetContainers(event: Record<string, unknown>): Array<[string, unknown, FacetContainer]> {
  const found: Array<[string, unknown, FacetContainer]> = [];
  const add = (owner: unknown, key: string, pointer: string, container: FacetContainer) => {
    if (isObject(owner) && isObject(owner[key])) found.push([`${pointer}/${key}`, owner[key], container]);
  };
  add(event.run, 'facets', '/run', 'RunFacet');
  add(event.job, 'facets', '/job', 'JobFacet');
  add(event.dataset, 'facets', '/dataset', 'DatasetFacet');
  for (const side of ['inputs', 'outputs'] as const) {
    const datasets = event[side];
    if (!Array.isArray(datasets)) continue;
    datasets.forEach((dataset, index) => {
      add(dataset, 'facets', `/${side}/${index}`, 'DatasetFacet');
      if (side === 'inputs') add(dataset, 'inputFacets', `/${side}/${index}`, 'InputDatasetFacet');
      else add(dataset, 'outputFacets', `/${side}/${index}`, 'OutputDatasetFacet');
    });
  }
  return found;
}

function collect(validate: ValidateFunction, value: unknown, prefix: string): EventProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).filter((error) => !isWrapper(error)).map((error) => problem(error, prefix));
}

/** `allOf`/`anyOf`/`if` summaries repeat what the specific errors already say. */
const isWrapper = (error: ErrorObject) => error.keyword === 'anyOf' || error.keyword === 'allOf' || error.keyword === 'if';

function problem(error: ErrorObject, prefix: string): EventProblem {
  let pointer = `${prefix}${error.instancePath}`;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') pointer += `/${escapePointer((error.params as { missingProperty: string }).missingProperty)}`;
  else if (error.keyword === 'additionalProperties') pointer += `/${escapePointer((error.params as { additionalProperty: string }).additionalProperty)}`;
  if (error.keyword === 'required') message = 'is required';
  else if (error.keyword === 'enum') message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
  else if (error.keyword === 'not' && error.instancePath === '') message = 'a DatasetEvent or JobEvent must not carry a run (or a job and a run)';
  return { pointer, message, keyword: error.keyword };
}

const withoutKeyword = ({ pointer, message }: EventProblem): EventProblem => ({ pointer, message });

function dedupe(problems: EventProblem[]): EventProblem[] {
  const seen = new Set<string>();
  return problems.filter((entry) => {
    const key = `${entry.pointer}\u0000${entry.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
