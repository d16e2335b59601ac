import type { Dataset, DatasetTheme } from '@convenio/contracts';

/** The JSON-LD context of the catalog: DCAT 3, Dublin Core terms, vCard-free FOAF, Hydra paging. */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  'dct:modified': { '@type': 'xsd:dateTime' },
  'dct:issued': { '@type': 'xsd:dateTime' },
  'dcat:theme': { '@type': '@id' },
  'dct:accessRights': { '@type': '@id' },
  'dct:publisher': { '@type': '@id' },
  'hydra:next': { '@type': '@id' },
  'hydra:previous': { '@type': '@id' },
} as const;

/** Our themes on the EU Publications Office data-theme vocabulary (what DCAT-AP uses). */
const EU_THEME: Record<DatasetTheme, string> = {
  economy: 'ECON', employment: 'ECON', trade: 'ECON', finance: 'ECON', tourism: 'ECON', education: 'EDUC', health: 'HEAL',
  security: 'JUST', population: 'SOCI', agriculture: 'AGRI', energy: 'ENER', environment: 'ENVI', transport: 'TRAN',
  telecommunications: 'TECH', government: 'GOVE',
};
const THEME_BASE = 'http://publications.europa.eu/resource/authority/data-theme/';
const ACCESS_PUBLIC = 'http://publications.europa.eu/resource/authority/access-right/PUBLIC';

/** One published dataset as a `dcat:Dataset`. */
export function dcatDataset(dataset: Dataset, baseUrl: string): Record<string, unknown> {
  const codes = dataset.geoLevel === 'national' || dataset.geoCodes.length === 0 ? ['00'] : dataset.geoCodes;
  return {
    '@id': `${baseUrl}/api/v1/datasets/${dataset.id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.id,
    'dct:title': [{ '@value': dataset.title, '@language': 'es' }, ...(dataset.titleEn ? [{ '@value': dataset.titleEn, '@language': 'en' }] : [])],
    'dct:description': [{ '@value': dataset.description, '@language': 'es' }, ...(dataset.descriptionEn ? [{ '@value': dataset.descriptionEn, '@language': 'en' }] : [])],
    'dct:publisher': { '@id': `${baseUrl}/api/v1/organizations/${dataset.ownerOrganizationId}`, '@type': 'foaf:Organization', 'foaf:name': dataset.ownerOrganizationName },
    'dcat:theme': [...new Set(dataset.themes.map((theme) => `${THEME_BASE}${EU_THEME[theme]}`))],
    'dcat:keyword': dataset.keywords.map((keyword) => ({ '@value': keyword, '@language': 'es' })),
    'dct:spatial': codes.map((code) => ({ '@type': 'dct:Location', 'dct:identifier': code, 'skos:inScheme': `urn:inegi:${dataset.geoLevel}` })),
    'dct:accessRights': ACCESS_PUBLIC,
    'dct:accrualPeriodicity': dataset.periodicity,
    ...(dataset.timeFrom ? { 'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': dataset.timeFrom, ...(dataset.timeTo ? { 'dcat:endDate': dataset.timeTo } : {}) } } : {}),
    ...(dataset.publishedAt ? { 'dct:issued': dataset.publishedAt } : {}),
    'dct:modified': dataset.updatedAt,
  };
}

/** A page of the public catalog as a `dcat:Catalog`, with Hydra links to the neighbouring pages. */
export function dcatCatalog(datasets: Dataset[], baseUrl: string, page: number, pageSize: number, total: number): Record<string, unknown> {
  const pageUrl = (n: number) => `${baseUrl}/api/v1/catalog.jsonld?page=${n}&pageSize=${pageSize}`;
  const last = Math.max(1, Math.ceil(total / pageSize));
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${baseUrl}/api/v1/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': [{ '@value': 'Catálogo público de Convenio', '@language': 'es' }, { '@value': 'Convenio public catalog', '@language': 'en' }],
    'dct:description': [{ '@value': 'Conjuntos de datos publicados y de acceso público de la plataforma nacional de datos económicos.', '@language': 'es' }],
    'dcat:dataset': datasets.map((dataset) => dcatDataset(dataset, baseUrl)),
    'hydra:view': {
      '@id': pageUrl(page),
      '@type': 'hydra:PartialCollectionView',
      'hydra:totalItems': total,
      ...(page < last ? { 'hydra:next': pageUrl(page + 1) } : {}),
      ...(page > 1 ? { 'hydra:previous': pageUrl(page - 1) } : {}),
    },
  };
}
