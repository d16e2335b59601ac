import { type AbstractControl, FormControl, FormGroup, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';
import {
  type Agreement,
  type CreateAgreementRequest,
  type ErrorResponse,
  type GeoLevel,
  type UpdateAgreementRequest,
  createAgreementSchema,
  mexicoCityDate,
  updateAgreementSchema,
} from '@convenio/contracts';

/** Limits of `agreementTermsSchema` (contracts), repeated here as Angular validators for live feedback. */
export const AGREEMENT_LIMITS = {
  datasets: 100,
  purpose: { min: 10, max: 5000 },
  legalBasis: { min: 5, max: 5000 },
  use: { min: 3, max: 500 },
  uses: 50,
  minK: { min: 2, max: 1000 },
  retentionDays: { min: 1, max: 36500 },
  changeSummary: 1000,
} as const;

/** Like `Validators.minLength`, but on the trimmed text (zod trims before it counts). */
function trimmedLength(min: number, max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const length = String(control.value ?? '').trim().length;
    if (length === 0) return null;
    if (length < min) return { minlength: { requiredLength: min, actualLength: length } };
    if (length > max) return { maxlength: { requiredLength: max, actualLength: length } };
    return null;
  };
}

function listSize(min: number, max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const length = (control.value as unknown[] | null)?.length ?? 0;
    if (length < min) return { required: true };
    return length > max ? { maxItems: { max } } : null;
  };
}

const wholeNumber: ValidatorFn = (control) => (control.value === null || Number.isInteger(control.value) ? null : { integer: true });

/** `endsOn` after `startsOn` (ISO dates compare as text), reported on `endsOn` like the API. */
const endsAfterStart: ValidatorFn = (group) => {
  const { startsOn, endsOn } = (group as AgreementForm).controls;
  const ordered = !startsOn.value || !endsOn.value || endsOn.value > startsOn.value;
  const errors = { ...(endsOn.errors ?? {}) };
  if (ordered) delete errors['endsBeforeStart'];
  else errors['endsBeforeStart'] = true;
  endsOn.setErrors(Object.keys(errors).length ? errors : null);
  return null;
};

export function buildAgreementForm() {
  return new FormGroup(
    {
      providerOrganizationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      datasetIds: new FormControl<string[]>([], { nonNullable: true, validators: [listSize(1, AGREEMENT_LIMITS.datasets)] }),
      purpose: new FormControl('', { nonNullable: true, validators: [Validators.required, trimmedLength(AGREEMENT_LIMITS.purpose.min, AGREEMENT_LIMITS.purpose.max)] }),
      legalBasis: new FormControl('', { nonNullable: true, validators: [Validators.required, trimmedLength(AGREEMENT_LIMITS.legalBasis.min, AGREEMENT_LIMITS.legalBasis.max)] }),
      permittedUses: new FormControl<string[]>([], { nonNullable: true, validators: [listSize(1, AGREEMENT_LIMITS.uses)] }),
      prohibitedUses: new FormControl<string[]>([], { nonNullable: true, validators: [listSize(0, AGREEMENT_LIMITS.uses)] }),
      anonymization: new FormGroup({
        minK: new FormControl<number | null>(5, { validators: [Validators.required, Validators.min(AGREEMENT_LIMITS.minK.min), Validators.max(AGREEMENT_LIMITS.minK.max), wholeNumber] }),
        removeDirectIdentifiers: new FormControl(true, { nonNullable: true }),
        finestGeoLevel: new FormControl<GeoLevel>('municipality', { nonNullable: true, validators: [Validators.required] }),
      }),
      retentionDays: new FormControl<number | null>(365, {
        validators: [Validators.required, Validators.min(AGREEMENT_LIMITS.retentionDays.min), Validators.max(AGREEMENT_LIMITS.retentionDays.max), wholeNumber],
      }),
      startsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      endsOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      changeSummary: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(AGREEMENT_LIMITS.changeSummary)] }),
    },
    { validators: [endsAfterStart] },
  );
}
export type AgreementForm = ReturnType<typeof buildAgreementForm>;
export type AgreementFormValue = ReturnType<AgreementForm['getRawValue']>;

/** What the draft page reads from its URL (links from the diagnostic wizard). */
export interface AgreementPrefill {
  readonly diagnosticId: string | null;
  readonly providerOrganizationId: string | null;
  readonly datasetIds: string[];
}

/** `?diagnostico=&proveedor=&datasets=a,b`: empty or missing parameters give nothing. */
export function readPrefill(params: { diagnostico?: string | null; proveedor?: string | null; datasets?: string | null }): AgreementPrefill {
  const datasetIds = (params.datasets ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  return { diagnosticId: params.diagnostico?.trim() || null, providerOrganizationId: params.proveedor?.trim() || null, datasetIds: [...new Set(datasetIds)] };
}

/** `YYYY-MM-DD` of a local date (inputs of type date speak local days). */
export function isoDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A new draft starts today and runs a year, unless the person says otherwise. "Today" is
 * Mexico City's calendar day, as the backend counts it when it activates a signed agreement
 * (a browser in another time zone could otherwise propose tomorrow).
 */
export function defaultPeriod(now: Date): { startsOn: string; endsOn: string } {
  const startsOn = mexicoCityDate(now);
  const [year, month, day] = startsOn.split('-').map(Number);
  return { startsOn, endsOn: isoDay(new Date(year + 1, month - 1, day)) };
}

export function fillFromAgreement(form: AgreementForm, agreement: Agreement): void {
  form.reset({
    providerOrganizationId: agreement.providerOrganizationId,
    datasetIds: [...agreement.datasetIds],
    purpose: agreement.purpose,
    legalBasis: agreement.legalBasis,
    permittedUses: [...agreement.permittedUses],
    prohibitedUses: [...agreement.prohibitedUses],
    anonymization: { ...agreement.anonymization },
    retentionDays: agreement.retentionDays,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    changeSummary: '',
  });
}

function terms(value: AgreementFormValue) {
  return {
    datasetIds: value.datasetIds,
    purpose: value.purpose.trim(),
    legalBasis: value.legalBasis.trim(),
    permittedUses: value.permittedUses,
    prohibitedUses: value.prohibitedUses,
    anonymization: {
      minK: value.anonymization.minK as number,
      removeDirectIdentifiers: value.anonymization.removeDirectIdentifiers,
      finestGeoLevel: value.anonymization.finestGeoLevel,
    },
    retentionDays: value.retentionDays as number,
    startsOn: value.startsOn,
    endsOn: value.endsOn,
  };
}

export function toCreateRequest(value: AgreementFormValue, recipientOrganizationId: string, diagnosticId: string | null): CreateAgreementRequest {
  return {
    ...(diagnosticId ? { diagnosticId } : {}),
    providerOrganizationId: value.providerOrganizationId,
    recipientOrganizationId,
    ...terms(value),
  };
}

export function toUpdateRequest(value: AgreementFormValue): UpdateAgreementRequest {
  const summary = value.changeSummary.trim();
  return { ...terms(value), ...(summary ? { changeSummary: summary } : {}) };
}

/**
 * The contract's own zod check of a request, as the API's error shape: the last word before
 * sending, so the form can never send what the schema refuses (paths as the API names them).
 */
export function checkAgainstContract(request: CreateAgreementRequest | UpdateAgreementRequest, creating: boolean): ErrorResponse | null {
  const result = (creating ? createAgreementSchema : updateAgreementSchema).safeParse(request);
  if (result.success) return null;
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Invalid agreement',
    details: result.error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message })),
  };
}
