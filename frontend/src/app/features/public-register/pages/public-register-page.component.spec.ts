import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Page, PublicAgreement } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { SessionService } from '../../../core/session/session.service';
import { PUBLIC_AGREEMENTS_URL } from '../data-access/public-register.api';
import { PublicRegisterPageComponent } from './public-register-page.component';

const ACTIVE: PublicAgreement = {
  id: 'a1',
  reference: 'CONV-2026-0001',
  state: 'active',
  providerOrganizationName: 'INEGI',
  recipientOrganizationName: 'Secretaría de Economía',
  datasets: [{ id: 'd1', title: 'Censo 2020' }, { id: 'd2', title: 'ENOE' }],
  purpose: 'Medir la movilidad laboral por municipio.',
  legalBasis: 'LSNIEG art. 37',
  startsOn: '2026-03-01',
  endsOn: '2027-02-28',
  activatedAt: '2026-03-01T06:00:00Z',
  endedAt: null,
};

describe('PublicRegisterPageComponent', () => {
  let fixture: ComponentFixture<PublicRegisterPageComponent>;
  let backend: HttpTestingController;
  const all = (testId: string): HTMLElement[] => Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`));

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PublicRegisterPageComponent);
    await stable();
  });

  afterEach(() => backend.verify());

  it('renders the register without anyone signed in', async () => {
    expect(TestBed.inject(SessionService).signedIn()).toBe(false);
    const request = backend.expectOne((candidate) => candidate.url === PUBLIC_AGREEMENTS_URL);
    expect(request.request.headers.has('Authorization')).toBe(false);
    expect(request.request.params.get('pageSize')).toBe('20');
    request.flush({ items: [ACTIVE, { ...ACTIVE, id: 'a2', reference: 'CONV-2025-0007', state: 'expired', endedAt: '2026-01-31T06:00:00Z' }], total: 2, page: 1, pageSize: 20 } satisfies Page<PublicAgreement>);
    await stable();
    const rows = all('register-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('INEGI');
    expect(rows[0].textContent).toContain('Secretaría de Economía');
    expect(rows[0].textContent).toContain('Censo 2020');
    expect(rows[0].textContent).toContain('ENOE');
    expect(rows[0].textContent).toContain('LSNIEG art. 37');
    expect(rows[0].textContent).toContain('Medir la movilidad laboral');
    expect(rows[1].querySelector('[data-testid="register-state"]')?.getAttribute('data-state')).toBe('expired');
    expect(all('register-count')[0].textContent).toContain('2 convenios');
  });

  it('searches', async () => {
    backend.expectOne((candidate) => candidate.url === PUBLIC_AGREEMENTS_URL).flush({ items: [ACTIVE], total: 1, page: 1, pageSize: 20 });
    await stable();
    const input = all('register-search')[0] as HTMLInputElement;
    input.value = 'censo';
    input.dispatchEvent(new Event('input'));
    input.form!.dispatchEvent(new Event('submit'));
    await stable();
    const search = backend.expectOne((candidate) => candidate.url === PUBLIC_AGREEMENTS_URL && candidate.params.get('q') === 'censo');
    search.flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await stable();
    expect(all('register-empty')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 450)); // the debounced search sees nothing new
  });
});
