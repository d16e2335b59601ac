import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { TranslocoService } from '@jsverse/transloco';

/** Server messages the portal knows how to say in every language (others are shown as sent). */
const KNOWN_SERVER_MESSAGES: Record<string, string> = {
  'already registered': 'validation.taken',
  'must be in the future': 'validation.future',
  'no such organization': 'validation.unknownOrganization',
};

function paramsOf(name: string, value: unknown): Record<string, unknown> {
  const details = (value ?? {}) as { requiredLength?: number; min?: number; max?: number };
  if (name === 'minlength' || name === 'maxlength') return { length: details.requiredLength };
  if (name === 'min') return { min: details.min };
  if (name === 'max') return { max: details.max };
  if (name === 'server') return { message: String(value) };
  return {};
}

/**
 * The first error of a form control, in words of the active language: `validation.<error>`
 * (required, email, minlength, …), a key given per error name (`{ pattern: 'organizations.rfcPattern' }`),
 * or the API's message for the field (`server`, set by `applyServerErrors`).
 * Impure: controls change without changing identity.
 */
@Pipe({ name: 'cvControlError', pure: false })
export class ControlErrorPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(control: AbstractControl | null | undefined, keys: Record<string, string> = {}): string {
    const errors = control?.errors;
    if (!errors) return '';
    const [name, value] = Object.entries(errors)[0];
    if (name === 'server' && KNOWN_SERVER_MESSAGES[String(value)]) return this.transloco.translate(KNOWN_SERVER_MESSAGES[String(value)]);
    return this.transloco.translate(keys[name] ?? `validation.${name}`, paramsOf(name, value));
  }
}
