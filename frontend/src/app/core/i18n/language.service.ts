import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '@convenio/contracts';
import { firstValueFrom } from 'rxjs';

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'convenio.lang';

/**
 * The active language of the portal. Switching loads the translations first, then
 * activates them (no reload), sets <html lang> and remembers the choice.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly activeLocale = signal<Locale>(DEFAULT_LOCALE);
  private lastRequest = 0;

  readonly available: readonly Locale[] = LOCALES;
  /** The active locale; also the locale for number and date pipes. */
  readonly active = this.activeLocale.asReadonly();

  /** At start: the remembered language, otherwise es-MX (never the browser's language). */
  init(): Promise<void> {
    return this.apply(this.remembered() ?? DEFAULT_LOCALE);
  }

  /** Switches at run time and remembers the choice. */
  async use(locale: Locale): Promise<void> {
    await this.apply(locale);
    this.remember(locale);
  }

  private async apply(locale: Locale): Promise<void> {
    const request = ++this.lastRequest;
    await firstValueFrom(this.transloco.load(locale));
    if (request !== this.lastRequest) return; // a later choice won the race
    this.transloco.setActiveLang(locale);
    this.activeLocale.set(locale);
    this.document.documentElement.lang = locale;
  }

  private remembered(): Locale | null {
    try {
      const value = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLocale(value) ? value : null;
    } catch {
      return null; // storage disabled (privacy mode): fall back to the default
    }
  }

  private remember(locale: Locale): void {
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, locale);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }
}
