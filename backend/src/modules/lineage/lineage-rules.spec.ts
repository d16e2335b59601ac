import { columnEdgesOf, normaliseEvent } from './event-normaliser';
import { parseNodeId, splitCandidates } from './node-id';
import { OpenLineageValidator } from './openlineage-validator';
import { stateWins } from './run-state';

describe('run state rule', () => {
  const at = (state: 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT' | null, time: string) => ({ state, time });

  it('lets the later event win between non-terminal states, whatever the arrival order', () => {
    expect(stateWins(at('START', '2025-01-01T10:00:00Z'), at('RUNNING', '2025-01-01T10:05:00Z'))).toBe(true);
    expect(stateWins(at('RUNNING', '2025-01-01T10:05:00Z'), at('START', '2025-01-01T10:00:00Z'))).toBe(false);
    expect(stateWins(at('START', '2025-01-01T10:00:00Z'), at('RUNNING', '2025-01-01T10:00:00Z'))).toBe(true);
  });

  it('never leaves a terminal state for START or RUNNING, even a later one', () => {
    expect(stateWins(at('FAIL', '2025-01-01T10:01:00Z'), at('RUNNING', '2025-01-01T11:00:00Z'))).toBe(false);
    expect(stateWins(at('RUNNING', '2025-01-01T11:00:00Z'), at('COMPLETE', '2025-01-01T10:01:00Z'))).toBe(true);
    expect(stateWins(at('FAIL', '2025-01-01T10:01:00Z'), at('COMPLETE', '2025-01-01T10:02:00Z'))).toBe(true);
    expect(stateWins(at('COMPLETE', '2025-01-01T10:02:00Z'), at('ABORT', '2025-01-01T10:01:00Z'))).toBe(false);
  });

  it('ignores events that set no state (OTHER or none)', () => {
    expect(stateWins(at(null, '2025-01-01T10:00:00Z'), at(null, '2025-01-01T10:05:00Z'))).toBe(false);
    expect(stateWins(at(null, ''), at('START', '2025-01-01T10:00:00Z'))).toBe(true);
  });
});

describe('node ids', () => {
  it('offers every split at a colon, for namespaces and names that contain colons', () => {
    expect(splitCandidates('postgres://host:5432:db.table')).toEqual([
      { namespace: 'postgres', name: '//host:5432:db.table' },
      { namespace: 'postgres://host', name: '5432:db.table' },
      { namespace: 'postgres://host:5432', name: 'db.table' },
    ]);
    expect(splitCandidates('nocolon')).toEqual([]);
    expect(parseNodeId('job:airflow:dag.task')).toEqual({ kind: 'job', rest: 'airflow:dag.task' });
    expect(parseNodeId('table:x:y')).toBeNull();
  });
});

describe('column lineage facet shapes', () => {
  const target = { namespace: 'n', name: 'out' };

  it('reads 2-0-x transformations with their masking flag', () => {
    const edges = columnEdgesOf(target, { fields: { a: { inputFields: [{ namespace: 'n', name: 'in', field: 'x', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', masking: true }, { type: 'INDIRECT', subtype: 'FILTER' }] }] } } });
    expect(edges.map((edge) => [edge.source.field, edge.target.field, edge.transformationType, edge.transformationSubtype, edge.masking])).toEqual([
      ['x', 'a', 'DIRECT', 'AGGREGATION', true],
      ['x', 'a', 'INDIRECT', 'FILTER', false],
    ]);
  });

  it('reads the older transformationType / transformationDescription shape (MASKED → masking)', () => {
    const edges = columnEdgesOf(target, { fields: { a: { inputFields: [{ namespace: 'n', name: 'in', field: 'x' }], transformationType: 'MASKED', transformationDescription: 'sha256(x)' }, b: { inputFields: [{ namespace: 'n', name: 'in', field: 'y' }], transformationType: 'IDENTITY' } } });
    expect(edges.map((edge) => [edge.target.field, edge.transformationType, edge.description, edge.masking])).toEqual([
      ['a', 'MASKED', 'sha256(x)', true],
      ['b', 'IDENTITY', null, false],
    ]);
  });
});

describe('event validation and normalisation', () => {
  const validator = new OpenLineageValidator();
  const event = {
    eventType: 'COMPLETE',
    eventTime: '2025-01-01T10:00:00',
    producer: 'https://example.com/p',
    run: { runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8', facets: { convenio_agreement: { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s.json', agreementId: '00000000-0000-4000-8000-00000000000A' } } },
    job: { namespace: 'ns', name: 'job' },
    inputs: [{ namespace: 's3://b', name: 'in' }],
    outputs: [{ namespace: 's3://b', name: 'out', facets: { schema: { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s.json', fields: [{ name: 'id', type: 'int' }] } } }],
  };

  it('fills schemaURL, reads a zone-less time as UTC, and takes the agreement id from the convenio_agreement facet', () => {
    const outcome = validator.validate(event);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.warnings.map((warning) => warning.pointer)).toEqual(['/schemaURL', '/eventTime']);
    const normalised = normaliseEvent(outcome.kind, outcome.event, outcome.warnings);
    if (!normalised.ok) throw new Error('not normalised');
    expect(normalised.value).toMatchObject({ eventTime: '2025-01-01T10:00:00.000Z', run: { state: 'COMPLETE', agreementId: '00000000-0000-4000-8000-00000000000a' } });
    expect(normalised.value.datasets).toHaveLength(2);
    expect(normalised.value.schemas[0].fields).toEqual([{ name: 'id', type: 'int' }]);
  });

  it('hashes the canonical event, so key order does not matter', () => {
    const a = validator.validate(event);
    const b = validator.validate(Object.fromEntries(Object.entries(event).reverse()));
    if (!a.ok || !b.ok) throw new Error('invalid');
    const [first, second] = [normaliseEvent(a.kind, a.event, []), normaliseEvent(b.kind, b.event, [])];
    expect(first.ok && second.ok && first.value.hash === second.value.hash).toBe(true);
  });

  it('rejects a DatasetEvent that also carries a run, naming the root', () => {
    const outcome = validator.validate({ eventTime: '2025-01-01T10:00:00Z', producer: 'https://example.com/p', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent', dataset: { namespace: 'n', name: 'd' }, run: { runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8' }, job: { namespace: 'n', name: 'j' } });
    expect(outcome.ok).toBe(false);
  });
});
