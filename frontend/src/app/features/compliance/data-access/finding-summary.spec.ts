import { finding } from '../testing/compliance-fixtures';
import { findingSummary } from './finding-summary';

describe('findingSummary', () => {
  const evidence = (facts: Record<string, unknown>, edges: Array<{ source: string; target: string; sourceField?: string; targetField?: string; masking?: boolean }> = []) => ({ eventIds: ['e1'], edges, facts });

  it('cross-organization flow: provider, recipient and the datasets of the edge', () => {
    const summary = findingSummary(finding({ rule: 'cross_org_flow_without_agreement', eventTime: '2026-06-01T12:00:00.000Z', evidence: evidence({ provider: 'TelcoMX', recipient: 'Secretaría de Economía' }, [{ source: 'dataset:s3://lake:raw/cells', target: 'dataset:postgres://dw:mobility.od' }]) }));
    expect(summary).toEqual({ kind: 'crossOrg', provider: 'TelcoMX', source: 's3://lake:raw/cells', recipient: 'Secretaría de Economía', target: 'postgres://dw:mobility.od', eventTime: '2026-06-01T12:00:00.000Z' });
  });

  it('inactive agreement: missing, not yet active, or ended, from the state and dates in the evidence', () => {
    const inactive = (facts: Record<string, unknown>, agreementReference: string | null = 'CONV-2026-000009') =>
      findingSummary(finding({ rule: 'run_under_inactive_agreement', agreementReference, eventTime: '2026-04-01T00:00:00.000Z', evidence: evidence(facts) }));
    expect(inactive({ agreementId: '9b1c0f9e-0000-4000-8000-000000000001', state: null }, null)).toEqual({ kind: 'agreementMissing', agreement: '9b1c0f9e-0000-4000-8000-000000000001' });
    expect(inactive({ state: 'approved', activatedAt: null })).toEqual({ kind: 'agreementNotYetActive', agreement: 'CONV-2026-000009', state: 'approved', eventTime: '2026-04-01T00:00:00.000Z' });
    expect(inactive({ state: 'active', activatedAt: '2026-05-01T00:00:00.000Z' })).toMatchObject({ kind: 'agreementNotYetActive', state: 'active' });
    expect(inactive({ state: 'terminated', activatedAt: '2026-01-01T06:00:00.000Z', endedAt: '2026-03-01T06:00:00.000Z' })).toEqual({
      kind: 'agreementEnded',
      agreement: 'CONV-2026-000009',
      state: 'terminated',
      endedAt: '2026-03-01T06:00:00.000Z',
      eventTime: '2026-04-01T00:00:00.000Z',
    });
  });

  it('direct identifier: each leaked output field, with its source when renamed', () => {
    const summary = findingSummary(
      finding({
        rule: 'direct_identifier_not_removed',
        evidence: evidence({}, [
          { source: 'dataset:a:x', target: 'dataset:b:y', sourceField: 'msisdn', targetField: 'subscriber', masking: false },
          { source: 'dataset:a:x', target: 'dataset:b:y', sourceField: 'curp', targetField: 'curp', masking: false },
        ]),
      }),
    );
    expect(summary).toEqual({ kind: 'directIdentifier', agreement: 'CONV-2026-0001', fields: 'subscriber ← msisdn, curp' });
  });

  it('release below k: release name, k, minimum and agreement version', () => {
    const summary = findingSummary(finding({ rule: 'release_k_below_minimum', agreementVersion: 3, evidence: evidence({ releaseId: 'r1', releaseName: 'Natalidad 2025', kAchieved: 3, minK: 5 }) }));
    expect(summary).toEqual({ kind: 'releaseK', agreement: 'CONV-2026-0001', release: 'Natalidad 2025', k: 3, minK: 5, version: 3 });
  });
});
