import type { AnonymizationJob, AnonymizationReport, Dataset } from '@convenio/contracts';
import { ORGANIZATION_ID } from '../../../../testing/session-testing';

/** Fixtures of the anonymization specs. */
export const JOB_ID = '00000000-0000-4000-8000-00000000e001';

export function report(overrides: Partial<AnonymizationReport> = {}): AnonymizationReport {
  return {
    k: 5,
    kAchieved: 7,
    suppressionLimit: 0.05,
    lDiversity: null,
    records: { input: 1000, output: 980, suppressed: 20, suppressedShare: 0.02 },
    equivalenceClasses: {
      count: 42,
      minSize: 7,
      maxSize: 60,
      averageSize: 23.3,
      histogram: [
        { from: 5, to: 9, classes: 10, records: 80 },
        { from: 10, to: 19, classes: 20, records: 300 },
        { from: 20, to: null, classes: 12, records: 600 },
      ],
    },
    levels: { municipio: { level: 1, height: 3, name: 'entidad' }, edad: { level: 2, height: 4, name: 'intervalos de 10' } },
    actions: { curp: 'pseudonymize', municipio: 'generalize', edad: 'generalize', ingreso: 'sensitive' },
    risk: { prosecutorHighest: 1 / 7, prosecutorAverage: 42 / 980, recordsAtHighestRisk: 7 },
    informationLoss: { measure: 'loss-metric', description: 'Loss metric (Iyengar 2002)', value: 0.31 },
    lattice: { nodes: 20, evaluated: 9, satisfying: 6 },
    delimiter: ',',
    timeMs: 2345,
    ...overrides,
  };
}

export function job(overrides: Partial<AnonymizationJob> = {}): AnonymizationJob {
  return {
    id: JOB_ID,
    state: 'queued',
    progress: 0,
    fileName: 'censo.csv',
    inputBytes: 20480,
    records: 1000,
    datasetId: null,
    datasetTitle: null,
    organizationId: ORGANIZATION_ID,
    createdById: '00000000-0000-4000-8000-000000000001',
    createdByName: 'Persona de Prueba',
    createdAt: '2026-03-01T10:00:00Z',
    startedAt: null,
    finishedAt: null,
    attempts: 0,
    policy: { k: 5, suppressionLimit: 0.05, columns: { curp: { action: 'pseudonymize' } } },
    report: null,
    resultBytes: null,
    error: null,
    inputPurgedAt: null,
    inputDeleteAfter: null,
    ...overrides,
  };
}

export const DATASET_ID = '00000000-0000-4000-8000-00000000d001';

export function dataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: DATASET_ID,
    ownerOrganizationId: ORGANIZATION_ID,
    ownerOrganizationName: 'Organización de Prueba',
    ownerSector: 'public',
    title: 'Padrón de beneficiarios',
    titleEn: null,
    description: 'Personas beneficiarias por municipio.',
    descriptionEn: null,
    themes: ['population'],
    keywords: [],
    sensitivity: 'confidential',
    geoLevel: 'municipality',
    geoCodes: [],
    sectorLevel: null,
    sectorCodes: [],
    periodicity: 'annual',
    timeFrom: null,
    timeTo: null,
    columns: [
      { name: 'curp', type: 'text', identifierKind: 'direct' },
      { name: 'edad', type: 'integer', identifierKind: 'quasi' },
      { name: 'municipio', type: 'text', identifierKind: 'quasi' },
      { name: 'ingreso', type: 'decimal', identifierKind: 'sensitive' },
    ],
    lineageNamespace: null,
    lineageName: null,
    status: 'published',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
