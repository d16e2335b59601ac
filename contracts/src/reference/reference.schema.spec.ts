import { foldForSearch, municipalityListQuerySchema, resolveScianAlias, SCIAN_LEVEL_DIGITS, scianSearchQuerySchema } from './reference.schema';

describe('reference contracts', () => {
  it('reads the 2-digit codes of a range sector as the range', () => {
    expect(['31', '32', '33'].map(resolveScianAlias)).toEqual(['31-33', '31-33', '31-33']);
    expect(['48', '49'].map(resolveScianAlias)).toEqual(['48-49', '48-49']);
    expect(resolveScianAlias('46')).toBe('46');
    expect(resolveScianAlias('311')).toBe('311');
    expect(SCIAN_LEVEL_DIGITS.clase).toBe(6);
  });

  it('folds accents and case for search', () => {
    expect(foldForSearch('Querétaro')).toBe('queretaro');
    expect(foldForSearch('PEÑÓN Ü')).toBe('penon u');
  });

  it('validates the reference queries', () => {
    expect(scianSearchQuerySchema.parse({ digits: '4', parent: '31-33' })).toEqual({ digits: 4, parent: '31-33', page: 1, pageSize: 50 });
    expect(scianSearchQuerySchema.safeParse({ digits: '7' }).success).toBe(false);
    expect(scianSearchQuerySchema.safeParse({ digits: 'x' }).success).toBe(false);
    expect(scianSearchQuerySchema.safeParse({ parent: '3' }).success).toBe(false);
    expect(municipalityListQuerySchema.parse({ state: '22', q: ' quer ' })).toEqual({ state: '22', q: 'quer', page: 1, pageSize: 50 });
    expect(municipalityListQuerySchema.safeParse({ state: '99x' }).success).toBe(false);
    expect(municipalityListQuerySchema.safeParse({ state: '33' }).success).toBe(false);
    expect(municipalityListQuerySchema.safeParse({ pageSize: '1001' }).success).toBe(false);
  });
});
