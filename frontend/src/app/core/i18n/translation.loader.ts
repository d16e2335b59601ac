import { Injectable } from '@angular/core';
import type { Translation, TranslocoLoader } from '@jsverse/transloco';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@convenio/contracts';
import { from, map, type Observable } from 'rxjs';

type TranslationModule = Promise<{ default: Translation }>;

/**
 * Translations are bundled with the app, one lazy chunk per language (esbuild splits the
 * dynamic imports): no HTTP request and no base-URL concerns, wherever the app is served.
 */
const TRANSLATIONS: Record<Locale, () => TranslationModule> = {
  'es-MX': () => import('../../../assets/i18n/es-MX.json'),
  en: () => import('../../../assets/i18n/en.json'),
};

@Injectable({ providedIn: 'root' })
export class BundledTranslationLoader implements TranslocoLoader {
  getTranslation(lang: string): Observable<Translation> {
    const locale: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
    return from(TRANSLATIONS[locale]()).pipe(map((module) => module.default));
  }
}
