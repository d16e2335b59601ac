import type { AbstractControl } from '@angular/forms';
import type { ErrorResponse } from '@convenio/contracts';

/** `body.rfc` → `rfc`; `body.permissions.2` → `permissions.2`. */
export function fieldOfPath(path: string): string {
  return path.replace(/^body\./, '');
}

/**
 * Puts the API's field errors (`details: [{path: 'body.field', message}]` of a 400/409/422)
 * next to the fields: each named control gets `{server: message}` and is marked touched.
 * `aliases` maps API field names to control names. Returns the messages no control took.
 */
export function applyServerErrors(form: AbstractControl, error: ErrorResponse, aliases: Record<string, string> = {}): string[] {
  if (!Array.isArray(error.details)) return [];
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = fieldOfPath(detail.path).split('.')[0];
    const control = form.get(aliases[field] ?? field);
    if (control) {
      control.setErrors({ ...control.errors, server: detail.message });
      control.markAsTouched();
    } else {
      unplaced.push(`${fieldOfPath(detail.path)}: ${detail.message}`);
    }
  }
  return unplaced;
}
