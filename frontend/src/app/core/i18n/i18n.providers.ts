import { registerLocaleData } from '@angular/common';
import localeEsMx from '@angular/common/locales/es-MX';
import { type EnvironmentProviders, LOCALE_ID, type Provider, inject, isDevMode, provideAppInitializer } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';
import { DEFAULT_LOCALE, LOCALES } from '@convenio/contracts';
import { LanguageService } from './language.service';
import { BundledTranslationLoader } from './translation.loader';
import { TranslatedTitleStrategy } from './translated-title.strategy';

/**
 * Transloco with the bundled translations, es-MX by default and as fallback; the
 * remembered language is loaded before the first render (no flash of untranslated keys).
 * Number and date pipes take the active locale explicitly (`LanguageService.active()`).
 */
export function provideI18n(): (Provider | EnvironmentProviders)[] {
  registerLocaleData(localeEsMx, 'es-MX');
  return [
    provideTransloco({
      config: {
        availableLangs: [...LOCALES],
        defaultLang: DEFAULT_LOCALE,
        fallbackLang: DEFAULT_LOCALE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { useFallbackTranslation: true, logMissingKey: true },
      },
      loader: BundledTranslationLoader,
    }),
    { provide: LOCALE_ID, useValue: DEFAULT_LOCALE },
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideAppInitializer(() => inject(LanguageService).init()),
  ];
}
