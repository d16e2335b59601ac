import { Pipe, type PipeTransform, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

/**
 * A term of a vocabulary in words of the active language when the portal knows it, else as
 * it is: `'explain' | cvTerm: 'actions'` → `actions.explain` if translated, otherwise "explain".
 * For values that come from the API or policies and may be newer than the translations.
 * Impure: follows language switches.
 */
@Pipe({ name: 'cvTerm', pure: false })
export class TermPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(value: string | null | undefined, vocabulary: string): string {
    if (!value) return '';
    const key = `${vocabulary}.${value}`;
    const known = Object.hasOwn(this.transloco.getTranslation(this.transloco.getActiveLang()), key);
    return known ? this.transloco.translate(key) : value;
  }
}
