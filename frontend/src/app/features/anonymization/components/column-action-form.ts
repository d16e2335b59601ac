import { type AbstractControl, FormControl, FormGroup, type ValidationErrors, Validators } from '@angular/forms';
import type { ColumnAction, ColumnActionValue, HierarchyType } from '../data-access/column-defaults';
import { customRowsProblem, widthsProblem } from '../data-access/policy-form';

export type ColumnActionGroup = FormGroup<{
  name: FormControl<string>;
  action: FormControl<ColumnAction>;
  hierarchy: FormControl<HierarchyType>;
  widths: FormControl<string>;
  customRows: FormControl<string>;
}>;

const widthsValidator = (control: AbstractControl<string>): ValidationErrors | null => {
  const problem = widthsProblem(control.value ?? '');
  return problem ? { [problem]: true } : null;
};

const customRowsValidator = (control: AbstractControl<string>): ValidationErrors | null => {
  const problem = customRowsProblem(control.value ?? '');
  return problem ? { [problem]: true } : null;
};

function toggle(control: AbstractControl, enabled: boolean): void {
  if (control.enabled === enabled) return;
  if (enabled) control.enable({ emitEvent: false });
  else control.disable({ emitEvent: false });
}

/**
 * One column's action as a form group. Only what the action needs is enabled (and so validated):
 * the hierarchy for `generalize`, the widths for an interval hierarchy, the rows for a custom one.
 * Read it with `getRawValue()`.
 */
export function columnActionGroup(value: ColumnActionValue): ColumnActionGroup {
  const group: ColumnActionGroup = new FormGroup({
    name: new FormControl(value.name, { nonNullable: true }),
    action: new FormControl(value.action, { nonNullable: true, validators: Validators.required }),
    hierarchy: new FormControl(value.hierarchy, { nonNullable: true, validators: Validators.required }),
    widths: new FormControl(value.widths, { nonNullable: true, validators: widthsValidator }),
    customRows: new FormControl(value.customRows, { nonNullable: true, validators: customRowsValidator }),
  });
  const sync = () => {
    const generalize = group.controls.action.value === 'generalize';
    const type = group.controls.hierarchy.value;
    toggle(group.controls.hierarchy, generalize);
    toggle(group.controls.widths, generalize && type === 'interval');
    toggle(group.controls.customRows, generalize && type === 'custom');
    group.updateValueAndValidity({ emitEvent: false });
  };
  group.controls.action.valueChanges.subscribe(sync);
  group.controls.hierarchy.valueChanges.subscribe(sync);
  sync();
  return group;
}
