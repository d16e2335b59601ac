import { matchDatasetToNeed, MATCH_WEIGHTS, rankCandidates, type MatchableDataset, type MatchableNeed } from './candidate-matching';

const need = (overrides: Partial<MatchableNeed> = {}): MatchableNeed => ({
  theme: 'trade',
  geoLevel: 'state',
  geoCodes: [],
  sectorLevel: null,
  sectorCodes: [],
  periodFrom: null,
  periodTo: null,
  personalData: false,
  ...overrides,
});

const dataset = (overrides: Partial<MatchableDataset> = {}): MatchableDataset => ({
  themes: ['trade'],
  geoLevel: 'state',
  geoCodes: [],
  sectorLevel: null,
  sectorCodes: [],
  timeFrom: '2019-01-01',
  timeTo: null,
  hasDirectIdentifiers: false,
  ...overrides,
});

const variants = (needOverrides: Partial<MatchableNeed>, datasetOverrides: Partial<MatchableDataset>) =>
  matchDatasetToNeed(need(needOverrides), dataset(datasetOverrides))?.reasons.map((reason) => `${reason.reason}:${reason.variant}`) ?? null;

describe('matchDatasetToNeed', () => {
  describe('granularity: finer serves coarser, never the reverse', () => {
    it.each([
      ['national', 'national', 'same'],
      ['national', 'locality', 'finer'],
      ['state', 'state', 'same'],
      ['state', 'municipality', 'finer'],
      ['municipality', 'locality', 'finer'],
      ['municipality', 'state', null],
      ['locality', 'municipality', null],
      ['state', 'national', null],
    ] as const)('a %s need and a %s dataset → %s', (needLevel, dataLevel, expected) => {
      const result = matchDatasetToNeed(need({ geoLevel: needLevel }), dataset({ geoLevel: dataLevel }));
      if (expected === null) expect(result).toBeNull();
      else expect(result?.reasons.find((reason) => reason.reason === 'granularity')?.variant).toBe(expected);
    });

    it('weighs the same level above a finer one', () => {
      const same = matchDatasetToNeed(need(), dataset())!;
      const finer = matchDatasetToNeed(need(), dataset({ geoLevel: 'municipality' }))!;
      expect(same.score - finer.score).toBe(MATCH_WEIGHTS.granularitySame - MATCH_WEIGHTS.granularityFiner);
    });
  });

  describe('geographic coverage of the requested codes', () => {
    it.each([
      ['national dataset covers every requested state', { geoCodes: ['11', '14'] }, {}, 'full', 2],
      ['listed states cover the requested ones', { geoCodes: ['11', '14'] }, { geoCodes: ['11', '14', '22'] }, 'full', 2],
      ['one of two requested states', { geoCodes: ['11', '14'] }, { geoCodes: ['11'] }, 'partial', 1],
      ['a state prefix covers a municipality', { geoLevel: 'municipality', geoCodes: ['11020'] }, { geoLevel: 'locality', geoCodes: ['11'] }, 'full', 2],
      ['municipalities inside a requested state cover it in part', { geoCodes: ['11'] }, { geoLevel: 'municipality', geoCodes: ['11001'] }, 'partial', 1],
      ['no codes requested, national dataset', {}, {}, 'national', 2],
      ['no codes requested, a few states', {}, { geoCodes: ['11'] }, 'limited', 0.5],
    ] as const)('%s', (_name, needOverrides, datasetOverrides, variant, weight) => {
      const reason = matchDatasetToNeed(need(needOverrides), dataset(datasetOverrides))?.reasons.find((entry) => entry.reason === 'geo_coverage');
      expect(reason).toMatchObject({ variant, weight });
    });

    it('excludes a dataset that covers none of the requested places', () => {
      expect(matchDatasetToNeed(need({ geoCodes: ['09'] }), dataset({ geoCodes: ['11', '14'] }))).toBeNull();
    });

    it('says nothing of coverage for a national need', () => {
      expect(variants({ geoLevel: 'national' }, { geoLevel: 'national' })).toEqual(['theme:match', 'granularity:same']);
    });
  });

  describe('SCIAN sectors: finer serves coarser', () => {
    it.each([
      ['a clase serves its sector', ['31'], ['311110'], 'full'],
      ['a clase serves its subsector', ['311'], ['311110'], 'full'],
      ['equal codes', ['4611'], ['4611'], 'full'],
      ['the range 31-33 serves sector 32', ['32'], ['31-33'], 'full'],
      ['a subsector does not serve a clase', ['311110'], ['311'], null],
      ['a sector does not serve a subsector', ['461'], ['46'], null],
      ['one of two codes', ['461', '722'], ['461110'], 'partial'],
    ] as const)('%s', (_name, needCodes, datasetCodes, variant) => {
      // Theme differs, so the sector alone decides whether the dataset is a candidate.
      const result = matchDatasetToNeed(need({ theme: 'economy', sectorCodes: needCodes }), dataset({ themes: ['transport'], sectorCodes: datasetCodes }));
      if (variant === null) expect(result).toBeNull();
      else expect(result?.reasons.find((reason) => reason.reason === 'sector_coverage')?.variant).toBe(variant);
    });

    it('with only a level, a breakdown at least as fine counts', () => {
      expect(variants({ sectorLevel: 3 }, { sectorLevel: 6, sectorCodes: ['461110'] })).toContain('sector_coverage:level');
      expect(variants({ sectorLevel: 6 }, { sectorLevel: 3, sectorCodes: ['461'] })).not.toContain('sector_coverage:level');
    });

    it('excludes a dataset matching neither theme nor sector', () => {
      expect(matchDatasetToNeed(need({ theme: 'health' }), dataset({ themes: ['trade'] }))).toBeNull();
    });
  });

  describe('period overlap', () => {
    it.each([
      ['dataset spans the requested period', { periodFrom: '2020-01-01', periodTo: '2022-12-31' }, { timeFrom: '2019-01-01', timeTo: null }, 'full'],
      ['dataset starts within it', { periodFrom: '2018-01-01', periodTo: '2022-12-31' }, { timeFrom: '2019-01-01', timeTo: null }, 'partial'],
      ['dataset ended within it', { periodFrom: '2020-01-01', periodTo: '2022-12-31' }, { timeFrom: '2010-01-01', timeTo: '2020-06-30' }, 'partial'],
      ['only a start requested, ongoing dataset', { periodFrom: '2020-01-01' }, { timeFrom: '2019-01-01', timeTo: null }, 'full'],
    ] as const)('%s', (_name, needOverrides, datasetOverrides, variant) => {
      expect(variants(needOverrides, datasetOverrides)).toContain(`period:${variant}`);
    });

    it.each([
      ['ended before', { periodFrom: '2021-01-01', periodTo: '2022-12-31' }, { timeFrom: '2018-01-01', timeTo: '2018-12-31' }],
      ['starts after', { periodFrom: '2015-01-01', periodTo: '2016-12-31' }, { timeFrom: '2019-01-01', timeTo: null }],
    ] as const)('excludes a dataset that %s the requested period', (_name, needOverrides, datasetOverrides) => {
      expect(variants(needOverrides, datasetOverrides)).toBeNull();
    });

    it('says nothing when no period is requested', () => {
      expect(variants({}, {})?.some((entry) => entry.startsWith('period'))).toBe(false);
    });
  });

  it('notes direct identifiers the need does not require, with a small malus', () => {
    const plain = matchDatasetToNeed(need(), dataset())!;
    const identified = matchDatasetToNeed(need(), dataset({ hasDirectIdentifiers: true }))!;
    expect(identified.reasons.at(-1)).toMatchObject({ reason: 'personal_data', weight: MATCH_WEIGHTS.personalDataMalus });
    expect(identified.score).toBe(plain.score + MATCH_WEIGHTS.personalDataMalus);
    expect(matchDatasetToNeed(need({ personalData: true }), dataset({ hasDirectIdentifiers: true }))!.score).toBe(plain.score);
  });

  it('scores the sum of the weights', () => {
    const result = matchDatasetToNeed(need({ geoCodes: ['11'], sectorCodes: ['46'], periodFrom: '2020-01-01', periodTo: '2020-12-31' }), dataset({ sectorCodes: ['4611'] }))!;
    expect(result.score).toBe(MATCH_WEIGHTS.theme + MATCH_WEIGHTS.granularitySame + MATCH_WEIGHTS.geoCoverageFull + MATCH_WEIGHTS.sectorCoverageFull + MATCH_WEIGHTS.periodFull);
  });
});

describe('rankCandidates', () => {
  it('sorts by score then title, drops non-candidates and keeps the top N', () => {
    const datasets = [
      { ...dataset({ geoLevel: 'municipality' }), title: 'B finer' },
      { ...dataset(), title: 'Z same level' },
      { ...dataset({ geoLevel: 'national' }), title: 'Coarser' },
      { ...dataset({ geoLevel: 'municipality' }), title: 'A finer' },
    ];
    expect(rankCandidates(need(), datasets).map((entry) => entry.dataset.title)).toEqual(['Z same level', 'A finer', 'B finer']);
    expect(rankCandidates(need(), datasets, 2)).toHaveLength(2);
  });
});
