import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Agreement, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { AGREEMENTS_URL, AGREEMENT_ORGANIZATIONS_URL } from '../data-access/agreements.api';
import { AgreementsPageComponent } from './agreements-page.component';

const ROW = {
  id: 'a1',
  reference: 'CONV-2026-0001',
  providerOrganizationName: 'INEGI',
  recipientOrganizationName: 'Secretaría de Economía',
  state: 'in_review',
  version: 3,
  startsOn: '2026-03-01',
  endsOn: '2027-02-28',
} as Agreement;

describe('AgreementsPageComponent', () => {
  let fixture: ComponentFixture<AgreementsPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  async function open(roles: Role[]): Promise<void> {
    await signInAs(roles);
    fixture = TestBed.createComponent(AgreementsPageComponent);
    await stable();
    backend.expectOne((request) => request.url === AGREEMENT_ORGANIZATIONS_URL).flush({ items: [], total: 0, page: 1, pageSize: 200 });
    backend.expectOne((request) => request.url === AGREEMENTS_URL).flush({ items: [ROW], total: 1, page: 1, pageSize: 25 });
    await stable();
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
  });

  afterEach(() => backend.verify());

  it('shows reference, parties, state, version and dates; officials may start a new one', async () => {
    await open(['official']);
    const row = el('agreement-row')!;
    expect(row.getAttribute('data-reference')).toBe('CONV-2026-0001');
    expect(row.textContent).toContain('INEGI → Secretaría de Economía');
    expect(row.querySelector('[data-testid="agreement-row-state"]')?.getAttribute('data-state')).toBe('in_review');
    expect(row.textContent).toContain('En revisión');
    expect(el('agreement-link')?.getAttribute('href')).toBe('/convenios/a1');
    expect(el('agreement-new')).not.toBeNull();
  });

  it('filters by state through the API', async () => {
    await open(['partner']);
    expect(el('agreement-new')).toBeNull();
    fixture.componentInstance['setState']('active');
    await stable();
    const request = backend.expectOne((candidate) => candidate.url === AGREEMENTS_URL);
    expect(request.request.params.get('state')).toBe('active');
    expect(request.request.params.get('page')).toBe('1');
    request.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await stable();
    expect(el('agreements-empty')).not.toBeNull();
  });
});
