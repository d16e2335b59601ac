import type { Diagnostic, DiagnosticNeed, NeedCandidates } from '@convenio/contracts';

export const DIAGNOSTIC_ID = '00000000-0000-4000-8000-00000000e001';
export const NEED_RETAIL = '00000000-0000-4000-8000-00000000f001';
export const NEED_ENERGY = '00000000-0000-4000-8000-00000000f002';
export const RETAIL_ORG = '00000000-0000-4000-8000-0000000000c2';
export const SALES = '00000000-0000-4000-8000-00000000d001';
export const DENUE = '00000000-0000-4000-8000-00000000d002';

export function need(overrides: Partial<DiagnosticNeed> = {}): DiagnosticNeed {
  return {
    id: NEED_RETAIL,
    position: 0,
    topic: 'Ventas del comercio al por menor',
    theme: 'trade',
    geoLevel: 'municipality',
    geoCodes: [],
    sectorCodes: ['46'],
    sectorLevel: 2,
    personalData: false,
    assignedDatasetId: null,
    assignedDatasetTitle: null,
    assignedOrganizationId: null,
    assignedOrganizationName: null,
    assignedAt: null,
    ...overrides,
  };
}

export function diagnostic(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    id: DIAGNOSTIC_ID,
    title: 'Comercio minorista en el Bajío',
    policyQuestion: '¿Dónde apoyar al comercio minorista con conectividad?',
    status: 'open',
    organizationId: '00000000-0000-4000-8000-0000000000aa',
    createdById: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    needs: [need(), need({ id: NEED_ENERGY, position: 1, topic: 'Consumo eléctrico de los comercios', theme: 'energy', sectorCodes: [], sectorLevel: undefined })],
    ...overrides,
  };
}

export const CANDIDATES: NeedCandidates[] = [
  {
    needId: NEED_RETAIL,
    topic: 'Ventas del comercio al por menor',
    candidates: [
      {
        datasetId: SALES,
        title: 'Ventas al menudeo por municipio y categoría',
        ownerOrganizationId: RETAIL_ORG,
        ownerOrganizationName: 'RetailMX S.A. de C.V.',
        ownerSector: 'private',
        geoLevel: 'municipality',
        sensitivity: 'internal',
        score: 9,
        reasons: [
          { reason: 'theme', variant: 'match', params: { theme: 'trade' }, weight: 3, detail: 'covers the theme trade' },
          { reason: 'granularity', variant: 'same', params: { level: 'municipality' }, weight: 2, detail: 'same geographic level (municipality)' },
          { reason: 'sector_coverage', variant: 'partial', params: { covered: 1, requested: 2 }, weight: 1, detail: 'serves 1 of 2 requested SCIAN codes' },
        ],
      },
      {
        datasetId: DENUE,
        title: 'Directorio Estadístico Nacional de Unidades Económicas (DENUE)',
        ownerOrganizationId: '00000000-0000-4000-8000-0000000000c3',
        ownerOrganizationName: 'INEGI',
        ownerSector: 'public',
        geoLevel: 'locality',
        sensitivity: 'public',
        score: 6,
        reasons: [{ reason: 'granularity', variant: 'finer', params: { level: 'locality' }, weight: 1, detail: 'finer level' }],
      },
    ],
  },
  { needId: NEED_ENERGY, topic: 'Consumo eléctrico de los comercios', candidates: [] },
];
