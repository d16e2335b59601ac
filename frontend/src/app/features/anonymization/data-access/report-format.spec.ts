import { baseName, bucketLabel, isFinal, kMet, suppressionWithinLimit } from './report-format';
import { failedTerms } from './release-terms';

describe('report format', () => {
  it('labels histogram buckets', () => {
    expect(bucketLabel({ from: 5, to: 5 })).toBe('5');
    expect(bucketLabel({ from: 5, to: 9 })).toBe('5–9');
    expect(bucketLabel({ from: 50, to: null })).toBe('≥ 50');
  });

  it('judges k and suppression', () => {
    expect(kMet({ k: 5, kAchieved: 5 })).toBe(true);
    expect(kMet({ k: 5, kAchieved: 4 })).toBe(false);
    expect(kMet({ k: 5, kAchieved: null })).toBe(false);
    expect(suppressionWithinLimit({ suppressionLimit: 0.05, records: { input: 100, output: 95, suppressed: 5, suppressedShare: 0.05 } })).toBe(true);
    expect(suppressionWithinLimit({ suppressionLimit: 0.05, records: { input: 100, output: 94, suppressed: 6, suppressedShare: 0.06 } })).toBe(false);
  });

  it('knows the final states and names the result file', () => {
    expect(['queued', 'running', 'completed', 'failed', 'cancelled'].map((state) => isFinal({ state: state as never }))).toEqual([false, false, true, true, true]);
    expect(baseName('censo.2020.csv')).toBe('censo.2020');
    expect(baseName('datos')).toBe('datos');
  });
});

describe('failed release terms', () => {
  it('names each known term and keeps the API’s reason', () => {
    const terms = failedTerms(
      {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'The release does not meet the agreement',
        details: [
          { path: 'terms.anonymization.minK', message: 'k achieved 3 is below the agreement’s 5' },
          { path: 'terms.anonymization.finestGeoLevel', message: 'municipio is finer than state' },
          { path: 'something.else', message: 'other' },
        ],
      },
      { state: 'active', anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'state' } },
    );
    expect(terms.map((term) => term.key)).toEqual(['releases.terms.minK', 'releases.terms.finestGeoLevel', null]);
    expect(terms[0]).toMatchObject({ path: 'terms.anonymization.minK', message: 'k achieved 3 is below the agreement’s 5', params: { minK: 5, level: 'state' } });
  });
});
