import { DEFAULT_CATALOG_QUERY, catalogQueryParams, parseCatalogQuery, toggleFacet } from './catalog-query';

const OWNER = '00000000-0000-4000-8000-0000000000a1';

describe('catalog query ⇄ URL', () => {
  it('reads what the API accepts and drops the rest', () => {
    expect(parseCatalogQuery({ q: 'población', theme: 'population', owner: OWNER, sensitivity: 'secret', geoLevel: 'state', page: '3', pageSize: '500' })).toEqual({
      ...DEFAULT_CATALOG_QUERY,
      q: 'población',
      theme: 'population',
      owner: OWNER,
      geoLevel: 'state',
      page: 3,
      pageSize: 100,
    });
    expect(parseCatalogQuery({ owner: 'not-a-uuid', page: '-1' })).toEqual(DEFAULT_CATALOG_QUERY);
  });

  it('writes only what differs from the default, and round-trips', () => {
    expect(catalogQueryParams(DEFAULT_CATALOG_QUERY)).toEqual({});
    const query = { ...DEFAULT_CATALOG_QUERY, q: ' censo ', sensitivity: 'public' as const, page: 2 };
    expect(catalogQueryParams(query)).toEqual({ q: 'censo', sensitivity: 'public', page: '2' });
    expect(parseCatalogQuery(catalogQueryParams(query))).toEqual({ ...query, q: 'censo' });
  });

  it('toggles one value per facet, back to page 1', () => {
    const first = toggleFacet({ ...DEFAULT_CATALOG_QUERY, page: 4 }, 'theme', 'economy');
    expect(first).toEqual({ ...DEFAULT_CATALOG_QUERY, theme: 'economy' });
    expect(toggleFacet(first, 'theme', 'trade').theme).toBe('trade');
    expect(toggleFacet(first, 'theme', 'economy').theme).toBeNull();
  });
});
