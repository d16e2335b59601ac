import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { ANONYMIZATION_JOBS_URL } from '../data-access/anonymization.api';
import { JOB_ID, job, report } from '../testing/anonymization-fixtures';
import { AnonymizationJobsPageComponent } from './anonymization-jobs-page.component';

describe('AnonymizationJobsPageComponent', () => {
  let fixture: ComponentFixture<AnonymizationJobsPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`));

  async function open(roles: Role[]): Promise<void> {
    await signInAs(roles);
    fixture = TestBed.createComponent(AnonymizationJobsPageComponent);
    await settle();
    await fixture.whenStable();
    const list = backend.expectOne((request) => request.url === ANONYMIZATION_JOBS_URL);
    expect(list.request.params.get('page')).toBe('1');
    expect(list.request.params.has('state')).toBe(false);
    list.flush({
      items: [
        job({ state: 'completed', progress: 100, report: report({ kAchieved: 8 }), datasetTitle: 'Padrón de beneficiarios' }),
        job({ id: '00000000-0000-4000-8000-00000000e002', state: 'running', progress: 30, fileName: 'encuesta.csv' }),
      ],
      total: 2,
      page: 1,
      pageSize: 25,
    });
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
  });

  afterEach(() => backend.verify());

  it('lists the jobs with their state, progress and k achieved, and offers a new one to stewards', async () => {
    await open(['steward']);
    const rows = all('job-row');
    expect(rows.map((row) => row.getAttribute('data-state'))).toEqual(['completed', 'running']);
    expect(rows[0].textContent).toContain('censo.csv');
    expect(rows[0].textContent).toContain('Padrón de beneficiarios');
    expect(rows[0].querySelector('[data-testid="job-row-state"]')?.textContent).toContain('Terminada');
    expect(all('job-row-k').map((cell) => cell.textContent?.trim())).toEqual(['8', '—']);
    expect(all('job-link')[0].getAttribute('href')).toBe(`/anonimizacion/${JOB_ID}`);
    expect(el('job-new')?.getAttribute('href')).toBe('/anonimizacion/nueva');
  });

  it('offers no new job to an auditor, who only reads', async () => {
    await open(['auditor']);
    expect(all('job-row')).toHaveLength(2);
    expect(el('job-new')).toBeNull();
  });
});
