import { type AbstractControl, FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import type { ColumnActionValue } from '../data-access/column-defaults';
import { DEFAULT_K, DEFAULT_L, DEFAULT_SUPPRESSION_PERCENT, type PolicyFormValue } from '../data-access/policy-form';
import { type ColumnActionGroup, columnActionGroup } from '../components/column-action-form';

export type NewJobForm = FormGroup<{
  datasetId: FormControl<string | null>;
  k: FormControl<number | null>;
  suppressionPercent: FormControl<number | null>;
  lDiversity: FormGroup<{ enabled: FormControl<boolean>; column: FormControl<string | null>; l: FormControl<number | null> }>;
  columns: FormArray<ColumnActionGroup>;
}>;

const WHOLE = Validators.pattern(/^\d+$/);

/** The new-job form: the optional catalog dataset, k, the suppression limit in %, ℓ-diversity and the columns' actions. */
export function buildNewJobForm(): NewJobForm {
  const form: NewJobForm = new FormGroup({
    datasetId: new FormControl<string | null>(null),
    k: new FormControl<number | null>(DEFAULT_K, [Validators.required, Validators.min(2), WHOLE]),
    suppressionPercent: new FormControl<number | null>(DEFAULT_SUPPRESSION_PERCENT, [Validators.required, Validators.min(0), Validators.max(100)]),
    lDiversity: new FormGroup({
      enabled: new FormControl(false, { nonNullable: true }),
      column: new FormControl<string | null>({ value: null, disabled: true }, Validators.required),
      l: new FormControl<number | null>({ value: DEFAULT_L, disabled: true }, [Validators.required, Validators.min(2), WHOLE]),
    }),
    columns: new FormArray<ColumnActionGroup>([]),
  });
  const { enabled, column, l } = form.controls.lDiversity.controls;
  enabled.valueChanges.subscribe((on) => {
    for (const control of [column, l] as AbstractControl[]) {
      if (on) control.enable();
      else control.disable();
    }
  });
  return form;
}

/** Replaces the columns' rows (a new file, or new defaults from the catalog). */
export function setColumnActions(form: NewJobForm, values: readonly ColumnActionValue[]): void {
  const columns = form.controls.columns;
  columns.clear({ emitEvent: false });
  for (const value of values) columns.push(columnActionGroup(value), { emitEvent: false });
  columns.updateValueAndValidity();
}

/** The form as the policy builder reads it (disabled fields included). */
export function policyFormValue(form: NewJobForm): PolicyFormValue {
  const value = form.getRawValue();
  return {
    k: value.k === null ? null : Number(value.k),
    suppressionPercent: value.suppressionPercent === null ? null : Number(value.suppressionPercent),
    lDiversity: { enabled: value.lDiversity.enabled, column: value.lDiversity.column, l: value.lDiversity.l === null ? null : Number(value.lDiversity.l) },
    columns: value.columns,
  };
}
