import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { initializeApp } from '../../../testing/i18n-testing';
import { provideI18n } from './i18n.providers';
import { LANGUAGE_STORAGE_KEY, LanguageService } from './language.service';

describe('LanguageService', () => {
  async function start(): Promise<{ language: LanguageService; transloco: TranslocoService }> {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideI18n()] });
    await initializeApp();
    return { language: TestBed.inject(LanguageService), transloco: TestBed.inject(TranslocoService) };
  }

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  it('starts in es-MX when nothing is remembered, whatever the browser says', async () => {
    const { language, transloco } = await start();
    expect(language.active()).toBe('es-MX');
    expect(transloco.getActiveLang()).toBe('es-MX');
    expect(transloco.translate('nav.about')).toBe('Acerca de');
    expect(document.documentElement.lang).toBe('es-MX');
  });

  it('switches es-MX → en → es-MX at run time, persisting each choice', async () => {
    const { language, transloco } = await start();

    await language.use('en');
    expect(language.active()).toBe('en');
    expect(transloco.translate('nav.about')).toBe('About');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    await language.use('es-MX');
    expect(language.active()).toBe('es-MX');
    expect(transloco.translate('nav.about')).toBe('Acerca de');
    expect(document.documentElement.lang).toBe('es-MX');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('es-MX');
  });

  it('starts in the remembered language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const { language, transloco } = await start();
    expect(language.active()).toBe('en');
    expect(transloco.translate('home.title')).toBe('Welcome to Convenio');
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores a remembered value that is not a portal language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    const { language } = await start();
    expect(language.active()).toBe('es-MX');
  });

  it('keeps the last choice when two switches overlap', async () => {
    const { language } = await start();
    await Promise.all([language.use('en'), language.use('es-MX')]);
    expect(language.active()).toBe('es-MX');
    expect(document.documentElement.lang).toBe('es-MX');
  });
});
