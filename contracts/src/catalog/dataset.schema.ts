import { z } from 'zod';

export const DATASET_THEMES = [
  'economy', 'employment', 'education', 'health', 'security', 'trade', 'population', 'agriculture',
  'energy', 'environment', 'finance', 'transport', 'telecommunications', 'tourism', 'government',
] as const;
export const SENSITIVITIES = ['public', 'internal', 'confidential', 'restricted'] as const;
export const GEO_LEVELS = ['national', 'state', 'municipality', 'locality'] as const;
export const DATASET_STATUSES = ['draft', 'published', 'retired'] as const;
export const IDENTIFIER_KINDS = ['direct', 'quasi', 'sensitive', 'none'] as const;
export const PERIODICITIES = ['daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular', 'once'] as const;
export const COLUMN_TYPES = ['integer', 'decimal', 'boolean', 'date', 'datetime', 'text'] as const;

export type DatasetTheme = (typeof DATASET_THEMES)[number];
export type Sensitivity = (typeof SENSITIVITIES)[number];
export type GeoLevel = (typeof GEO_LEVELS)[number];
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export type ColumnIdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Order of geographic levels, coarse to fine: a finer dataset serves a coarser need. */
export const GEO_LEVEL_RANK: Record<GeoLevel, number> = { national: 0, state: 1, municipality: 2, locality: 3 };

export const datasetColumnSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  type: z.enum(COLUMN_TYPES),
  identifierKind: z.enum(IDENTIFIER_KINDS),
  description: z.string().trim().max(500).optional(),
});
export type DatasetColumn = z.infer<typeof datasetColumnSchema>;

const isoDate = z.iso.date();

const datasetFields = {
  title: z.string().trim().min(3).max(300),
  titleEn: z.string().trim().min(3).max(300).nullable().optional(),
  description: z.string().trim().min(10).max(5000),
  descriptionEn: z.string().trim().max(5000).nullable().optional(),
  themes: z.array(z.enum(DATASET_THEMES)).min(1).max(6),
  keywords: z.array(z.string().trim().min(2).max(60)).max(20),
  sensitivity: z.enum(SENSITIVITIES),
  geoLevel: z.enum(GEO_LEVELS),
  geoCodes: z.array(z.string().regex(/^\d{2}(\d{3}(\d{4})?)?$/, 'must be an INEGI code: 2 (state), 5 (municipality) or 9 (locality) digits')).max(3000),
  sectorLevel: z.number().int().min(2).max(6).nullable().optional(),
  sectorCodes: z.array(z.string().regex(/^\d{2}(-\d{2})?\d{0,4}$/, 'must be a SCIAN code of 2 to 6 digits')).max(2000),
  periodicity: z.enum(PERIODICITIES),
  timeFrom: isoDate.nullable().optional(),
  timeTo: isoDate.nullable().optional(),
  columns: z.array(datasetColumnSchema).max(500),
  qualityNotes: z.string().trim().max(5000).nullable().optional(),
  lineageNamespace: z.string().trim().min(1).max(300).nullable().optional(),
  lineageName: z.string().trim().min(1).max(500).nullable().optional(),
  stewardId: z.uuid().nullable().optional(),
};

export const createDatasetSchema = z.strictObject({
  ...datasetFields,
  keywords: datasetFields.keywords.default([]),
  geoCodes: datasetFields.geoCodes.default([]),
  sectorCodes: datasetFields.sectorCodes.default([]),
  columns: datasetFields.columns.default([]),
  status: z.enum(['draft', 'published']).default('draft'),
});
export type CreateDatasetRequest = z.infer<typeof createDatasetSchema>;

/** Any subset of the fields; `status` also moves a dataset to `retired`. */
export const updateDatasetSchema = z.strictObject({ ...datasetFields, status: z.enum(DATASET_STATUSES) }).partial();
export type UpdateDatasetRequest = z.infer<typeof updateDatasetSchema>;

export const datasetSchema = z.object({
  id: z.uuid(),
  ownerOrganizationId: z.uuid(),
  ownerOrganizationName: z.string(),
  ownerSector: z.string(),
  stewardId: z.string().nullable().optional(),
  title: z.string(),
  titleEn: z.string().nullable(),
  description: z.string(),
  descriptionEn: z.string().nullable(),
  themes: z.array(z.enum(DATASET_THEMES)),
  keywords: z.array(z.string()),
  sensitivity: z.enum(SENSITIVITIES),
  geoLevel: z.enum(GEO_LEVELS),
  geoCodes: z.array(z.string()),
  sectorLevel: z.number().nullable(),
  sectorCodes: z.array(z.string()),
  periodicity: z.enum(PERIODICITIES),
  timeFrom: z.string().nullable(),
  timeTo: z.string().nullable(),
  columns: z.array(datasetColumnSchema),
  qualityNotes: z.string().nullable().optional(),
  lineageNamespace: z.string().nullable(),
  lineageName: z.string().nullable(),
  status: z.enum(DATASET_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Dataset = z.infer<typeof datasetSchema>;

export const datasetSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  theme: z.enum(DATASET_THEMES).optional(),
  owner: z.uuid().optional(),
  sensitivity: z.enum(SENSITIVITIES).optional(),
  geoLevel: z.enum(GEO_LEVELS).optional(),
  sectorCode: z.string().regex(/^\d{2,6}$/, 'must be a SCIAN code of 2 to 6 digits').optional(),
  status: z.enum(DATASET_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DatasetSearchQuery = z.infer<typeof datasetSearchQuerySchema>;

export interface FacetCount {
  value: string;
  label?: string;
  count: number;
}

export interface DatasetSearchResult {
  items: Dataset[];
  total: number;
  page: number;
  pageSize: number;
  facets: { themes: FacetCount[]; owners: FacetCount[]; sensitivities: FacetCount[]; geoLevels: FacetCount[] };
}
