import type { AbstractControl } from '@angular/forms';
import type { ErrorResponse } from '@convenio/contracts';

/**
 * Puts the API's field errors (`details: [{path: 'body.columns.2.name', message}]`) on the closest
 * control: the full path when the form has it (`columns.2.name`), else its parents
 * (`geoCodes.3` → `geoCodes`). Returns the messages no control took, with their field.
 */
export function placeServerErrors(form: AbstractControl, error: ErrorResponse, aliases: Record<string, string> = {}): string[] {
  if (!Array.isArray(error.details)) return [];
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '');
    const parts = field.split('.');
    parts[0] = aliases[parts[0]] ?? parts[0];
    let control: AbstractControl | null = null;
    for (let length = parts.length; length > 0 && !control; length--) control = form.get(parts.slice(0, length).join('.'));
    if (control && control !== form) {
      control.setErrors({ ...control.errors, server: detail.message });
      control.markAsTouched();
    } else {
      unplaced.push(`${field}: ${detail.message}`);
    }
  }
  return unplaced;
}
