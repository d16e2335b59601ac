import { datasetLabel, factEntries, formatFact, shortId } from './finding-format';

describe('finding format', () => {
  it('lists facts as text, in order', () => {
    expect(factEntries({ field: 'curp', k: 3, minimumK: 5, required: true, owners: ['a', 'b'], state: null })).toEqual([
      { key: 'field', value: 'curp' },
      { key: 'k', value: '3' },
      { key: 'minimumK', value: '5' },
      { key: 'required', value: 'true' },
      { key: 'owners', value: '["a","b"]' },
      { key: 'state', value: '—' },
    ]);
    expect(factEntries(undefined)).toEqual([]);
    expect(formatFact({ at: 'x' })).toBe('{"at":"x"}');
  });

  it('names datasets and ids briefly', () => {
    expect(datasetLabel('dataset:postgres://dw:natalidad.registros')).toBe('postgres://dw:natalidad.registros');
    expect(datasetLabel('job:airflow:etl')).toBe('job:airflow:etl');
    expect(shortId('00000000-0000-4000-8000-0000000000e1')).toBe('00000000');
    expect(shortId(null)).toBe('—');
  });
});
