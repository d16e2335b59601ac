import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PipelineDashboard } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { PIPELINE_URL } from '../data-access/pipeline.api';
import { PipelinePageComponent } from './pipeline-page.component';

const DASHBOARD: PipelineDashboard = {
  generatedAt: '2026-03-02T18:00:00.000Z',
  needs: { diagnostics: 2, identified: 12, ownerAssigned: 7, openDataRequests: 3 },
  agreementsByState: { draft: 1, in_review: 4, changes_requested: 0, approved: 1, awaiting_signatures: 2, active: 5, expired: 0, terminated: 0, rejected: 1, withdrawn: 0 },
  approval: { medianWorkingDays: 6.5, approvedCount: 8 },
  overdueSteps: [
    { taskId: 't1', agreementId: 'a1', agreementReference: 'CNV-2026-0003', stepName: 'Revisión jurídica', dueAt: '2026-02-20T18:00:00.000Z', assignees: ['Ana Díaz', 'Luis Pérez'] },
  ],
  overdueTotal: 1,
  // April 2025 … March 2026.
  monthly: Array.from({ length: 12 }, (_, i) => ({ month: new Date(Date.UTC(2025, 3 + i, 15)).toISOString().slice(0, 7), created: i, activated: i % 3 })),
};

describe('PipelinePageComponent', () => {
  let fixture: ComponentFixture<PipelinePageComponent>;
  const el = (testId: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** A KPI card's value, label and hint, one space apart. */
  const kpi = (testId: string): string =>
    Array.from(el(testId)?.querySelectorAll('.value, .label, .hint') ?? []).map((part) => part.textContent?.trim()).join(' ');

  async function render(answer: (backend: HttpTestingController) => void): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18n()] });
    await initializeApp();
    fixture = TestBed.createComponent(PipelinePageComponent);
    await fixture.whenStable();
    answer(TestBed.inject(HttpTestingController));
    await settle();
    await fixture.whenStable();
  }

  it('renders the funnel, the median, the charts and the overdue steps from the response', async () => {
    await render((backend) => backend.expectOne(PIPELINE_URL).flush(DASHBOARD));
    expect(kpi('kpi-needs')).toBe('12 Necesidades identificadas');
    expect(kpi('kpi-owners')).toBe('7 Con dueño asignado');
    expect(kpi('kpi-in-review')).toBe('4 Convenios en revisión');
    expect(kpi('kpi-awaiting-signatures')).toBe('2 Convenios en firma');
    expect(kpi('kpi-active')).toBe('5 Convenios vigentes');
    expect(kpi('kpi-median')).toBe('6.5 Mediana de días hábiles hasta la aprobación Sobre 8 convenios aprobados');
    expect(kpi('kpi-open-requests')).toContain('3');

    const bars = Array.from(el('chart-by-state')?.querySelectorAll('[data-testid="bar"] title') ?? []).map((t) => t.textContent);
    expect(bars).toHaveLength(10);
    expect(bars).toContain('En revisión: 4');
    expect(bars).toContain('Vigente: 5');
    expect(el('chart-monthly')?.querySelectorAll('[data-testid="line"]')).toHaveLength(2);
    expect(el('chart-monthly')?.querySelector('desc')?.textContent).toContain('0 creados, 0 en vigor');

    const rows = fixture.nativeElement.querySelectorAll('[data-testid="overdue-row"]');
    expect(rows).toHaveLength(1);
    const cells = Array.from(rows[0].querySelectorAll('td') as NodeListOf<HTMLElement>).map((cell) => cell.textContent?.trim());
    expect(cells).toEqual(['CNV-2026-0003', 'Revisión jurídica', '20 feb 2026', 'Ana Díaz, Luis Pérez']);
    expect(rows[0].querySelector('a').getAttribute('href')).toBe('/convenios/a1');
  });

  it('says when there is no median and no overdue step', async () => {
    await render((backend) => backend.expectOne(PIPELINE_URL).flush({ ...DASHBOARD, approval: { medianWorkingDays: null, approvedCount: 0 }, overdueSteps: [], overdueTotal: 0 }));
    expect(kpi('kpi-median')).toContain('—');
    expect(text('overdue-empty')).toBe('No hay pasos vencidos.');
  });

  it('says when the dashboard cannot be loaded', async () => {
    await render((backend) => backend.expectOne(PIPELINE_URL).flush({ statusCode: 500 }, { status: 500, statusText: 'Server Error' }));
    expect(text('pipeline-error')).toBe('No se pudo cargar el tablero.');
  });
});
