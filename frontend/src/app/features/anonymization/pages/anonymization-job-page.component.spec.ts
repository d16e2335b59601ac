import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { AnonymizationPreview } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { ANONYMIZATION_JOBS_URL, ANONYMIZATION_POLL_MS } from '../data-access/anonymization.api';
import { JOB_ID, job, report } from '../testing/anonymization-fixtures';
import { AnonymizationJobPageComponent } from './anonymization-job-page.component';

const URL = `${ANONYMIZATION_JOBS_URL}/${JOB_ID}`;
const POLL_MS = 5;

const preview: AnonymizationPreview = {
  input: { header: ['curp', 'municipio'], rows: [['AAAA000000HDFXXX00', '09002']] },
  output: { header: ['curp', 'municipio'], rows: [['3f2a…', '09']] },
};

describe('AnonymizationJobPageComponent', () => {
  let fixture: ComponentFixture<AnonymizationJobPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`));
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  /** Waits past the poll delay and answers the next GET of the job. */
  async function nextPoll(body: ReturnType<typeof job>): Promise<void> {
    await wait(POLL_MS * 4);
    backend.expectOne({ method: 'GET', url: URL }).flush(body);
    await stable();
  }

  async function open(): Promise<void> {
    await signInAs(['steward']);
    fixture = TestBed.createComponent(AnonymizationJobPageComponent);
    fixture.componentRef.setInput('id', JOB_ID);
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
        { provide: ANONYMIZATION_POLL_MS, useValue: POLL_MS },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('polls while the job is queued or running, stops when it completes, and shows the report and the preview', async () => {
    await open();
    backend.expectOne({ method: 'GET', url: URL }).flush(job());
    await stable();
    expect(el('job-state')?.getAttribute('data-state')).toBe('queued');
    expect(el('job-progress')).not.toBeNull();
    expect(el('job-cancel')).not.toBeNull();
    expect(el('job-report')).toBeNull();

    await nextPoll(job({ state: 'running', progress: 40, startedAt: '2026-03-01T10:00:05Z' }));
    expect(el('job-state')?.textContent).toContain('En proceso');
    expect(el('job-progress-value')?.textContent).toContain('40 %');

    await nextPoll(job({ state: 'completed', progress: 100, report: report(), resultBytes: 18000, finishedAt: '2026-03-01T10:00:09Z' }));
    backend.expectOne({ method: 'GET', url: `${URL}/preview` }).flush(preview);
    await stable();

    // No further GET of the job: polling stopped at the final state.
    await wait(POLL_MS * 6);
    backend.expectNone({ method: 'GET', url: URL });

    expect(el('job-state')?.getAttribute('data-state')).toBe('completed');
    expect(el('job-progress')).toBeNull();
    expect(el('job-cancel')).toBeNull();
    expect(el('report-k-achieved')?.textContent?.trim()).toBe('7');
    expect(el('report-k')?.textContent).toContain('k requerido: 5');
    expect(el('report-suppressed-share')?.textContent).toContain('2');
    expect(all('class-size-bar').map((bar) => bar.getAttribute('data-classes'))).toEqual(['10', '20', '12']);
    expect(all('report-level').map((row) => row.getAttribute('data-column'))).toEqual(['municipio', 'edad']);
    expect(el('report-loss')?.textContent).toContain('31');
    expect(el('preview-input')?.textContent).toContain('AAAA000000HDFXXX00');
    expect(el('preview-output')?.textContent).toContain('3f2a…');
    expect(el('job-download-result')).not.toBeNull();
  });

  it('stops polling when the page is left', async () => {
    await open();
    backend.expectOne({ method: 'GET', url: URL }).flush(job({ state: 'running', progress: 10 }));
    await stable();
    fixture.destroy();
    await wait(POLL_MS * 6);
    backend.expectNone({ method: 'GET', url: URL });
  });

  it('shows why a job failed, with each problem’s column and line', async () => {
    await open();
    backend.expectOne({ method: 'GET', url: URL }).flush(
      job({
        state: 'failed',
        error: { code: 'IDENTIFIER_NOT_PROTECTED', message: 'Column "curp", line 12 holds a CURP', problems: [{ path: 'curp', line: 12, message: 'holds a CURP: pseudonymize or drop it' }] },
      }),
    );
    await stable();
    await wait(POLL_MS * 4);
    backend.expectNone({ method: 'GET', url: URL });
    expect(el('job-failure-message')?.textContent).toContain('line 12 holds a CURP');
    const problems = all('job-failure-problem');
    expect(problems).toHaveLength(1);
    expect(problems[0].textContent).toContain('curp');
    expect(problems[0].textContent).toContain('Línea 12');
    expect(el('job-report')).toBeNull();
  });

  it('cancels a running job after confirmation', async () => {
    await open();
    backend.expectOne({ method: 'GET', url: URL }).flush(job({ state: 'running', progress: 20 }));
    await stable();
    el('job-cancel')!.click();
    await stable();
    el('confirm-accept')!.click();
    await stable();
    // A poll may have gone out meanwhile: answer it as still running.
    for (const poll of backend.match({ method: 'GET', url: URL })) poll.flush(job({ state: 'running', progress: 25 }));
    backend.expectOne({ method: 'DELETE', url: URL }).flush(job({ state: 'cancelled', progress: 25, finishedAt: '2026-03-01T10:01:00Z' }));
    await stable();
    await wait(POLL_MS * 6);
    backend.expectNone({ method: 'GET', url: URL });
    expect(el('job-state')?.getAttribute('data-state')).toBe('cancelled');
    expect(el('job-cancelled')).not.toBeNull();
    expect(el('job-cancel')).toBeNull();
  });
  it('tells when the original file will be deleted, and deletes it now after confirmation', async () => {
    await open();
    const completed = { state: 'completed' as const, progress: 100, report: report(), resultBytes: 18000, finishedAt: '2026-03-01T10:00:09Z' };
    backend.expectOne({ method: 'GET', url: URL }).flush(job({ ...completed, inputDeleteAfter: '2026-03-08T10:00:09Z' }));
    backend.expectOne({ method: 'GET', url: `${URL}/preview` }).flush(preview);
    await stable();
    expect(el('job-input-kept')?.textContent).toContain('se borrará el');
    expect(el('preview-input')?.textContent).toContain('AAAA000000HDFXXX00');

    el('job-delete-input')!.click();
    await stable();
    el('confirm-accept')!.click();
    await stable();
    backend.expectOne({ method: 'DELETE', url: `${URL}/input` }).flush(job({ ...completed, inputPurgedAt: '2026-03-02T09:00:00Z' }));
    await stable();
    expect(el('job-input-deleted')?.textContent).toContain('se borró el');
    expect(el('job-input-kept')).toBeNull();
    expect(el('job-delete-input')).toBeNull();
    // The before side of the preview went with the file; the after side stays.
    expect(el('preview-input')).toBeNull();
    expect(el('preview-input-deleted')).not.toBeNull();
    expect(el('preview-output')?.textContent).toContain('3f2a…');
  });
});
