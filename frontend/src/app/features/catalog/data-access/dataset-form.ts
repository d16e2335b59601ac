import type {
  ColumnIdentifierKind,
  CreateDatasetRequest,
  CsvProfile,
  Dataset,
  DatasetColumn,
  DatasetStatus,
  DatasetTheme,
  GeoLevel,
  Sensitivity,
  UpdateDatasetRequest,
} from '@convenio/contracts';

type Periodicity = Dataset['periodicity'];
type ColumnType = DatasetColumn['type'];

/** One row of the columns editor (description '' = none). */
export interface ColumnFormValue {
  name: string;
  type: ColumnType;
  identifierKind: ColumnIdentifierKind;
  description: string;
}

/** What the editor's form holds: strings '' for "not given", dates as YYYY-MM-DD. */
export interface DatasetFormValue {
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  themes: DatasetTheme[];
  keywords: string[];
  sensitivity: Sensitivity;
  geoLevel: GeoLevel;
  geoCodes: string[];
  sectorLevel: number | null;
  sectorCodes: string[];
  periodicity: Periodicity;
  timeFrom: string;
  timeTo: string;
  qualityNotes: string;
  lineageNamespace: string;
  lineageName: string;
  /** null: the API's default (the steward who creates it), or the current one when editing. */
  stewardId: string | null;
  status: DatasetStatus;
  columns: ColumnFormValue[];
}

export const COLUMN_NAME_MAX = 120;

export const EMPTY_DATASET_FORM: DatasetFormValue = {
  title: '',
  titleEn: '',
  description: '',
  descriptionEn: '',
  themes: [],
  keywords: [],
  sensitivity: 'internal',
  geoLevel: 'national',
  geoCodes: [],
  sectorLevel: null,
  sectorCodes: [],
  periodicity: 'annual',
  timeFrom: '',
  timeTo: '',
  qualityNotes: '',
  lineageNamespace: '',
  lineageName: '',
  stewardId: null,
  status: 'draft',
  columns: [],
};

export function emptyColumn(name = ''): ColumnFormValue {
  return { name, type: 'text', identifierKind: 'none', description: '' };
}

export function datasetToFormValue(dataset: Dataset): DatasetFormValue {
  return {
    title: dataset.title,
    titleEn: dataset.titleEn ?? '',
    description: dataset.description,
    descriptionEn: dataset.descriptionEn ?? '',
    themes: [...dataset.themes],
    keywords: [...dataset.keywords],
    sensitivity: dataset.sensitivity,
    geoLevel: dataset.geoLevel,
    geoCodes: [...dataset.geoCodes],
    sectorLevel: dataset.sectorLevel,
    sectorCodes: [...dataset.sectorCodes],
    periodicity: dataset.periodicity,
    timeFrom: dataset.timeFrom?.slice(0, 10) ?? '',
    timeTo: dataset.timeTo?.slice(0, 10) ?? '',
    qualityNotes: dataset.qualityNotes ?? '',
    lineageNamespace: dataset.lineageNamespace ?? '',
    lineageName: dataset.lineageName ?? '',
    stewardId: dataset.stewardId ?? null,
    status: dataset.status,
    columns: dataset.columns.map((column) => ({ ...column, description: column.description ?? '' })),
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function toColumn(column: ColumnFormValue): DatasetColumn {
  const description = column.description.trim();
  return { name: column.name.trim(), type: column.type, identifierKind: column.identifierKind, ...(description ? { description } : {}) };
}

/** The fields both POST and PATCH take, from the form. */
function requestFields(value: DatasetFormValue): Omit<CreateDatasetRequest, 'status'> {
  return {
    title: value.title.trim(),
    titleEn: orNull(value.titleEn),
    description: value.description.trim(),
    descriptionEn: orNull(value.descriptionEn),
    themes: value.themes,
    keywords: value.keywords,
    sensitivity: value.sensitivity,
    geoLevel: value.geoLevel,
    geoCodes: value.geoLevel === 'national' ? [] : value.geoCodes,
    sectorLevel: value.sectorLevel,
    sectorCodes: value.sectorCodes,
    periodicity: value.periodicity,
    timeFrom: orNull(value.timeFrom),
    timeTo: orNull(value.timeTo),
    columns: value.columns.map(toColumn),
    qualityNotes: orNull(value.qualityNotes),
    lineageNamespace: orNull(value.lineageNamespace),
    lineageName: orNull(value.lineageName),
    // Never null: on PATCH that would clear the steward; absent keeps the API's choice.
    ...(value.stewardId ? { stewardId: value.stewardId } : {}),
  };
}

/** POST /datasets: a new dataset is saved as a draft or published at once. */
export function toCreateRequest(value: DatasetFormValue): CreateDatasetRequest {
  return { ...requestFields(value), status: value.status === 'published' ? 'published' : 'draft' };
}

/** PATCH /datasets/:id with every field of the form (and the status, which may retire it). */
export function toUpdateRequest(value: DatasetFormValue): UpdateDatasetRequest {
  return { ...requestFields(value), status: value.status };
}

/**
 * "Accept the suggestions" of a profile: one column per profiled column, in file order, with the
 * inferred type and the suggested identifier kind. A column already in the list (same name, any
 * case) keeps its description, and stays `sensitive` when profiling suggests nothing (profiling
 * never suggests `sensitive`: that is a person's judgement). Columns the file lacks stay, at the end.
 */
export function columnsFromProfile(existing: readonly ColumnFormValue[], profile: CsvProfile): ColumnFormValue[] {
  const byName = new Map(existing.map((column) => [column.name.trim().toLowerCase(), column]));
  const seen = new Set<string>();
  const profiled: ColumnFormValue[] = [];
  for (const column of profile.columns) {
    const name = column.name.trim().slice(0, COLUMN_NAME_MAX);
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    const current = byName.get(key);
    const keepSensitive = current?.identifierKind === 'sensitive' && column.suggestedIdentifierKind === 'none';
    profiled.push({
      name: current?.name.trim() || name,
      type: column.inferredType,
      identifierKind: keepSensitive ? 'sensitive' : column.suggestedIdentifierKind,
      description: current?.description ?? '',
    });
  }
  const rest = existing.filter((column) => column.name.trim() !== '' && !seen.has(column.name.trim().toLowerCase()));
  return [...profiled, ...rest];
}

/** The INEGI code length of each geographic level (national takes none). */
export const GEO_CODE_LENGTH: Record<GeoLevel, number> = { national: 0, state: 2, municipality: 5, locality: 9 };
