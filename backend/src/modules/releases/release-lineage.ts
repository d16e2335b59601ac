import { CONVENIO_AGREEMENT_FACET, type AnonymizationPolicy, type AnonymizationReport } from '@convenio/contracts';

export const CONVENIO_PRODUCER = 'https://convenio.gob.mx/anonymization';
const RUN_EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const AGREEMENT_FACET_SCHEMA = 'https://convenio.gob.mx/openlineage/facets/1-0-0/ConvenioAgreementRunFacet.json';
const COLUMN_LINEAGE_SCHEMA = 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';
const SCHEMA_FACET_SCHEMA = 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet';
/** Namespace of the datasets Convenio releases. */
export const RELEASES_NAMESPACE = 'convenio.releases';

export interface ReleaseLineageInput {
  runId: string;
  eventTime: string;
  agreementId: string;
  anonymizationJobId: string;
  source: { namespace: string; name: string };
  released: { namespace: string; name: string };
  policy: AnonymizationPolicy;
  report: AnonymizationReport;
}

/**
 * The OpenLineage RunEvent of a release: the source dataset → the anonymization run (under the
 * agreement, by the `convenio_agreement` facet) → the released dataset, with one column edge
 * per released column — flagged `masking` where values were hashed or generalized.
 */
export function releaseLineageEvent(input: ReleaseLineageInput): Record<string, unknown> {
  const released = Object.entries(input.policy.columns).filter(([, action]) => action.action !== 'drop');
  const fields = Object.fromEntries(
    released.map(([name, action]) => {
      const masked = action.action === 'pseudonymize' || (action.action === 'generalize' && (input.report.levels[name]?.level ?? 0) > 0);
      const description = action.action === 'pseudonymize' ? 'HMAC-SHA-256 pseudonym' : action.action === 'generalize' ? `generalized: ${input.report.levels[name]?.name ?? 'as is'}` : 'copied';
      return [name, { inputFields: [{ ...input.source, field: name, transformations: [{ type: 'DIRECT', subtype: masked ? 'TRANSFORMATION' : 'IDENTITY', description, masking: masked }] }] }];
    }),
  );
  return {
    eventType: 'COMPLETE',
    eventTime: input.eventTime,
    producer: CONVENIO_PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA,
    run: { runId: input.runId, facets: { [CONVENIO_AGREEMENT_FACET]: { _producer: CONVENIO_PRODUCER, _schemaURL: AGREEMENT_FACET_SCHEMA, agreementId: input.agreementId } } },
    job: { namespace: 'convenio', name: `anonymization.${input.anonymizationJobId}` },
    inputs: [{ namespace: input.source.namespace, name: input.source.name }],
    outputs: [
      {
        namespace: input.released.namespace,
        name: input.released.name,
        facets: {
          schema: { _producer: CONVENIO_PRODUCER, _schemaURL: SCHEMA_FACET_SCHEMA, fields: released.map(([name]) => ({ name, type: 'string' })) },
          columnLineage: { _producer: CONVENIO_PRODUCER, _schemaURL: COLUMN_LINEAGE_SCHEMA, fields },
        },
      },
    ],
  };
}
