import type { Agreement } from '@convenio/contracts';

/** The W3C ODRL 2.2 context; `ODRL_LOCAL_CONTEXT` adds the few terms ODRL has no name for. */
export const ODRL_CONTEXT_URL = 'http://www.w3.org/ns/odrl.jsonld';
export const CONVENIO_ODRL_NS = 'urn:convenio:odrl:';
const ODRL_LOCAL_CONTEXT = {
  convenio: CONVENIO_ODRL_NS,
  dct: 'http://purl.org/dc/terms/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** The IRIs of an agreement, its parties and datasets: URNs of their ids, valid anywhere the portal is deployed. */
export const urnOf = (id: string): string => `urn:uuid:${id}`;

const typed = (value: string | number, type: string) => ({ '@value': String(value), '@type': type });

type AgreementForOdrl = Pick<
  Agreement,
  | 'id' | 'reference' | 'state' | 'version' | 'termsHash' | 'providerOrganizationId' | 'providerOrganizationName' | 'recipientOrganizationId'
  | 'recipientOrganizationName' | 'datasetIds' | 'purpose' | 'legalBasis' | 'prohibitedUses' | 'anonymization' | 'retentionDays' | 'startsOn' | 'endsOn'
> & { datasets?: Array<{ id: string; title: string }> };

/**
 * An agreement as an ODRL 2.2 `Agreement` policy (JSON-LD, compacted against the W3C context).
 * Assigner and assignee are set at policy level (ODRL's compact form: they apply to every rule).
 * One `use` permission per dataset, constrained by the purpose and the validity dates, with the
 * duties to anonymize (minimum k as a refinement of the action) and to delete the data once the
 * retention period has elapsed. Each prohibited use is a prohibition over all the datasets.
 */
export function agreementToOdrl(agreement: AgreementForOdrl): Record<string, unknown> {
  const targets = agreement.datasetIds.map(urnOf);
  const titles = new Map((agreement.datasets ?? []).map((dataset) => [dataset.id, dataset.title]));
  const party = (id: string, name: string) => ({ uid: urnOf(id), '@type': 'Party', 'vcard:fn': name });
  const duties = [
    {
      action: [
        {
          'rdf:value': { '@id': 'odrl:anonymize' },
          refinement: [{ leftOperand: 'convenio:kAnonymity', operator: 'gteq', rightOperand: typed(agreement.anonymization.minK, 'xsd:integer') }],
        },
      ],
    },
    {
      action: 'delete',
      constraint: [{ leftOperand: 'elapsedTime', operator: 'lteq', rightOperand: typed(`P${agreement.retentionDays}D`, 'xsd:duration') }],
    },
  ];
  return {
    '@context': [ODRL_CONTEXT_URL, ODRL_LOCAL_CONTEXT],
    '@type': 'Agreement',
    uid: urnOf(agreement.id),
    'dct:identifier': agreement.reference,
    'dct:title': `Convenio ${agreement.reference}`,
    'dct:description': agreement.legalBasis,
    'convenio:version': agreement.version,
    'convenio:termsSha256': agreement.termsHash,
    assigner: party(agreement.providerOrganizationId, agreement.providerOrganizationName),
    assignee: party(agreement.recipientOrganizationId, agreement.recipientOrganizationName),
    permission: agreement.datasetIds.map((datasetId) => ({
      target: titles.has(datasetId) ? { uid: urnOf(datasetId), '@type': 'Asset', 'dct:title': titles.get(datasetId) } : urnOf(datasetId),
      action: 'use',
      constraint: [
        { leftOperand: 'purpose', operator: 'eq', rightOperand: agreement.purpose },
        { leftOperand: 'dateTime', operator: 'gteq', rightOperand: typed(agreement.startsOn, 'xsd:date') },
        { leftOperand: 'dateTime', operator: 'lteq', rightOperand: typed(agreement.endsOn, 'xsd:date') },
      ],
      duty: duties,
    })),
    ...(agreement.prohibitedUses.length > 0
      ? { prohibition: agreement.prohibitedUses.map((use) => ({ target: targets, action: 'use', constraint: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: use }] })) }
      : {}),
  };
}
