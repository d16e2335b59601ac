import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { DataRequest, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { DATA_REQUESTS_URL } from '../data-access/data-requests.api';
import { DataRequestsPageComponent } from './data-requests-page.component';

const OTHER = '00000000-0000-4000-8000-0000000000b2';

function dataRequest(overrides: Partial<DataRequest> = {}): DataRequest {
  return {
    id: '00000000-0000-4000-8000-00000000a001',
    diagnosticId: '00000000-0000-4000-8000-00000000e001',
    diagnosticTitle: 'Comercio minorista en el Bajío',
    needId: '00000000-0000-4000-8000-00000000f002',
    needTopic: 'Consumo eléctrico de los comercios',
    addressedOrganizationId: ORGANIZATION_ID,
    addressedOrganizationName: 'Organización de Prueba',
    requesterOrganizationId: OTHER,
    requesterOrganizationName: 'Secretaría de Economía',
    message: 'Necesitamos el consumo eléctrico.',
    status: 'open',
    response: null,
    datasetId: null,
    datasetTitle: null,
    createdById: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    answeredAt: null,
    ...overrides,
  };
}

describe('DataRequestsPageComponent', () => {
  let fixture: ComponentFixture<DataRequestsPageComponent>;
  let backend: HttpTestingController;
  const all = (testId: string): HTMLElement[] => Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`));

  async function open(roles: Role[], items: DataRequest[]): Promise<void> {
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
    await signInAs(roles);
    fixture = TestBed.createComponent(DataRequestsPageComponent);
    await settle();
    backend.expectOne((request) => request.url === DATA_REQUESTS_URL).flush({ items, total: items.length, page: 1, pageSize: 25 });
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('lets a steward answer open requests addressed to their organization only', async () => {
    await open(['steward'], [dataRequest(), dataRequest({ id: '00000000-0000-4000-8000-00000000a002', status: 'answered', response: 'Listo.' })]);
    expect(all('data-request-row')).toHaveLength(2);
    expect(all('data-request-status').map((cell) => cell.textContent?.trim())).toEqual(['Abierta', 'Respondida']);
    expect(all('data-request-answer')).toHaveLength(1);
    expect(all('data-request-response')[0].textContent).toContain('Listo.');
  });

  it('shows an official the requests without answering', async () => {
    await open(['official'], [dataRequest({ addressedOrganizationId: OTHER })]);
    expect(all('data-request-row')).toHaveLength(1);
    expect(all('data-request-answer')).toHaveLength(0);
  });
});
