import type { AgreementTerms, AnonymizationPolicy, AnonymizationReport } from '@convenio/contracts';
import { failedReleaseTerms, type ReleaseCandidate } from './release-terms';

const DATASET = '11111111-1111-4111-8111-111111111111';
const terms = (anonymization: Partial<AgreementTerms['anonymization']> = {}): AgreementTerms => ({
  datasetIds: [DATASET],
  purpose: 'Medir la movilidad laboral municipal',
  legalBasis: 'Ley del SNIEG',
  permittedUses: ['estadística'],
  prohibitedUses: [],
  anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality', ...anonymization },
  retentionDays: 365,
  startsOn: '2026-01-01',
  endsOn: '2027-01-01',
});
const policy: AnonymizationPolicy = {
  k: 5,
  suppressionLimit: 0.05,
  columns: { curp: { action: 'pseudonymize' }, municipio: { action: 'generalize', hierarchy: { type: 'inegi' } }, edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10] } } },
};
const report = (kAchieved: number | null, municipio = 'municipality') => ({ kAchieved, levels: { municipio: { level: 1, height: 3, name: municipio }, edad: { level: 1, height: 3, name: 'width 5' } } }) as unknown as AnonymizationReport;
const candidate = (overrides: Partial<ReleaseCandidate> = {}): ReleaseCandidate => ({
  agreement: { state: 'active', terms: terms() },
  sourceDatasetId: DATASET,
  datasetColumns: [{ name: 'curp', type: 'text', identifierKind: 'direct' }, { name: 'municipio', type: 'text', identifierKind: 'quasi' }],
  job: { state: 'completed', datasetId: DATASET, policy, report: report(7) },
  ...overrides,
});

describe('failedReleaseTerms', () => {
  it('passes a release that meets every term', () => {
    expect(failedReleaseTerms(candidate())).toEqual([]);
  });

  it('names each failed term by its path', () => {
    const failures = failedReleaseTerms(candidate({
      agreement: { state: 'expired', terms: terms({ minK: 10, finestGeoLevel: 'state' }) },
      job: { state: 'completed', datasetId: DATASET, policy: { ...policy, columns: { ...policy.columns, curp: { action: 'keep' } } }, report: report(7) },
    }));
    expect(failures.map((failure) => failure.path)).toEqual(['agreement.state', 'terms.anonymization.minK', 'terms.anonymization.removeDirectIdentifiers', 'terms.anonymization.finestGeoLevel']);
    expect(failures[1].message).toBe('k achieved is 7; the agreement requires k ≥ 10');
    expect(failures[3].message).toContain('municipality level; the agreement allows state');
  });

  it('accepts a geography generalized to the allowed level or coarser, and direct identifiers dropped', () => {
    const job = { state: 'completed', datasetId: null, policy: { ...policy, columns: { ...policy.columns, curp: { action: 'drop' as const } } }, report: report(5, 'state') };
    expect(failedReleaseTerms(candidate({ agreement: { state: 'active', terms: terms({ finestGeoLevel: 'state' }) }, job }))).toEqual([]);
    expect(failedReleaseTerms(candidate({ agreement: { state: 'active', terms: terms({ finestGeoLevel: 'national' }) }, job })).map((f) => f.path)).toEqual(['terms.anonymization.finestGeoLevel']);
  });

  it('ignores direct identifiers when the agreement does not require removing them', () => {
    const job = { state: 'completed', datasetId: DATASET, policy: { ...policy, columns: { ...policy.columns, curp: { action: 'keep' as const } } }, report: report(9) };
    expect(failedReleaseTerms(candidate({ agreement: { state: 'active', terms: terms({ removeDirectIdentifiers: false }) }, job }))).toEqual([]);
  });

  it('refuses a dataset outside the agreement, another dataset\'s job, a job not completed, and an empty result', () => {
    expect(failedReleaseTerms(candidate({ sourceDatasetId: '22222222-2222-4222-8222-222222222222' })).map((f) => f.path)).toEqual(['terms.datasetIds', 'terms.datasetIds']);
    expect(failedReleaseTerms(candidate({ job: { state: 'running', datasetId: DATASET, policy, report: null } })).map((f) => f.path)).toEqual(['job.state']);
    expect(failedReleaseTerms(candidate({ job: { state: 'completed', datasetId: DATASET, policy, report: report(null) } }))[0].message).toMatch(/no record is left/);
  });
});
