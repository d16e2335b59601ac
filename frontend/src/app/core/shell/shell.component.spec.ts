import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@convenio/contracts';
import { of } from 'rxjs';
import { initializeApp, settle } from '../../../testing/i18n-testing';
import { signInAs } from '../../../testing/session-testing';
import { provideAuthz } from '../authz/authz.service';
import { provideI18n } from '../i18n/i18n.providers';
import { LOGOUT_URL } from '../session/session.api';
import { SessionService } from '../session/session.service';
import { NAV_ITEMS, type NavItem } from './nav-items';
import { ShellComponent } from './shell.component';

describe('ShellComponent', () => {
  let fixture: ComponentFixture<ShellComponent>;

  async function render(...providers: Provider[]): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18n(), provideAuthz(), ...providers],
    });
    await initializeApp();
    fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
  }

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const links = (): HTMLAnchorElement[] => Array.from(fixture.nativeElement.querySelectorAll('a.nav-item'));
  const labels = (): string[] => links().map((link) => link.textContent?.trim() ?? '');
  const navIds = (): string[] => links().map((link) => link.getAttribute('data-testid') ?? '');

  beforeEach(() => localStorage.clear());

  it('shows the public navigation to a signed-out visitor: Inicio, Organizaciones, Acerca de, and "Ingresar"', async () => {
    await render();
    expect(labels()).toEqual(['Inicio', 'Catálogo', 'Datos abiertos', 'Registro de convenios', 'Organizaciones', 'Acerca de']);
    expect(navIds()).toEqual(['nav-home', 'nav-catalog', 'nav-public-catalog', 'nav-public-register', 'nav-organizations', 'nav-about']);
    expect(links().map((link) => link.getAttribute('href'))).toEqual(['/', '/catalogo', '/datos-abiertos', '/registro-de-convenios', '/organizaciones', '/acerca']);
    expect(el('login-link')?.textContent?.trim()).toBe('Ingresar');
    expect(el('account-menu')).toBeNull();
    expect(fixture.nativeElement.querySelector('.brand')?.textContent?.trim()).toBe('Convenio');
  });

  it('renders whatever the nav items array holds, in order, when allowed', async () => {
    const items: NavItem[] = [
      { path: '/acerca', key: 'about', labelKey: 'nav.about', icon: 'info' },
      { path: '/catalogo', key: 'catalog', labelKey: 'nav.home', icon: 'home' },
      { path: '/oculto', key: 'hidden', labelKey: 'nav.audit', icon: 'history', can: { action: 'read', subject: 'AuditEntry' } },
      { path: '/miembros', key: 'members', labelKey: 'nav.users', icon: 'people', signedIn: true },
      { path: '/otro', key: 'other', labelKey: 'notFound.title', icon: 'error' },
    ];
    await render({ provide: NAV_ITEMS, useValue: items });
    expect(labels()).toEqual(['Acerca de', 'Inicio', 'Página no encontrada']);
    expect(links().map((link) => link.getAttribute('href'))).toEqual(['/acerca', '/catalogo', '/otro']);
  });

  const menus: Array<[string, Role[], string[]]> = [
    ['admin', ['admin'], ['home', 'catalog', 'public-catalog', 'public-register', 'agreements', 'organizations', 'users', 'api-keys', 'workflow-definitions', 'about']],
    ['official', ['official'], ['home', 'catalog', 'public-catalog', 'public-register', 'diagnostics', 'data-requests', 'agreements', 'approvals', 'lineage', 'compliance', 'pipeline', 'organizations', 'users', 'audit', 'about']],
    ['steward', ['steward'], ['home', 'catalog', 'public-catalog', 'public-register', 'data-requests', 'agreements', 'approvals', 'anonymization', 'lineage', 'organizations', 'users', 'api-keys', 'about']],
    ['partner and steward', ['partner', 'steward'], ['home', 'catalog', 'public-catalog', 'public-register', 'data-requests', 'agreements', 'approvals', 'anonymization', 'lineage', 'organizations', 'users', 'api-keys', 'about']],
    ['partner', ['partner'], ['home', 'catalog', 'public-catalog', 'public-register', 'agreements', 'organizations', 'users', 'about']],
    ['auditor', ['auditor'], ['home', 'catalog', 'public-catalog', 'public-register', 'diagnostics', 'data-requests', 'agreements', 'anonymization', 'lineage', 'compliance', 'pipeline', 'organizations', 'users', 'api-keys', 'audit', 'about']],
  ];

  it.each(menus)('shows the %s exactly the pages their ability allows', async (_name, roles, expected) => {
    await render();
    await signInAs(roles);
    await fixture.whenStable();
    expect(navIds()).toEqual(expected.map((key) => `nav-${key}`));
    expect(el('login-link')).toBeNull();
    expect(el('account-menu')).not.toBeNull();
  });

  it('follows sign-in and sign-out without reloading, and shows who is signed in', async () => {
    await render();
    expect(navIds()).not.toContain('nav-audit');

    await signInAs(['auditor'], { fullName: 'Elena Cárdenas Ruiz', organization: { id: '00000000-0000-4000-8000-0000000000bb', name: 'Secretaría de la Función Pública', sector: 'public' } });
    await fixture.whenStable();
    expect(navIds()).toContain('nav-audit');
    expect(el('account-name')?.textContent?.trim()).toBe('Elena Cárdenas Ruiz');
    el('account-menu')?.click();
    await fixture.whenStable();
    const details = document.querySelector('[data-testid="account-details"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(details).toContain('Secretaría de la Función Pública');
    expect(details).toContain('Roles: Auditor');

    (document.querySelector('[data-testid="logout"]') as HTMLButtonElement).click();
    TestBed.inject(HttpTestingController).expectOne(LOGOUT_URL).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    await fixture.whenStable();
    expect(TestBed.inject(SessionService).signedIn()).toBe(false);
    expect(navIds()).toEqual(['nav-home', 'nav-catalog', 'nav-public-catalog', 'nav-public-register', 'nav-organizations', 'nav-about']);
    expect(el('login-link')).not.toBeNull();
  });

  it('has no menu button on wide screens, and one on phones', async () => {
    await render();
    expect(el('nav-toggle')).toBeNull();
    TestBed.resetTestingModule();

    const phone = { observe: () => of({ matches: true, breakpoints: {} }) };
    await render({ provide: BreakpointObserver, useValue: phone });
    const toggle = el('nav-toggle') as HTMLButtonElement;
    expect(toggle).not.toBeNull();
    expect(toggle.getAttribute('aria-label')).toBe('Mostrar u ocultar la navegación');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('switches the language from the toolbar menu without reloading', async () => {
    await render();
    el('language-switcher')?.click();
    await fixture.whenStable();
    const english = document.querySelector('[data-testid="language-en"]') as HTMLButtonElement;
    expect(english).not.toBeNull();
    english.click();
    await settle();
    await fixture.whenStable();

    expect(labels()).toEqual(['Home', 'Catalog', 'Open data', 'Agreement register', 'Organizations', 'About']);
    expect(el('login-link')?.textContent?.trim()).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('convenio.lang')).toBe('en');
  });
});
