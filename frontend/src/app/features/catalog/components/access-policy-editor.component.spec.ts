import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { DatasetAccessPolicy, DatasetAccessPolicyInput, Organization } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { CATALOG_ORGANIZATIONS_URL, DATASETS_URL } from '../data-access/catalog.api';
import { toPolicyInput } from '../data-access/policy-form';
import { AccessPolicyEditorComponent } from './access-policy-editor.component';

const ID = '00000000-0000-4000-8000-00000000d001';
const TELCO = '00000000-0000-4000-8000-0000000000c1';

function organization(id: string, name: string): Organization {
  return { id, name, sector: 'private', rfc: null, stateCode: null, active: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

const CURRENT: DatasetAccessPolicy = {
  datasetId: ID,
  version: 1,
  metadata: { everyone: false, signedIn: true, sectors: [], organizationIds: [] },
  request: { everyone: false, signedIn: false, sectors: ['public'], organizationIds: [] },
  hiddenColumns: [],
  rules: [],
  sentences: ['…'],
  createdAt: '2026-02-01T00:00:00.000Z',
  createdById: null,
};

describe('AccessPolicyEditorComponent', () => {
  let fixture: ComponentFixture<AccessPolicyEditorComponent>;
  let backend: HttpTestingController;

  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const overlay = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  async function choose(trigger: HTMLElement | null, optionTestId: string): Promise<void> {
    (trigger?.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
    await stable();
    overlay(optionTestId)?.click();
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
    fixture = TestBed.createComponent(AccessPolicyEditorComponent);
    fixture.componentRef.setInput('datasetId', ID);
    fixture.componentRef.setInput('policy', CURRENT);
    fixture.componentRef.setInput('columns', ['curp', 'edad_madre']);
    await stable();
    backend.expectOne((request) => request.url === CATALOG_ORGANIZATIONS_URL).flush({ items: [organization(TELCO, 'TelcoMX S.A. de C.V.')], total: 1, page: 1, pageSize: 200 });
    await stable();
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((container) => (container.innerHTML = ''));
  });

  it('starts from the current version and builds the PUT body from the choices', async () => {
    expect((el('policy-metadata-signedIn')?.querySelector('input') as HTMLInputElement).checked).toBe(true);
    expect((el('policy-request-sector-public')?.querySelector('input') as HTMLInputElement).checked).toBe(true);

    (el('policy-metadata-everyone')?.querySelector('input') as HTMLInputElement).click();
    (el('policy-request-sector-private')?.querySelector('input') as HTMLInputElement).click();
    await stable();
    await choose(el('policy-request-organizations'), `policy-org-option-${TELCO}`);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    el('policy-hidden-add')?.click();
    await stable();
    await choose(el('policy-hidden-column'), 'policy-hidden-column-curp');
    await choose(el('policy-hidden-from'), 'policy-hidden-from-everyone');

    (el('policy-save') as HTMLButtonElement).click();
    await stable();
    const put = backend.expectOne(`${DATASETS_URL}/${ID}/access-policy`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      metadata: { everyone: true, signedIn: false, sectors: [], organizationIds: [] },
      request: { everyone: false, signedIn: false, sectors: ['public', 'private'], organizationIds: [TELCO] },
      hiddenColumns: [{ column: 'curp', hiddenFrom: 'everyone' }],
    } satisfies DatasetAccessPolicyInput);

    const saved: DatasetAccessPolicy[] = [];
    fixture.componentInstance.saved.subscribe((policy) => saved.push(policy));
    put.flush({ ...CURRENT, version: 2, ...(put.request.body as DatasetAccessPolicyInput), sentences: ['Cualquier persona…'] });
    await stable();
    expect(saved.map((policy) => policy.version)).toEqual([2]);
  });

  it('shows the API field errors next to the fields', async () => {
    el('policy-hidden-add')?.click();
    await stable();
    await choose(el('policy-hidden-column'), 'policy-hidden-column-edad_madre');
    (el('policy-save') as HTMLButtonElement).click();
    await stable();
    backend
      .expectOne(`${DATASETS_URL}/${ID}/access-policy`)
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'Invalid access policy', details: [{ path: 'body.hiddenColumns.0.column', message: 'the dataset has no column edad_madre' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await stable();
    expect(el('policy-error')?.textContent).toContain('Revise los campos marcados');
    expect(fixture.nativeElement.querySelector('[data-testid="policy-hidden-row"] mat-error')?.textContent).toContain('the dataset has no column edad_madre');
  });
});

describe('toPolicyInput', () => {
  it('drops empty rows, keeps each column once (the stricter choice) and lets "everyone" stand alone', () => {
    expect(
      toPolicyInput({
        metadata: { everyone: true, signedIn: true, sectors: ['public', 'public'], organizationIds: [] },
        request: { everyone: false, signedIn: true, sectors: [], organizationIds: [TELCO, TELCO] },
        hiddenColumns: [
          { column: ' curp ', hiddenFrom: 'everyone' },
          { column: 'curp', hiddenFrom: 'outsideOwner' },
          { column: '', hiddenFrom: 'everyone' },
          { column: 'edad', hiddenFrom: 'outsideOwner' },
        ],
      }),
    ).toEqual({
      metadata: { everyone: true, signedIn: false, sectors: ['public'], organizationIds: [] },
      request: { everyone: false, signedIn: true, sectors: [], organizationIds: [TELCO] },
      hiddenColumns: [
        { column: 'curp', hiddenFrom: 'everyone' },
        { column: 'edad', hiddenFrom: 'outsideOwner' },
      ],
    });
  });
});
