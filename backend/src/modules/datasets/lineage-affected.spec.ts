import { lineageAffectedBy } from './datasets.service';

type Column = { name: string; type: string; identifierKind?: 'direct' | 'quasi' | 'none' };
const dataset = (lineage: [string, string] | null, columns: Column[]) => ({
  lineageNamespace: lineage?.[0] ?? null,
  lineageName: lineage?.[1] ?? null,
  columns: columns as never,
});

describe('lineageAffectedBy (which catalog edits send lineage runs back to the compliance checks)', () => {
  const cdr: [string, string] = ['s3://telcomx', 'raw/cdr'];
  const base = [{ name: 'msisdn', type: 'text', identifierKind: 'none' as const }, { name: 'ts', type: 'timestamp' }];

  it('a column newly marked (or no longer marked) as an identifier', () => {
    const marked = [{ ...base[0], identifierKind: 'direct' as const }, base[1]];
    expect(lineageAffectedBy(dataset(cdr, base), dataset(cdr, marked))).toEqual([{ namespace: 's3://telcomx', name: 'raw/cdr' }]);
    expect(lineageAffectedBy(dataset(cdr, marked), dataset(cdr, base))).toEqual([{ namespace: 's3://telcomx', name: 'raw/cdr' }]);
    const quasi = [{ ...base[0], identifierKind: 'quasi' as const }, base[1]];
    expect(lineageAffectedBy(dataset(cdr, marked), dataset(cdr, quasi))).toHaveLength(1);
  });

  it('a lineage identity declared, moved or removed: the old and the new one', () => {
    expect(lineageAffectedBy(dataset(null, base), dataset(cdr, base))).toEqual([{ namespace: 's3://telcomx', name: 'raw/cdr' }]);
    expect(lineageAffectedBy(dataset(cdr, base), dataset(['s3://telcomx', 'raw/cdr_v2'], base))).toEqual([
      { namespace: 's3://telcomx', name: 'raw/cdr' },
      { namespace: 's3://telcomx', name: 'raw/cdr_v2' },
    ]);
    expect(lineageAffectedBy(dataset(cdr, base), dataset(null, base))).toEqual([{ namespace: 's3://telcomx', name: 'raw/cdr' }]);
    expect(lineageAffectedBy(null, dataset(cdr, base))).toEqual([{ namespace: 's3://telcomx', name: 'raw/cdr' }]);
  });

  it('nothing for edits no check reads (titles, types, column order), or without a lineage identity', () => {
    expect(lineageAffectedBy(dataset(cdr, base), dataset(cdr, [base[1], { ...base[0], type: 'varchar' }]))).toEqual([]);
    expect(lineageAffectedBy(dataset(null, base), dataset(null, [{ ...base[0], identifierKind: 'direct' }]))).toEqual([]);
    expect(lineageAffectedBy(null, dataset(null, base))).toEqual([]);
  });
});
