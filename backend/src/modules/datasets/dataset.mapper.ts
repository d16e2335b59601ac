import type { Dataset, DatasetColumn } from '@convenio/contracts';
import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { AppAbility } from '@convenio/policies';

/** A datasets row as the search SQL returns it (snake_case, with the owner's name and sector). */
export interface DatasetRow {
  id: string;
  owner_organization_id: string;
  owner_name: string;
  owner_sector: string;
  steward_id: string | null;
  title: string;
  title_en: string | null;
  description: string;
  description_en: string | null;
  themes: Dataset['themes'];
  keywords: string[];
  sensitivity: Dataset['sensitivity'];
  geo_level: Dataset['geoLevel'];
  geo_codes: string[];
  sector_level: number | null;
  sector_codes: string[];
  periodicity: Dataset['periodicity'];
  time_from: string | Date | null;
  time_to: string | Date | null;
  columns: DatasetColumn[];
  quality_notes: string | null;
  lineage_namespace: string | null;
  lineage_name: string | null;
  status: Dataset['status'];
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const day = (value: string | Date | null): string | null => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

export function rowToDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    ownerOrganizationId: row.owner_organization_id,
    ownerOrganizationName: row.owner_name,
    ownerSector: row.owner_sector,
    stewardId: row.steward_id,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    descriptionEn: row.description_en,
    themes: row.themes,
    keywords: row.keywords,
    sensitivity: row.sensitivity,
    geoLevel: row.geo_level,
    geoCodes: row.geo_codes,
    sectorLevel: row.sector_level,
    sectorCodes: row.sector_codes,
    periodicity: row.periodicity,
    timeFrom: day(row.time_from),
    timeTo: day(row.time_to),
    columns: row.columns,
    qualityNotes: row.quality_notes,
    lineageNamespace: row.lineage_namespace,
    lineageName: row.lineage_name,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

/** The dataset as the caller may see it: fields their rules do not grant are left out. */
export function visibleDataset(dataset: Dataset, ability: AppAbility): Dataset {
  const asSubject = subject('Dataset', { ...dataset });
  const fields = permittedFieldsOf(ability, 'read', asSubject, { fieldsFrom: (rule) => rule.fields ?? Object.keys(dataset) });
  const visible = Object.fromEntries(Object.entries(dataset).filter(([key]) => fields.includes(key))) as Dataset;
  // Columns an access policy hides from this reader are left out of the description too.
  if (visible.columns) visible.columns = dataset.columns.filter((column) => ability.can('read', asSubject, `columns.${column.name}`));
  return visible;
}

/** What the audit trail keeps of a dataset. */
export function datasetSummary(dataset: Dataset): Record<string, unknown> {
  return { title: dataset.title, status: dataset.status, sensitivity: dataset.sensitivity, themes: dataset.themes, columns: dataset.columns.length };
}
