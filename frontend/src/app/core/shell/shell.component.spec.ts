import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { initializeApp, settle } from '../../../testing/i18n-testing';
import { provideI18n } from '../i18n/i18n.providers';
import { NAV_ITEMS, type NavItem } from './nav-items';
import { ShellComponent } from './shell.component';

describe('ShellComponent', () => {
  let fixture: ComponentFixture<ShellComponent>;

  async function render(...providers: Provider[]): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18n(), ...providers],
    });
    await initializeApp();
    fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
  }

  const links = (): HTMLAnchorElement[] => Array.from(fixture.nativeElement.querySelectorAll('[data-testid="nav-item"]'));
  const labels = (): string[] => links().map((link) => link.textContent?.trim() ?? '');

  beforeEach(() => localStorage.clear());

  it('renders the default navigation: Inicio and Acerca de', async () => {
    await render();
    expect(labels()).toEqual(['Inicio', 'Acerca de']);
    expect(links().map((link) => link.getAttribute('href'))).toEqual(['/', '/acerca']);
    expect(fixture.nativeElement.querySelector('.brand')?.textContent?.trim()).toBe('Convenio');
  });

  it('renders whatever the nav items array holds, in order', async () => {
    const items: NavItem[] = [
      { path: '/acerca', labelKey: 'nav.about', icon: 'info' },
      { path: '/catalogo', labelKey: 'nav.home', icon: 'home' },
      { path: '/otro', labelKey: 'notFound.title', icon: 'error' },
    ];
    await render({ provide: NAV_ITEMS, useValue: items });
    expect(labels()).toEqual(['Acerca de', 'Inicio', 'Página no encontrada']);
    expect(links().map((link) => link.getAttribute('href'))).toEqual(['/acerca', '/catalogo', '/otro']);
  });

  it('has no menu button on wide screens, and one on phones', async () => {
    await render();
    expect(fixture.nativeElement.querySelector('[data-testid="nav-toggle"]')).toBeNull();
    TestBed.resetTestingModule();

    const phone = { observe: () => of({ matches: true, breakpoints: {} }) };
    await render({ provide: BreakpointObserver, useValue: phone });
    const toggle = fixture.nativeElement.querySelector('[data-testid="nav-toggle"]') as HTMLButtonElement;
    expect(toggle).not.toBeNull();
    expect(toggle.getAttribute('aria-label')).toBe('Mostrar u ocultar la navegación');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('switches the language from the toolbar menu without reloading', async () => {
    await render();
    (fixture.nativeElement.querySelector('[data-testid="language-switcher"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const english = document.querySelector('[data-testid="language-en"]') as HTMLButtonElement;
    expect(english).not.toBeNull();
    english.click();
    await settle();
    await fixture.whenStable();

    expect(labels()).toEqual(['Home', 'About']);
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('convenio.lang')).toBe('en');
  });
});
