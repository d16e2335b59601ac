import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { Organization } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { ORGANIZATIONS_URL } from '../data-access/organizations.api';
import { OrganizationFormDialogComponent, type OrganizationFormData } from './organization-form-dialog.component';

describe('OrganizationFormDialogComponent', () => {
  let backend: HttpTestingController;
  let dialog: MatDialog;

  const q = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const fieldOf = (testId: string): string => q(testId)?.closest('mat-form-field')?.textContent?.replace(/\s+/g, ' ') ?? '';

  beforeEach(async () => {
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
    dialog = TestBed.inject(MatDialog);
  });

  afterEach(() => {
    dialog.closeAll();
    backend.verify();
  });

  async function openAndSave(rfc: string): Promise<void> {
    dialog.open<OrganizationFormDialogComponent, OrganizationFormData, Organization>(OrganizationFormDialogComponent, { data: {} });
    await settle();
    const type = (testId: string, value: string) => {
      const input = q(testId) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('org-name', 'Datos del Norte S.A.');
    type('org-rfc', rfc);
    (q('org-sector') as HTMLElement).click();
    await settle();
    (q('org-sector-private') as HTMLElement).click();
    await settle();
    q('org-save')?.click();
    await settle();
  }

  it('sends the organization with empty optional fields as null and the RFC in capitals', async () => {
    await openAndSave('dne150310ab1');
    const request = backend.expectOne(ORGANIZATIONS_URL);
    expect(request.request.body).toEqual({
      name: 'Datos del Norte S.A.',
      sector: 'private',
      rfc: 'DNE150310AB1',
      stateCode: null,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
    });
    request.flush({}, { status: 201, statusText: 'Created' });
  });

  it('shows a 400 naming body.rfc next to the RFC field', async () => {
    await openAndSave('DNE151310AB1');
    backend.expectOne(ORGANIZATIONS_URL).flush(
      { statusCode: 400, error: 'Bad Request', message: 'Invalid RFC', details: [{ path: 'body.rfc', message: 'RFC date 151310 is not a real date' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(fieldOf('org-rfc')).toContain('RFC date 151310 is not a real date');
    expect(q('org-form-error')?.textContent).toContain('Revise los campos marcados.');
  });

  it('says a duplicate RFC (409) is already registered, next to the field', async () => {
    await openAndSave('SEC820101AB1');
    backend.expectOne(ORGANIZATIONS_URL).flush(
      { statusCode: 409, error: 'Conflict', message: 'Another organization already has the RFC SEC820101AB1', details: [{ path: 'body.rfc', message: 'already registered' }] },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(fieldOf('org-rfc')).toContain('Ya está registrado.');
  });

  it('refuses a malformed RFC before asking the server', async () => {
    await openAndSave('ABC');
    backend.expectNone(ORGANIZATIONS_URL);
    expect(fieldOf('org-rfc')).toContain('3 letras, la fecha AAMMDD');
  });
});
