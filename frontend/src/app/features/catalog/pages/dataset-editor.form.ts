import { type AbstractControl, FormArray, FormControl, FormGroup, type ValidationErrors, Validators } from '@angular/forms';
import type { DatasetStatus, DatasetTheme, GeoLevel, Sensitivity } from '@convenio/contracts';
import { type ColumnGroup, columnGroup } from '../components/columns-editor.component';
import { type ColumnFormValue, type DatasetFormValue, EMPTY_DATASET_FORM } from '../data-access/dataset-form';

const MAX_THEMES = 6;
const MAX_KEYWORDS = 20;

/** Between `min` and `max` values in a list control. */
function listSize(min: number, max: number) {
  return (control: AbstractControl<unknown[]>): ValidationErrors | null => {
    const length = control.value?.length ?? 0;
    if (length < min) return min === 1 ? { required: true } : { minItems: { min } };
    return length > max ? { maxItems: { max } } : null;
  };
}

const text = (value: string, ...validators: ((control: AbstractControl) => ValidationErrors | null)[]) => new FormControl(value, { nonNullable: true, validators });
const list = <T>(value: T[], ...validators: ((control: AbstractControl) => ValidationErrors | null)[]) => new FormControl<T[]>(value, { nonNullable: true, validators });

/** The editor's form, typed; `columns` is a FormArray of rows. */
export function buildDatasetForm(value: DatasetFormValue = EMPTY_DATASET_FORM) {
  return new FormGroup({
    title: text(value.title, Validators.required, Validators.minLength(3), Validators.maxLength(300)),
    titleEn: text(value.titleEn, Validators.minLength(3), Validators.maxLength(300)),
    description: text(value.description, Validators.required, Validators.minLength(10), Validators.maxLength(5000)),
    descriptionEn: text(value.descriptionEn, Validators.maxLength(5000)),
    themes: list<DatasetTheme>(value.themes, listSize(1, MAX_THEMES)),
    keywords: list<string>(value.keywords, listSize(0, MAX_KEYWORDS)),
    sensitivity: new FormControl<Sensitivity>(value.sensitivity, { nonNullable: true }),
    geoLevel: new FormControl<GeoLevel>(value.geoLevel, { nonNullable: true }),
    geoCodes: list<string>(value.geoCodes),
    sectorLevel: new FormControl<number | null>(value.sectorLevel),
    sectorCodes: list<string>(value.sectorCodes),
    periodicity: new FormControl(value.periodicity, { nonNullable: true }),
    timeFrom: text(value.timeFrom),
    timeTo: text(value.timeTo),
    qualityNotes: text(value.qualityNotes, Validators.maxLength(5000)),
    lineageNamespace: text(value.lineageNamespace, Validators.maxLength(300)),
    lineageName: text(value.lineageName, Validators.maxLength(500)),
    stewardId: new FormControl<string | null>(value.stewardId),
    status: new FormControl<DatasetStatus>(value.status, { nonNullable: true }),
    columns: new FormArray<ColumnGroup>(value.columns.map((column) => columnGroup(column))),
  });
}

export type DatasetForm = ReturnType<typeof buildDatasetForm>;

/** Replaces the columns list (after accepting a profile, or loading a dataset). */
export function setColumns(form: DatasetForm, columns: readonly ColumnFormValue[]): void {
  const array = form.controls.columns;
  array.clear({ emitEvent: false });
  for (const column of columns) array.push(columnGroup(column), { emitEvent: false });
  array.updateValueAndValidity();
  array.markAsDirty();
}

/** Loads a dataset's values into the form. */
export function fillDatasetForm(form: DatasetForm, value: DatasetFormValue): void {
  const { columns, ...fields } = value;
  form.patchValue(fields);
  setColumns(form, columns);
  form.markAsPristine();
}
