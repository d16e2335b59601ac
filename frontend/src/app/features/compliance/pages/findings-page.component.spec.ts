import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ComplianceFinding, Page } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { FINDINGS_URL, RECHECKS_URL } from '../data-access/compliance.api';
import { AGREEMENT_ID, FINDING_ID, RUN_ID, finding, page } from '../testing/compliance-fixtures';
import { FindingsPageComponent } from './findings-page.component';

describe('FindingsPageComponent (board, filters in the URL)', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  const root = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const el = (testId: string): HTMLElement | null => root().querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(root().querySelectorAll(`[data-testid="${testId}"]`));
  const url = (): string => TestBed.inject(Router).url;

  async function stable(): Promise<void> {
    await settle();
    await harness.fixture.whenStable();
  }

  async function start(path: string): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cumplimiento', component: FindingsPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    await signInAs(['auditor']);
    harness = await RouterTestingHarness.create(path);
  }

  const list = (): TestRequest => backend.expectOne((request) => request.method === 'GET' && request.url === FINDINGS_URL);

  async function answer(request: TestRequest, body: Page<ComplianceFinding>): Promise<void> {
    request.flush(body);
    await stable();
  }

  /** Opens a mat-select by its test id and clicks the option with this text. */
  async function choose(testId: string, text: string): Promise<void> {
    (el(testId)?.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
    await stable();
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((candidate) => candidate.textContent?.trim() === text);
    expect(option).toBeDefined();
    option!.click();
    await stable();
  }

  afterEach(() => backend.verify());

  it('asks for what the URL says and lists the findings with translated rule, chips and links', async () => {
    await start('/cumplimiento?status=open&severity=high');
    const request = list();
    expect(request.request.params.get('status')).toBe('open');
    expect(request.request.params.get('severity')).toBe('high');
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('pageSize')).toBe('25');
    expect(request.request.params.has('rule')).toBe(false);
    await answer(request, page([finding(), finding({ id: 'f2', severity: 'critical', status: 'acknowledged', agreementId: null, agreementReference: null, runId: null, eventTime: null })]));

    const rows = all('finding-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].getAttribute('data-rule')).toBe('direct_identifier_not_removed');
    expect(rows[0].textContent).toContain('Identificador directo no eliminado');
    expect(rows[0].textContent).toContain('El convenio CONV-2026-0001 exige quitar los identificadores directos, pero curp llegaron a la salida sin enmascarar.');
    expect(rows[0].querySelector('[data-testid="finding-row-severity"]')?.textContent?.trim()).toBe('Alta');
    expect(rows[0].querySelector('[data-testid="finding-row-status"]')?.textContent?.trim()).toBe('Abierto');
    expect(rows[0].querySelector('[data-testid="finding-agreement"]')?.getAttribute('href')).toBe(`/convenios/${AGREEMENT_ID}`);
    expect(rows[0].querySelector('[data-testid="finding-agreement"]')?.textContent?.trim()).toBe('CONV-2026-0001');
    expect(rows[0].textContent).toContain('versión 2');
    expect(rows[0].querySelector('code')?.textContent?.trim()).toBe(RUN_ID.split('-')[0]);
    expect(rows[0].querySelector('[data-testid="finding-link"]')?.getAttribute('href')).toBe(`/cumplimiento/${FINDING_ID}`);
    expect(rows[1].querySelector('[data-testid="finding-row-severity"]')?.getAttribute('data-severity')).toBe('critical');
    expect(rows[1].querySelector('[data-testid="finding-row-status"]')?.textContent?.trim()).toBe('Reconocido');
    expect(rows[1].querySelector('[data-testid="finding-agreement"]')).toBeNull();
  });

  it('puts each filter in the URL and asks again from page 1; a bad agreement id is not sent', async () => {
    await start('/cumplimiento?page=2');
    const first = list();
    expect(first.request.params.get('page')).toBe('2');
    await answer(first, page([finding()], { total: 30, page: 2 }));

    await choose('findings-filter-rule', 'Corrida bajo un convenio no vigente');
    expect(url()).toBe('/cumplimiento?rule=run_under_inactive_agreement');
    const byRule = list();
    expect(byRule.request.params.get('rule')).toBe('run_under_inactive_agreement');
    expect(byRule.request.params.get('page')).toBe('1');
    await answer(byRule, page([finding({ rule: 'run_under_inactive_agreement' })]));

    await choose('findings-filter-status', 'Resuelto');
    expect(url()).toBe('/cumplimiento?status=resolved&rule=run_under_inactive_agreement');
    const byStatus = list();
    expect(byStatus.request.params.get('status')).toBe('resolved');
    expect(byStatus.request.params.get('rule')).toBe('run_under_inactive_agreement');
    await answer(byStatus, page([]));
    expect(el('findings-empty')?.textContent).toContain('No hay resultados con estos filtros.');

    const agreement = el('findings-filter-agreement') as HTMLInputElement;
    agreement.value = 'CONV-2026';
    agreement.dispatchEvent(new Event('input'));
    agreement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await stable();
    expect(url()).toBe('/cumplimiento?status=resolved&rule=run_under_inactive_agreement');
    expect(root().textContent).toContain('Escriba un identificador completo (UUID).');

    agreement.value = AGREEMENT_ID.toUpperCase();
    agreement.dispatchEvent(new Event('input'));
    agreement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await stable();
    expect(url()).toBe(`/cumplimiento?status=resolved&rule=run_under_inactive_agreement&agreementId=${AGREEMENT_ID}`);
    const byAgreement = list();
    expect(byAgreement.request.params.get('agreementId')).toBe(AGREEMENT_ID);
    await answer(byAgreement, page([finding()]));

    el('findings-clear')?.click();
    await stable();
    expect(url()).toBe('/cumplimiento');
    const cleared = list();
    expect(cleared.request.params.keys().sort()).toEqual(['page', 'pageSize']);
    await answer(cleared, page([finding()]));
    expect((el('findings-filter-agreement') as HTMLInputElement).value).toBe('');
  });

  it('pages through the URL', async () => {
    await start('/cumplimiento?severity=low');
    await answer(list(), page([finding({ severity: 'low' })], { total: 60 }));
    (root().querySelector('.mat-mdc-paginator-navigation-next') as HTMLButtonElement).click();
    await stable();
    expect(url()).toBe('/cumplimiento?severity=low&page=2');
    const next = list();
    expect(next.request.params.get('page')).toBe('2');
    expect(next.request.params.get('severity')).toBe('low');
    await answer(next, page([finding({ severity: 'low' })], { total: 60, page: 2 }));
  });

  it('says when the board has no findings at all, and what went wrong on failure', async () => {
    await start('/cumplimiento');
    await answer(list(), page([]));
    expect(el('findings-empty')?.textContent).toContain('No hay hallazgos de cumplimiento.');

    await harness.navigateByUrl('/cumplimiento?status=open');
    list().flush({ statusCode: 503, error: 'Service Unavailable', message: 'down' }, { status: 503, statusText: 'Service Unavailable' });
    await stable();
    expect(el('findings-error')?.textContent).toContain('El servidor tuvo un problema');
  });
  it('checks the lineage again after confirmation: the runs of the filtered agreement, or all', async () => {
    await start(`/cumplimiento?agreementId=${AGREEMENT_ID}`);
    await answer(list(), page([finding()]));
    expect(el('findings-recheck')?.textContent).toContain('Volver a revisar las corridas de este convenio');
    el('findings-recheck')!.click();
    await stable();
    (document.querySelector('[data-testid="confirm-accept"]') as HTMLElement).click();
    await stable();
    const asked = backend.expectOne({ method: 'POST', url: RECHECKS_URL });
    expect(asked.request.body).toEqual({ agreementId: AGREEMENT_ID });
    asked.flush({ runs: 3, agreementId: AGREEMENT_ID, requestedAt: '2026-03-02T09:00:00.000Z' });
    await stable();
    expect(el('findings-recheck-done')?.textContent).toContain('3 corridas en revisión');

    await harness.navigateByUrl('/cumplimiento');
    await answer(list(), page([finding()]));
    expect(el('findings-recheck')?.textContent).toContain('Volver a revisar el linaje');
    el('findings-recheck')!.click();
    await stable();
    (document.querySelector('[data-testid="confirm-accept"]') as HTMLElement).click();
    await stable();
    const all = backend.expectOne({ method: 'POST', url: RECHECKS_URL });
    expect(all.request.body).toEqual({});
    all.flush({ statusCode: 403, error: 'Forbidden', message: 'no' }, { status: 403, statusText: 'Forbidden' });
    await stable();
    expect(el('findings-recheck-error')?.textContent?.length).toBeGreaterThan(0);
  });
});
