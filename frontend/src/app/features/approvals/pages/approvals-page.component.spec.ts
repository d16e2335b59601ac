import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { ApprovalTask } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { APPROVALS_URL } from '../data-access/approvals.api';
import { APPROVALS_CLOCK, ApprovalsPageComponent } from './approvals-page.component';

const NOW = new Date('2026-03-12T16:00:00Z'); // a Thursday

function task(id: string, reference: string, dueAt: string, overrides: Partial<ApprovalTask> = {}): ApprovalTask {
  return {
    id,
    agreementId: `agreement-${id}`,
    agreementReference: reference,
    agreementVersion: 1,
    step: { index: 0, key: 'legal_review', name: 'Revisión jurídica' },
    status: 'pending',
    dueAt,
    overdue: false,
    decision: null,
    decidedById: null,
    decidedAt: null,
    comment: null,
    createdAt: '2026-03-01T00:00:00Z',
    ...overrides,
  };
}

const TASKS = [
  task('t-ok', 'CONV-3', '2026-03-24T16:00:00Z'),
  task('t-late', 'CONV-1', '2026-03-11T16:00:00Z'),
  task('t-soon', 'CONV-2', '2026-03-13T12:00:00Z'),
];

describe('ApprovalsPageComponent', () => {
  let fixture: ComponentFixture<ApprovalsPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.clear();
    jest.spyOn(APPROVALS_CLOCK, 'now').mockReturnValue(NOW);
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
    await signInAs(['steward']);
    fixture = TestBed.createComponent(ApprovalsPageComponent);
    await stable();
    backend.expectOne(APPROVALS_URL).flush(TASKS);
    await stable();
  });

  afterEach(() => {
    backend.verify();
    jest.restoreAllMocks();
  });

  it('lists the tasks most urgent first with red, amber and plain deadline badges', () => {
    const rows = Array.from(document.querySelectorAll('[data-testid^="approval-row-"]'));
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual(['approval-row-CONV-1', 'approval-row-CONV-2', 'approval-row-CONV-3']);
    const badges = rows.map((row) => row.querySelector('[data-testid="approval-deadline"]'));
    expect(badges.map((badge) => badge?.getAttribute('data-deadline'))).toEqual(['overdue', 'soon', 'ok']);
    expect(badges[0]?.classList.contains('badge-overdue')).toBe(true);
    expect(badges[0]?.textContent).toContain('Vencida');
    expect(badges[1]?.textContent).toContain('Vence pronto');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/convenios/agreement-t-late');
    expect(rows[0].textContent).toContain('Revisión jurídica');
  });

  it('approves (comment optional) and reloads the list', async () => {
    el('approval-approve-t-late')!.click();
    await stable();
    el('approval-confirm')!.click();
    await stable();
    const decision = backend.expectOne({ method: 'POST', url: `${APPROVALS_URL}/t-late/decision` });
    expect(decision.request.body).toEqual({ decision: 'approve', comment: '' });
    decision.flush({ ...TASKS[1], status: 'decided', decision: 'approve' });
    await stable();
    backend.expectOne(APPROVALS_URL).flush([TASKS[0], TASKS[2]]);
    await stable();
    expect(el('approval-row-CONV-1')).toBeNull();
    expect(el('approval-notice')?.textContent).toContain('Aprobó CONV-1');
  });

  it('requires a comment to request changes, and shows the 409 of a task already decided', async () => {
    el('approval-request-changes-t-soon')!.click();
    await stable();
    el('approval-confirm')!.click();
    await stable();
    backend.expectNone(`${APPROVALS_URL}/t-soon/decision`);
    expect(document.querySelector('cv-comment-dialog mat-error')?.textContent).toContain('obligatorio');

    const comment = el('approval-comment') as HTMLTextAreaElement;
    comment.value = 'Precisar la finalidad';
    comment.dispatchEvent(new Event('input'));
    el('approval-confirm')!.click();
    await stable();
    const decision = backend.expectOne({ method: 'POST', url: `${APPROVALS_URL}/t-soon/decision` });
    expect(decision.request.body).toEqual({ decision: 'request_changes', comment: 'Precisar la finalidad' });
    decision.flush({ statusCode: 409, error: 'Conflict', message: 'The task was already decided' }, { status: 409, statusText: 'Conflict' });
    await stable();
    backend.expectOne(APPROVALS_URL).flush([TASKS[0]]);
    await stable();
    expect(el('approval-error')?.textContent).toContain('The task was already decided');
    expect(document.querySelectorAll('[data-testid^="approval-row-"]')).toHaveLength(1);
  });
});
