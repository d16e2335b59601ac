import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { FINDINGS_URL } from '../data-access/compliance.api';
import { AGREEMENT_ID, FINDING_ID, RUN_ID, finding } from '../testing/compliance-fixtures';
import { FindingPageComponent } from './finding-page.component';

const URL = `${FINDINGS_URL}/${FINDING_ID}`;

describe('FindingPageComponent (evidence, history, status changes)', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  const root = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const el = (testId: string): HTMLElement | null => root().querySelector(`[data-testid="${testId}"]`);
  const all = (testId: string): HTMLElement[] => Array.from(root().querySelectorAll(`[data-testid="${testId}"]`));
  const text = (testId: string): string => el(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const transitions = (): string[] => all('finding-actions').flatMap((section) => Array.from(section.querySelectorAll('button[data-testid^="finding-transition-"]')).map((button) => button.getAttribute('data-testid') ?? ''));

  async function stable(): Promise<void> {
    await settle();
    await harness.fixture.whenStable();
  }

  async function open(roles: Role[], body = finding()): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cumplimiento/:id', component: FindingPageComponent }], withComponentInputBinding()),
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
    harness = await RouterTestingHarness.create(`/cumplimiento/${FINDING_ID}`);
    backend.expectOne({ method: 'GET', url: URL }).flush(body);
    await stable();
  }

  function type(comment: string): void {
    const area = el('finding-comment') as HTMLTextAreaElement;
    area.value = comment;
    area.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    (el('finding-comment-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await stable();
  }

  afterEach(() => backend.verify());

  it('shows the rule, the agreement, the run, the evidence and the history', async () => {
    await open(['auditor'], finding({ history: [{ status: 'acknowledged', comment: 'Se revisa con el área de datos.', actorId: 'u1', actorName: 'Elena Cárdenas', at: '2026-03-02T09:00:00.000Z' }] }));
    expect(text('finding-rule')).toBe('Identificador directo no eliminado');
    expect(text('finding-severity')).toBe('Alta');
    expect(text('finding-status')).toBe('Abierto');
    // In the portal's language, from the rule and the evidence (not the API's English summary).
    expect(text('finding-summary')).toBe('El convenio CONV-2026-0001 exige quitar los identificadores directos, pero curp llegaron a la salida sin enmascarar.');
    expect(el('finding-agreement')?.querySelector('a')?.getAttribute('href')).toBe(`/convenios/${AGREEMENT_ID}`);
    expect(text('finding-agreement')).toContain('CONV-2026-0001 · versión 2');
    expect(text('finding-run')).toBe(RUN_ID);
    expect(el('finding-job-link')?.getAttribute('href')).toBe('/linaje?node=job:airflow:%2F%2Finegi:anonimizar_natalidad');

    const edge = el('evidence-edge')!;
    expect(edge.textContent).toContain('postgres://inegi-dw:natalidad.registros');
    expect(edge.textContent).toContain('curp');
    expect(edge.querySelector('[data-testid="evidence-masking"]')?.textContent?.trim()).toBe('Sin enmascarar');
    expect(all('evidence-fact').map((fact) => [fact.getAttribute('data-key'), fact.textContent?.trim()])).toEqual([
      ['field', 'curp'],
      ['removeDirectIdentifiers', 'true'],
      ['agreementState', 'active'],
    ]);
    expect(el('evidence-events')?.querySelectorAll('li')).toHaveLength(2);

    const entry = el('finding-history-entry')!;
    expect(entry.getAttribute('data-status')).toBe('acknowledged');
    expect(entry.textContent).toContain('Reconocido');
    expect(entry.textContent).toContain('Elena Cárdenas');
    expect(entry.textContent).toContain('Se revisa con el área de datos.');
  });

  it('offers the allowed transitions, asks for a comment of 3 characters and PATCHes it', async () => {
    await open(['official']);
    expect(transitions()).toEqual(['finding-transition-acknowledged', 'finding-transition-resolved']);

    el('finding-transition-resolved')?.click();
    await stable();
    type('ok');
    await submit();
    expect(text('finding-comment-error')).toBe('Escriba al menos 3 caracteres.');
    backend.expectNone({ method: 'PATCH', url: URL });

    type('  Se quitó la CURP del proceso.  ');
    await submit();
    const patch = backend.expectOne({ method: 'PATCH', url: URL });
    expect(patch.request.body).toEqual({ status: 'resolved', comment: 'Se quitó la CURP del proceso.' });
    patch.flush(finding({ status: 'resolved', history: [{ status: 'resolved', comment: 'Se quitó la CURP del proceso.', actorId: 'u1', actorName: 'Persona de Prueba', at: '2026-03-03T09:00:00.000Z' }] }));
    await stable();

    expect(text('finding-status')).toBe('Resuelto');
    expect(text('finding-changed')).toBe('El hallazgo quedó «Resuelto».');
    expect(el('finding-comment-form')).toBeNull();
    expect(transitions()).toEqual(['finding-transition-open']);
    expect(all('finding-history-entry')).toHaveLength(1);
  });

  it('on a conflict says so and shows the finding as it now stands', async () => {
    await open(['auditor']);
    el('finding-transition-acknowledged')?.click();
    await stable();
    type('Lo revisamos mañana.');
    await submit();
    backend
      .expectOne({ method: 'PATCH', url: URL })
      .flush({ statusCode: 409, error: 'Conflict', message: 'transition resolved → acknowledged is not allowed' }, { status: 409, statusText: 'Conflict' });
    await stable();
    expect(text('finding-action-error')).toContain('Ese cambio de estado ya no es posible');
    backend.expectOne({ method: 'GET', url: URL }).flush(finding({ status: 'resolved' }));
    await stable();
    expect(text('finding-status')).toBe('Resuelto');
    expect(transitions()).toEqual(['finding-transition-open']);
    expect(el('finding-comment-form')).toBeNull();
  });

  it('shows the server’s reason when it refuses the comment', async () => {
    await open(['official']);
    el('finding-transition-acknowledged')?.click();
    await stable();
    type('abc');
    await submit();
    backend
      .expectOne({ method: 'PATCH', url: URL })
      .flush({ statusCode: 400, error: 'Bad Request', message: 'comment must have at least 3 characters' }, { status: 400, statusText: 'Bad Request' });
    await stable();
    expect(text('finding-action-error')).toBe('El servidor rechazó el cambio: comment must have at least 3 characters');
    expect(el('finding-comment-form')).not.toBeNull();
    expect(text('finding-status')).toBe('Abierto');
  });

  it('says when the finding cannot be seen', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cumplimiento/:id', component: FindingPageComponent }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    await signInAs(['auditor']);
    harness = await RouterTestingHarness.create(`/cumplimiento/${FINDING_ID}`);
    backend.expectOne(URL).flush({ statusCode: 404, error: 'Not Found', message: 'no such finding' }, { status: 404, statusText: 'Not Found' });
    await stable();
    expect(text('page-title')).toBe('Hallazgo no disponible');
    expect(text('finding-error')).toContain('No se encontró');
  });
});
