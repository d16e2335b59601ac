import { activeAt, evaluateRun, type AgreementFacts, type RunFacts } from './compliance-rules';

const TELCO = 'org-telco';
const SE = 'org-se';
const CDR = 'ds-cdr';
const agreement = (overrides: Partial<AgreementFacts> = {}): AgreementFacts => ({
  id: 'ag-1',
  reference: 'CNV-2026-000001',
  state: 'active',
  version: 2,
  activatedAt: '2026-01-01T06:00:00.000Z',
  endedAt: null,
  providerOrganizationId: TELCO,
  recipientOrganizationId: SE,
  datasetIds: [CDR],
  anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
  ...overrides,
});
const facts = (overrides: Partial<RunFacts> = {}): RunFacts => ({
  runId: 'run-1',
  job: { namespace: 'spark', name: 'od_matrix' },
  eventTime: '2026-06-01T12:00:00.000Z',
  eventIds: ['ev-1', 'ev-2'],
  agreementId: 'ag-1',
  agreement: agreement(),
  inputs: [{ node: 'dataset:s3://telco:cdr', catalog: { datasetId: CDR, ownerOrganizationId: TELCO, ownerName: 'TelcoMX' } }],
  outputs: [{ node: 'dataset:pg://se:od', catalog: { datasetId: 'ds-od', ownerOrganizationId: SE, ownerName: 'Secretaría de Economía' } }],
  candidateAgreements: [agreement()],
  columnEdges: [],
  releases: [],
  ...overrides,
});
const rules = (run: RunFacts) => evaluateRun(run).map((finding) => finding.rule);

describe('compliance rules', () => {
  it('finds nothing in a covered, active, masked run', () => {
    const columnEdges = [{ source: 'dataset:s3://telco:cdr', sourceField: 'msisdn', target: 'dataset:pg://se:od', targetField: 'msisdn_hash', masking: true, sourcePersonal: 'direct' as const }];
    expect(evaluateRun(facts({ columnEdges }))).toEqual([]);
  });

  it('activeAt: from activation, until it ends', () => {
    expect(activeAt({ activatedAt: null, endedAt: null }, '2026-01-01T00:00:00Z')).toBe(false);
    expect(activeAt({ activatedAt: '2026-01-01T00:00:00Z', endedAt: null }, '2025-12-31T23:59:59Z')).toBe(false);
    expect(activeAt({ activatedAt: '2026-01-01T00:00:00Z', endedAt: '2026-03-01T00:00:00Z' }, '2026-02-01T00:00:00Z')).toBe(true);
    expect(activeAt({ activatedAt: '2026-01-01T00:00:00Z', endedAt: '2026-03-01T00:00:00Z' }, '2026-03-01T00:00:00Z')).toBe(false);
  });

  describe('cross_org_flow_without_agreement', () => {
    it('flags a flow between organizations with no agreement at all', () => {
      const [finding] = evaluateRun(facts({ agreementId: null, agreement: null, candidateAgreements: [] }));
      expect(finding).toMatchObject({ rule: 'cross_org_flow_without_agreement', severity: 'high', fingerprint: 'cross_org:run-1:dataset:s3://telco:cdr:dataset:pg://se:od' });
      expect(finding.evidence.edges).toEqual([{ source: 'dataset:s3://telco:cdr', target: 'dataset:pg://se:od' }]);
      expect(finding.evidence.eventIds).toEqual(['ev-1', 'ev-2']);
    });

    it('flags an agreement that does not cover the source dataset, or was not active then', () => {
      expect(rules(facts({ agreementId: null, agreement: null, candidateAgreements: [agreement({ datasetIds: ['other'] })] }))).toEqual(['cross_org_flow_without_agreement']);
      expect(rules(facts({ agreementId: null, agreement: null, candidateAgreements: [agreement({ activatedAt: '2026-07-01T00:00:00Z' })] }))).toEqual(['cross_org_flow_without_agreement']);
      expect(rules(facts({ agreementId: null, agreement: null, candidateAgreements: [agreement({ providerOrganizationId: SE, recipientOrganizationId: TELCO })] }))).toEqual(['cross_org_flow_without_agreement']);
    });

    it('accepts a covering agreement the run does not name, and ignores flows inside one organization or to unknown owners', () => {
      expect(rules(facts({ agreementId: null, agreement: null }))).toEqual([]);
      expect(rules(facts({ agreementId: null, agreement: null, candidateAgreements: [], outputs: [{ node: 'dataset:s3://telco:tmp', catalog: { datasetId: 'x', ownerOrganizationId: TELCO, ownerName: 'TelcoMX' } }] }))).toEqual([]);
      expect(rules(facts({ agreementId: null, agreement: null, candidateAgreements: [], outputs: [{ node: 'dataset:s3://x:y', catalog: null }] }))).toEqual([]);
    });
  });

  describe('run_under_inactive_agreement', () => {
    it('flags an agreement not yet active, ended, or unknown', () => {
      const pending = agreement({ state: 'awaiting_signatures', activatedAt: null });
      expect(evaluateRun(facts({ agreement: pending, candidateAgreements: [pending] })).map((f) => [f.rule, f.summary])).toEqual([
        ['cross_org_flow_without_agreement', expect.any(String)],
        ['run_under_inactive_agreement', 'The run names agreement CNV-2026-000001, which was not yet active (it is awaiting_signatures) at 2026-06-01T12:00:00.000Z'],
      ]);
      const ended = agreement({ state: 'terminated', endedAt: '2026-05-01T00:00:00.000Z' });
      expect(evaluateRun(facts({ agreement: ended, candidateAgreements: [ended] }))[1].summary).toMatch(/had ended \(terminated\)/);
      const unknown = evaluateRun(facts({ agreementId: '00000000-0000-4000-8000-000000000000', agreement: null })).find((f) => f.rule === 'run_under_inactive_agreement');
      expect(unknown?.summary).toMatch(/does not exist/);
    });
  });

  describe('direct_identifier_not_removed', () => {
    const edge = (masking: boolean, sourcePersonal: 'direct' | 'quasi' | null) => ({ source: 'dataset:s3://telco:cdr', sourceField: 'curp', target: 'dataset:pg://se:od', targetField: 'curp', masking, sourcePersonal });

    it('flags a direct identifier reaching an output without masking, with the edges as evidence', () => {
      const [finding] = evaluateRun(facts({ columnEdges: [edge(false, 'direct'), edge(true, 'direct')] }));
      expect(finding).toMatchObject({ rule: 'direct_identifier_not_removed', severity: 'critical', agreementId: 'ag-1', agreementVersion: 2 });
      expect(finding.evidence.edges).toEqual([{ source: 'dataset:s3://telco:cdr', sourceField: 'curp', target: 'dataset:pg://se:od', targetField: 'curp', masking: false }]);
    });

    it('does not flag quasi-identifiers, masked edges, or agreements that allow identifiers', () => {
      expect(rules(facts({ columnEdges: [edge(false, 'quasi'), edge(true, 'direct'), edge(false, null)] }))).toEqual([]);
      const lenient = agreement({ anonymization: { minK: 5, removeDirectIdentifiers: false, finestGeoLevel: 'state' } });
      expect(rules(facts({ agreement: lenient, candidateAgreements: [lenient], columnEdges: [edge(false, 'direct')] }))).toEqual([]);
    });
  });

  it('release_k_below_minimum: flags a release under the minimum k of its agreement', () => {
    const releases = [
      { id: 'rel-1', name: 'Entrega 1', kAchieved: 3, agreementId: 'ag-1', agreementReference: 'CNV-2026-000001', agreementVersion: 3, minK: 5 },
      { id: 'rel-2', name: 'Entrega 2', kAchieved: 5, agreementId: 'ag-1', agreementReference: 'CNV-2026-000001', agreementVersion: 3, minK: 5 },
    ];
    const found = evaluateRun(facts({ releases }));
    expect(found.map((f) => [f.rule, f.fingerprint])).toEqual([['release_k_below_minimum', 'release_k:rel-1']]);
    expect(found[0].summary).toBe('Release "Entrega 1" under CNV-2026-000001 has k = 3; the agreement (version 3) requires at least 5');
  });
});
