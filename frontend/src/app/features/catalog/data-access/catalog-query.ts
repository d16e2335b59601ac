import type { Params } from '@angular/router';
import { DATASET_STATUSES, DATASET_THEMES, GEO_LEVELS, SENSITIVITIES, type DatasetStatus, type DatasetTheme, type GeoLevel, type Sensitivity } from '@convenio/contracts';

/** The search of the catalog page, as the URL says it (`/catalogo?q=&theme=&page=`): shareable. */
export interface CatalogQuery {
  readonly q: string;
  readonly theme: DatasetTheme | null;
  readonly owner: string | null;
  readonly sensitivity: Sensitivity | null;
  readonly geoLevel: GeoLevel | null;
  readonly status: DatasetStatus | null;
  readonly page: number;
  readonly pageSize: number;
}

/** The facets a person may check; each is one query parameter (the API takes one value per facet). */
export const FACET_NAMES = ['theme', 'owner', 'sensitivity', 'geoLevel'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const CATALOG_PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_CATALOG_QUERY: CatalogQuery = { q: '', theme: null, owner: null, sensitivity: null, geoLevel: null, status: null, page: 1, pageSize: 20 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function positive(value: unknown, fallback: number, max: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
}

/** Reads a query from URL parameters, dropping what the API would refuse. */
export function parseCatalogQuery(params: Params): CatalogQuery {
  const q = typeof params['q'] === 'string' ? params['q'].slice(0, 200) : '';
  return {
    q,
    theme: oneOf(DATASET_THEMES, params['theme']),
    owner: typeof params['owner'] === 'string' && UUID.test(params['owner']) ? params['owner'] : null,
    sensitivity: oneOf(SENSITIVITIES, params['sensitivity']),
    geoLevel: oneOf(GEO_LEVELS, params['geoLevel']),
    status: oneOf(DATASET_STATUSES, params['status']),
    page: positive(params['page'], 1, 10_000),
    pageSize: positive(params['pageSize'], DEFAULT_CATALOG_QUERY.pageSize, 100),
  };
}

/** URL parameters of a query: only what differs from the default (short, readable links). */
export function catalogQueryParams(query: CatalogQuery): Params {
  const params: Params = {};
  if (query.q.trim()) params['q'] = query.q.trim();
  for (const name of [...FACET_NAMES, 'status'] as const) {
    if (query[name]) params[name] = query[name];
  }
  if (query.page !== 1) params['page'] = String(query.page);
  if (query.pageSize !== DEFAULT_CATALOG_QUERY.pageSize) params['pageSize'] = String(query.pageSize);
  return params;
}

/** Checking a checked value unchecks it; checking another replaces it. Back to page 1. */
export function toggleFacet(query: CatalogQuery, name: FacetName, value: string): CatalogQuery {
  return { ...query, [name]: query[name] === value ? null : value, page: 1 };
}

export function sameQuery(a: CatalogQuery, b: CatalogQuery): boolean {
  return JSON.stringify(catalogQueryParams(a)) === JSON.stringify(catalogQueryParams(b));
}
