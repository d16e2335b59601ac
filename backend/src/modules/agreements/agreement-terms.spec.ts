import { createHash } from 'node:crypto';
import type { AgreementTerms } from '@convenio/contracts';
import { diffTerms, pickTerms, termsHash } from './agreement-terms';

const base: AgreementTerms = {
  datasetIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
  purpose: 'Medir la informalidad laboral por entidad federativa.',
  legalBasis: 'Ley del Sistema Nacional de Información Estadística y Geográfica, art. 47',
  permittedUses: ['Análisis estadístico agregado', 'Publicación de indicadores'],
  prohibitedUses: ['Reidentificación de personas'],
  anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'state' },
  retentionDays: 365,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
};

describe('agreement terms', () => {
  it('hashes the canonical JSON, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as AgreementTerms;
    expect(termsHash(reordered)).toBe(termsHash(base));
    const canonical = '{"anonymization":{"finestGeoLevel":"state","minK":5,"removeDirectIdentifiers":true},"datasetIds":["11111111-1111-4111-8111-111111111111","22222222-2222-4222-8222-222222222222"],"endsOn":"2026-12-31","legalBasis":"Ley del Sistema Nacional de Información Estadística y Geográfica, art. 47","permittedUses":["Análisis estadístico agregado","Publicación de indicadores"],"prohibitedUses":["Reidentificación de personas"],"purpose":"Medir la informalidad laboral por entidad federativa.","retentionDays":365,"startsOn":"2026-01-01"}';
    expect(termsHash(base)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('picks only the terms', () => {
    expect(pickTerms({ ...base, providerOrganizationId: 'x', changeSummary: 'y' } as AgreementTerms)).toEqual(base);
    expect(pickTerms({ purpose: 'Otro propósito distinto' })).toEqual({ purpose: 'Otro propósito distinto' });
  });

  it('finds no change between equal terms, even reordered arrays', () => {
    expect(diffTerms(base, { ...base })).toEqual([]);
    expect(diffTerms(base, { ...base, datasetIds: [...base.datasetIds].reverse() })).toEqual([]);
  });

  it('lists array members added and removed, and scalars changed, as JSON pointers', () => {
    const next: AgreementTerms = {
      ...base,
      datasetIds: [base.datasetIds[0], '33333333-3333-4333-8333-333333333333'],
      prohibitedUses: [...base.prohibitedUses, 'Venta a terceros'],
      anonymization: { ...base.anonymization, minK: 10 },
      endsOn: '2027-06-30',
    };
    expect(diffTerms(base, next)).toEqual([
      { path: '/datasetIds/1', op: 'removed', from: base.datasetIds[1] },
      { path: '/datasetIds/1', op: 'added', to: '33333333-3333-4333-8333-333333333333' },
      { path: '/prohibitedUses/1', op: 'added', to: 'Venta a terceros' },
      { path: '/anonymization/minK', op: 'changed', from: 5, to: 10 },
      { path: '/endsOn', op: 'changed', from: '2026-12-31', to: '2027-06-30' },
    ]);
  });

  it('reports keys that appear or disappear and escapes pointer segments', () => {
    expect(diffTerms({ 'a/b': 1, c: 2 }, { 'a/b': 1, 'd~e': 3 })).toEqual([
      { path: '/c', op: 'removed', from: 2 },
      { path: '/d~0e', op: 'added', to: 3 },
    ]);
    expect(diffTerms(1, 2)).toEqual([{ path: '/', op: 'changed', from: 1, to: 2 }]);
  });
});
