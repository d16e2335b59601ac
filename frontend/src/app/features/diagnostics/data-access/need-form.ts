import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import type { DatasetTheme, Diagnostic, DiagnosticNeed, GeoLevel, UpdateDiagnosticRequest } from '@convenio/contracts';

/** One need's controls; codes are chips, dates `YYYY-MM-DD` (empty = open). */
export type NeedForm = FormGroup<{
  id: FormControl<string | null>;
  topic: FormControl<string>;
  theme: FormControl<DatasetTheme>;
  geoLevel: FormControl<GeoLevel>;
  geoCodes: FormControl<string[]>;
  sectorLevel: FormControl<number | null>;
  sectorCodes: FormControl<string[]>;
  periodFrom: FormControl<string>;
  periodTo: FormControl<string>;
  personalData: FormControl<boolean>;
}>;

export type DiagnosticForm = FormGroup<{
  title: FormControl<string>;
  policyQuestion: FormControl<string>;
  needs: FormArray<NeedForm>;
}>;

export function buildNeedForm(need?: Partial<DiagnosticNeed>): NeedForm {
  const nonNullable = <T>(value: T) => new FormControl<T>(value, { nonNullable: true });
  return new FormGroup({
    id: new FormControl<string | null>(need?.id ?? null),
    topic: new FormControl(need?.topic ?? '', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(300)] }),
    theme: new FormControl<DatasetTheme>(need?.theme ?? 'economy', { nonNullable: true, validators: [Validators.required] }),
    geoLevel: new FormControl<GeoLevel>(need?.geoLevel ?? 'state', { nonNullable: true, validators: [Validators.required] }),
    geoCodes: nonNullable<string[]>(need?.geoCodes ?? []),
    sectorLevel: new FormControl<number | null>(need?.sectorLevel ?? null),
    sectorCodes: nonNullable<string[]>(need?.sectorCodes ?? []),
    periodFrom: nonNullable(need?.periodFrom ?? ''),
    periodTo: nonNullable(need?.periodTo ?? ''),
    personalData: nonNullable(need?.personalData ?? false),
  });
}

export function buildDiagnosticForm(): DiagnosticForm {
  return new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(300)] }),
    policyQuestion: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(10), Validators.maxLength(5000)] }),
    needs: new FormArray<NeedForm>([buildNeedForm()]),
  });
}

/** Puts a saved diagnostic back in the form (continuing the wizard at `/diagnosticos/:id`). */
export function fillDiagnosticForm(form: DiagnosticForm, diagnostic: Diagnostic): void {
  form.controls.title.setValue(diagnostic.title);
  form.controls.policyQuestion.setValue(diagnostic.policyQuestion);
  form.controls.needs.clear();
  for (const need of diagnostic.needs) form.controls.needs.push(buildNeedForm(need));
  form.markAsPristine();
}

/**
 * The form as the API takes it: a national need carries no codes, sector codes only with a level,
 * empty dates left out; needs keep their ids so their assignments survive the edit.
 */
export function toDiagnosticRequest(form: DiagnosticForm): Required<Pick<UpdateDiagnosticRequest, 'title' | 'policyQuestion' | 'needs'>> {
  const value = form.getRawValue();
  return {
    title: value.title.trim(),
    policyQuestion: value.policyQuestion.trim(),
    needs: value.needs.map((need) => ({
      ...(need.id ? { id: need.id } : {}),
      topic: need.topic.trim(),
      theme: need.theme,
      geoLevel: need.geoLevel,
      geoCodes: need.geoLevel === 'national' ? [] : need.geoCodes,
      ...(need.sectorLevel ? { sectorLevel: need.sectorLevel, sectorCodes: need.sectorCodes } : {}),
      ...(need.periodFrom ? { periodFrom: need.periodFrom } : {}),
      ...(need.periodTo ? { periodTo: need.periodTo } : {}),
      personalData: need.personalData,
    })),
  };
}
