import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Agreement, Release, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { ANONYMIZATION_JOBS_URL } from '../../anonymization/data-access/anonymization.api';
import { releasesUrl } from '../../anonymization/data-access/releases.api';
import { DATASET_ID, JOB_ID, job, report } from '../../anonymization/testing/anonymization-fixtures';
import { ReleasePanelComponent } from './release-panel.component';

const AGREEMENT_ID = '00000000-0000-4000-8000-00000000a001';
const RECIPIENT = '00000000-0000-4000-8000-0000000000b1';
const URL = releasesUrl(AGREEMENT_ID);

function agreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: AGREEMENT_ID,
    reference: 'CONV-2026-0001',
    diagnosticId: null,
    providerOrganizationId: ORGANIZATION_ID,
    providerOrganizationName: 'Organización de Prueba',
    recipientOrganizationId: RECIPIENT,
    recipientOrganizationName: 'Secretaría de Economía',
    state: 'active',
    version: 1,
    termsHash: 'a'.repeat(64),
    authorId: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    activatedAt: '2026-01-03T00:00:00Z',
    endedAt: null,
    signatures: [],
    datasetIds: [DATASET_ID],
    datasets: [{ id: DATASET_ID, title: 'Padrón de beneficiarios' }],
    purpose: 'Medir la movilidad laboral por municipio.',
    legalBasis: 'LSNIEG art. 37',
    permittedUses: ['Estadística agregada'],
    prohibitedUses: [],
    anonymization: { minK: 10, removeDirectIdentifiers: true, finestGeoLevel: 'state' },
    retentionDays: 365,
    startsOn: '2026-01-01',
    endsOn: '2027-01-01',
    ...overrides,
  };
}

const release: Release = {
  id: '00000000-0000-4000-8000-00000000f001',
  agreementId: AGREEMENT_ID,
  agreementReference: 'CONV-2026-0001',
  agreementVersion: 1,
  name: 'Entrega enero',
  sourceDatasetId: DATASET_ID,
  sourceDatasetTitle: 'Padrón de beneficiarios',
  anonymizationJobId: JOB_ID,
  lineageDataset: { namespace: 'convenio', name: 'releases/CONV-2026-0001/entrega-enero' },
  lineageRunId: '00000000-0000-4000-8000-00000000f002',
  kAchieved: 12,
  records: 980,
  createdById: '00000000-0000-4000-8000-000000000001',
  createdByName: 'Persona de Prueba',
  createdAt: '2026-02-01T00:00:00Z',
};

describe('ReleasePanelComponent', () => {
  let fixture: ComponentFixture<ReleasePanelComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`));

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  async function open(roles: Role[], shown: Agreement, releases: Release[] = [release]): Promise<void> {
    await signInAs(roles);
    fixture = TestBed.createComponent(ReleasePanelComponent);
    fixture.componentRef.setInput('agreement', shown);
    await stable();
    backend.expectOne({ method: 'GET', url: URL }).flush(releases);
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

  it('lists the releases to an official, who may not release', async () => {
    await open(['official'], agreement());
    const rows = all('release-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('Entrega enero');
    expect(rows[0].textContent).toContain('Padrón de beneficiarios');
    expect(rows[0].textContent).toContain('Persona de Prueba');
    expect(el('release-k')?.textContent?.trim()).toBe('12');
    expect(el('release-form')).toBeNull();
  });

  it('offers no form while the agreement is not active', async () => {
    await open(['steward'], agreement({ state: 'approved' }), []);
    expect(el('releases-empty')).not.toBeNull();
    expect(el('release-form')).toBeNull();
  });

  it('lets the provider’s steward release a completed job and lists each failed term of a 422', async () => {
    await open(['steward'], agreement(), []);
    const jobs = backend.expectOne((request) => request.url === ANONYMIZATION_JOBS_URL);
    expect(jobs.request.params.get('state')).toBe('completed');
    jobs.flush({ items: [job({ state: 'completed', progress: 100, datasetId: DATASET_ID, datasetTitle: 'Padrón de beneficiarios', report: report({ kAchieved: 7 }) })], total: 1, page: 1, pageSize: 100 });
    await stable();
    expect(el('release-form')).not.toBeNull();

    (el('release-job')!.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
    await stable();
    (document.querySelector(`[data-testid="release-job-${JOB_ID}"]`) as HTMLElement).click();
    await stable();
    // Dataset and job chosen: the API checks them against the terms before anything is delivered.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stable();
    const check = backend.expectOne({ method: 'POST', url: `${URL}/check` });
    expect(check.request.body).toEqual({ sourceDatasetId: DATASET_ID, anonymizationJobId: JOB_ID });
    check.flush({ ok: false, failures: [{ path: 'terms.anonymization.minK', message: 'k achieved is 7; the agreement requires k ≥ 10' }] });
    await stable();
    expect(all('release-check-term').map((term) => term.getAttribute('data-path'))).toEqual(['terms.anonymization.minK']);
    expect(all('release-check-term')[0].textContent).toContain('k mínimo del convenio: 10');
    expect(el('release-check-ok')).toBeNull();
    const name = el('release-name') as HTMLInputElement;
    name.value = 'Entrega febrero';
    name.dispatchEvent(new Event('input'));
    el('release-submit')!.click();
    await stable();

    const post = backend.expectOne({ method: 'POST', url: URL });
    // The job's dataset, one of the agreement's, was chosen as the source.
    expect(post.request.body).toEqual({ sourceDatasetId: DATASET_ID, anonymizationJobId: JOB_ID, name: 'Entrega febrero' });
    post.flush(
      {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'The release does not meet the agreement’s anonymization terms',
        details: [
          { path: 'terms.anonymization.minK', message: 'k achieved 7 is below the agreed minimum 10' },
          { path: 'terms.anonymization.finestGeoLevel', message: 'column municipio is at municipality level' },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable();
    const terms = all('release-failed-term');
    expect(terms.map((term) => term.getAttribute('data-path'))).toEqual(['terms.anonymization.minK', 'terms.anonymization.finestGeoLevel']);
    expect(terms[0].textContent).toContain('k mínimo del convenio: 10');
    expect(terms[0].textContent).toContain('k achieved 7 is below the agreed minimum 10');
    expect(terms[1].textContent).toContain('Estatal');
    expect(all('release-row')).toHaveLength(0);
  });
});
