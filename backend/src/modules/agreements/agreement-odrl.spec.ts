import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jsonld from 'jsonld';
import { agreementToOdrl, ODRL_CONTEXT_URL } from './agreement-odrl';

const ODRL = 'http://www.w3.org/ns/odrl/2/';
const CONTEXT = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/odrl/odrl.jsonld'), 'utf8'));

/** Serves the W3C context from the fixture; any other URL fails (no network in tests). */
const localOdrlLoader = async (url: string) => {
  if (url !== ODRL_CONTEXT_URL) throw new Error(`unexpected remote document ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: CONTEXT };
};

const agreement = {
  id: '0b1c2d3e-4f50-4a61-8b72-839405a6b7c8',
  reference: 'CONV-2026-000042',
  state: 'active' as const,
  version: 2,
  termsHash: 'a'.repeat(64),
  providerOrganizationId: '1a2b3c4d-0000-4000-8000-000000000001',
  providerOrganizationName: 'TelcoMX S.A. de C.V.',
  recipientOrganizationId: '1a2b3c4d-0000-4000-8000-000000000002',
  recipientOrganizationName: 'Secretaría de Economía',
  datasetIds: ['5e6f7a8b-0000-4000-8000-000000000003', '5e6f7a8b-0000-4000-8000-000000000004'],
  datasets: [{ id: '5e6f7a8b-0000-4000-8000-000000000003', title: 'Movilidad agregada por municipio' }],
  purpose: 'Estimar flujos de movilidad laboral entre municipios.',
  legalBasis: 'Ley Federal de Transparencia y Acceso a la Información Pública',
  prohibitedUses: ['Reidentificación de personas', 'Fines comerciales'],
  anonymization: { minK: 20, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' as const },
  retentionDays: 730,
  startsOn: '2026-01-15',
  endsOn: '2027-01-14',
};

type Node = Record<string, unknown>;
const first = (node: Node, property: string) => (node[`${ODRL}${property}`] as Node[])[0];
const ids = (nodes: unknown) => (nodes as Node[]).map((node) => node['@id']);

describe('agreement as ODRL 2.2', () => {
  it('is an Agreement with assigner, assignee, a use permission per dataset and the prohibitions', () => {
    const odrl = agreementToOdrl(agreement);
    expect(odrl['@context']).toEqual([ODRL_CONTEXT_URL, expect.any(Object)]);
    expect(odrl).toMatchObject({ '@type': 'Agreement', uid: `urn:uuid:${agreement.id}` });
    expect(odrl.permission).toHaveLength(2);
    expect(odrl.prohibition).toHaveLength(2);
    expect(agreementToOdrl({ ...agreement, prohibitedUses: [] })).not.toHaveProperty('prohibition');
  });

  it('expands against the W3C context to ODRL IRIs', async () => {
    const [policy] = (await jsonld.expand(agreementToOdrl(agreement) as jsonld.JsonLdDocument, { documentLoader: localOdrlLoader as never })) as Node[];
    expect(policy['@id']).toBe(`urn:uuid:${agreement.id}`);
    expect(policy['@type']).toEqual([`${ODRL}Agreement`]);
    expect(first(policy, 'assigner')['@id']).toBe(`urn:uuid:${agreement.providerOrganizationId}`);
    expect(first(policy, 'assignee')['@id']).toBe(`urn:uuid:${agreement.recipientOrganizationId}`);

    const permissions = policy[`${ODRL}permission`] as Node[];
    expect(permissions.map((permission) => first(permission, 'target')['@id'])).toEqual(agreement.datasetIds.map((id) => `urn:uuid:${id}`));
    const permission = permissions[0];
    expect(ids(permission[`${ODRL}action`])).toEqual([`${ODRL}use`]);
    const constraints = (permission[`${ODRL}constraint`] as Node[]).map((constraint) => ({
      left: first(constraint, 'leftOperand')['@id'],
      operator: first(constraint, 'operator')['@id'],
      right: first(constraint, 'rightOperand')['@value'],
    }));
    expect(constraints).toEqual([
      { left: `${ODRL}purpose`, operator: `${ODRL}eq`, right: agreement.purpose },
      { left: `${ODRL}dateTime`, operator: `${ODRL}gteq`, right: '2026-01-15' },
      { left: `${ODRL}dateTime`, operator: `${ODRL}lteq`, right: '2027-01-14' },
    ]);

    const [anonymize, deletion] = permission[`${ODRL}duty`] as Node[];
    const anonymizeAction = first(anonymize, 'action');
    expect((anonymizeAction['http://www.w3.org/1999/02/22-rdf-syntax-ns#value'] as Node[])[0]['@id']).toBe(`${ODRL}anonymize`);
    const k = first(anonymizeAction, 'refinement');
    expect(first(k, 'leftOperand')['@id']).toBe('urn:convenio:odrl:kAnonymity');
    expect(first(k, 'rightOperand')).toEqual({ '@value': '20', '@type': 'http://www.w3.org/2001/XMLSchema#integer' });
    expect(ids(deletion[`${ODRL}action`])).toEqual([`${ODRL}delete`]);
    expect(first(first(deletion, 'constraint'), 'rightOperand')['@value']).toBe('P730D');

    const prohibitions = policy[`${ODRL}prohibition`] as Node[];
    expect(prohibitions.map((prohibition) => first(first(prohibition, 'constraint'), 'rightOperand')['@value'])).toEqual(agreement.prohibitedUses);
    expect(ids(prohibitions[0][`${ODRL}target`])).toHaveLength(2);
  });
});
