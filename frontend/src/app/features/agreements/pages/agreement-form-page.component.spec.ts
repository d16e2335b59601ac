import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import type { Agreement, CreateAgreementRequest, Dataset, Organization } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { AGREEMENTS_URL, AGREEMENT_DATASETS_URL, AGREEMENT_ORGANIZATIONS_URL } from '../data-access/agreements.api';
import { AgreementFormPageComponent } from './agreement-form-page.component';

const INEGI = '00000000-0000-4000-8000-0000000000b1';
const DIAGNOSTIC = '00000000-0000-4000-8000-0000000000d1';
const CENSUS = '00000000-0000-4000-8000-00000000d001';
const SURVEY = '00000000-0000-4000-8000-00000000d002';

const organization = (id: string, name: string) => ({ id, name }) as Organization;
const dataset = (id: string, title: string) => ({ id, title, ownerOrganizationId: INEGI }) as Dataset;

describe('AgreementFormPageComponent (new draft)', () => {
  let fixture: ComponentFixture<AgreementFormPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const form = () => fixture.componentInstance['form'];

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  function type(testId: string, value: string): void {
    const input = el(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function addUse(value: string): Promise<void> {
    const input = el('agreement-permitted-use-input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
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
    await signInAs(['official']);
    fixture = TestBed.createComponent(AgreementFormPageComponent);
    // The diagnostic wizard's link: /convenios/nuevo?diagnostico=…&proveedor=…&datasets=a,b
    fixture.componentRef.setInput('diagnostico', DIAGNOSTIC);
    fixture.componentRef.setInput('proveedor', INEGI);
    fixture.componentRef.setInput('datasets', `${CENSUS},${SURVEY}`);
    await stable();
    backend
      .expectOne((request) => request.url === AGREEMENT_ORGANIZATIONS_URL)
      .flush({ items: [organization(INEGI, 'INEGI'), organization(ORGANIZATION_ID, 'Organización de Prueba')], total: 2, page: 1, pageSize: 200 });
    const datasets = backend.expectOne((request) => request.url === AGREEMENT_DATASETS_URL);
    expect(datasets.request.params.get('owner')).toBe(INEGI);
    datasets.flush({ items: [dataset(CENSUS, 'Censo 2020'), dataset(SURVEY, 'ENOE')], total: 2, page: 1, pageSize: 100 });
    await stable();
  });

  afterEach(() => backend.verify());

  it('prefills provider and datasets from the query parameters; the recipient is the caller’s organization', () => {
    expect(form().controls.providerOrganizationId.value).toBe(INEGI);
    expect(form().controls.datasetIds.value).toEqual([CENSUS, SURVEY]);
    expect((el('agreement-recipient') as HTMLInputElement).value).toBe('Organización de Prueba');
    expect(el('agreement-provider')?.textContent).toContain('INEGI');
    expect(el('agreement-datasets')?.textContent).toContain('Censo 2020');
    // The caller's own organization is not offered as provider.
    expect(fixture.componentInstance['providers']().map((candidate: Organization) => candidate.id)).toEqual([INEGI]);
  });

  it('validates like the contract before sending', async () => {
    type('agreement-purpose', 'corto');
    form().controls.startsOn.setValue('2026-03-01');
    form().controls.endsOn.setValue('2026-02-01');
    await stable();
    (el('agreement-save') as HTMLButtonElement).click();
    await stable();
    backend.expectNone(AGREEMENTS_URL);
    expect(el('agreement-save-error')?.textContent).toContain('Revise los campos marcados');
    const errors = Array.from(fixture.nativeElement.querySelectorAll('mat-error')).map((node) => (node as HTMLElement).textContent);
    expect(errors.join(' ')).toContain('al menos 10 caracteres');
    expect(errors.join(' ')).toContain('El fin debe ser posterior al inicio');
    expect(form().controls.permittedUses.errors).toEqual({ required: true });
  });

  it('posts the draft with the diagnostic and shows the API’s field errors by their fields', async () => {
    type('agreement-purpose', 'Medir la movilidad laboral por municipio.');
    type('agreement-legal-basis', 'Ley del Sistema Nacional de Información Estadística y Geográfica, art. 37');
    await addUse('Estadística agregada');
    await addUse('ab'); // too short: refused, with a message
    expect(el('agreement-permitted-use-input-invalid')).not.toBeNull();
    form().controls.startsOn.setValue('2026-03-01');
    form().controls.endsOn.setValue('2027-02-28');
    await stable();
    (el('agreement-save') as HTMLButtonElement).click();
    await stable();

    const post = backend.expectOne(AGREEMENTS_URL);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      diagnosticId: DIAGNOSTIC,
      providerOrganizationId: INEGI,
      recipientOrganizationId: ORGANIZATION_ID,
      datasetIds: [CENSUS, SURVEY],
      purpose: 'Medir la movilidad laboral por municipio.',
      legalBasis: 'Ley del Sistema Nacional de Información Estadística y Geográfica, art. 37',
      permittedUses: ['Estadística agregada'],
      prohibitedUses: [],
      anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
      retentionDays: 365,
      startsOn: '2026-03-01',
      endsOn: '2027-02-28',
    } satisfies CreateAgreementRequest);
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid agreement',
        details: [
          { path: 'body.anonymization.minK', message: 'k too small for municipal data' },
          { path: 'body.recipientOrganizationId', message: 'provider and recipient must be different organizations' },
          { path: 'body.diagnosticId', message: 'no such diagnostic' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(form().controls.anonymization.controls.minK.errors).toEqual({ server: 'k too small for municipal data' });
    expect(form().controls.providerOrganizationId.errors).toEqual({ server: 'provider and recipient must be different organizations' });
    expect(el('agreement-save-details')?.textContent).toContain('diagnosticId: no such diagnostic');
    const errors = Array.from(fixture.nativeElement.querySelectorAll('mat-error')).map((node) => (node as HTMLElement).textContent);
    expect(errors.join(' ')).toContain('k too small for municipal data');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    type('agreement-min-k', '10');
    form().controls.providerOrganizationId.updateValueAndValidity();
    await stable();
    (el('agreement-save') as HTMLButtonElement).click();
    await stable();
    backend.expectOne(AGREEMENTS_URL).flush({ id: 'new-agreement' });
    await stable();
    expect(navigate).toHaveBeenCalledWith(['/convenios', 'new-agreement']);
  });
});

describe('AgreementFormPageComponent (editing)', () => {
  it('loads the agreement, fixes the parties and PATCHes only terms with the change summary', async () => {
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
    const backend = TestBed.inject(HttpTestingController);
    await signInAs(['official']);
    const fixture = TestBed.createComponent(AgreementFormPageComponent);
    const stable = async () => {
      await settle();
      await fixture.whenStable();
    };
    const id = '00000000-0000-4000-8000-00000000a001';
    fixture.componentRef.setInput('id', id);
    await stable();
    backend.expectOne((request) => request.url === AGREEMENT_ORGANIZATIONS_URL).flush({ items: [organization(INEGI, 'INEGI')], total: 1, page: 1, pageSize: 200 });
    backend.expectOne(`${AGREEMENTS_URL}/${id}`).flush({
      id,
      reference: 'CONV-2026-0001',
      state: 'changes_requested',
      providerOrganizationId: INEGI,
      recipientOrganizationId: ORGANIZATION_ID,
      recipientOrganizationName: 'Organización de Prueba',
      datasetIds: [CENSUS],
      purpose: 'Medir la movilidad laboral por municipio.',
      legalBasis: 'LSNIEG art. 37',
      permittedUses: ['Estadística agregada'],
      prohibitedUses: ['Reidentificar personas'],
      anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
      retentionDays: 365,
      startsOn: '2026-03-01',
      endsOn: '2027-02-28',
    } as unknown as Agreement);
    await stable();
    backend.expectOne((request) => request.url === AGREEMENT_DATASETS_URL).flush({ items: [dataset(CENSUS, 'Censo 2020')], total: 1, page: 1, pageSize: 100 });
    await stable();
    const form = fixture.componentInstance['form'];
    expect(form.controls.providerOrganizationId.disabled).toBe(true);
    expect(fixture.nativeElement.querySelector('[data-testid="page-title"]').textContent).toContain('Editar CONV-2026-0001');

    form.controls.anonymization.controls.minK.setValue(10);
    form.controls.changeSummary.setValue('k mayor');
    await stable();
    (fixture.nativeElement.querySelector('[data-testid="agreement-save"]') as HTMLButtonElement).click();
    await stable();
    const patch = backend.expectOne({ method: 'PATCH', url: `${AGREEMENTS_URL}/${id}` });
    expect(patch.request.body).not.toHaveProperty('providerOrganizationId');
    expect(patch.request.body).toEqual(expect.objectContaining({ anonymization: { minK: 10, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' }, prohibitedUses: ['Reidentificar personas'], changeSummary: 'k mayor' }));
    patch.flush({ statusCode: 409, error: 'Conflict', message: 'Terms are frozen in review' }, { status: 409, statusText: 'Conflict' });
    await stable();
    expect(fixture.nativeElement.querySelector('[data-testid="agreement-save-error"]').textContent).toContain('Terms are frozen in review');
    backend.verify();
  });
});
