import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Agreement, AgreementVersion, Role } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { AGREEMENTS_URL } from '../data-access/agreements.api';
import { AgreementPageComponent } from './agreement-page.component';

const ID = '00000000-0000-4000-8000-00000000a001';
const URL = `${AGREEMENTS_URL}/${ID}`;
const PROVIDER = '00000000-0000-4000-8000-0000000000b1';
const HASH = 'a'.repeat(64);

function agreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: ID,
    reference: 'CONV-2026-0001',
    diagnosticId: null,
    providerOrganizationId: PROVIDER,
    providerOrganizationName: 'INEGI',
    recipientOrganizationId: ORGANIZATION_ID,
    recipientOrganizationName: 'Organización de Prueba',
    state: 'approved',
    version: 2,
    termsHash: HASH,
    authorId: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    activatedAt: null,
    endedAt: null,
    signatures: [],
    allowedEvents: ['sign', 'withdraw'],
    datasetIds: ['00000000-0000-4000-8000-00000000d001'],
    datasets: [{ id: '00000000-0000-4000-8000-00000000d001', title: 'Censo 2020' }],
    purpose: 'Medir la movilidad laboral por municipio.',
    legalBasis: 'LSNIEG art. 37',
    permittedUses: ['Estadística agregada'],
    prohibitedUses: [],
    anonymization: { minK: 5, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
    retentionDays: 365,
    startsOn: '2026-03-01',
    endsOn: '2027-02-28',
    ...overrides,
  };
}

const version = (n: number): AgreementVersion => ({
  agreementId: ID,
  version: n,
  terms: agreement(),
  termsHash: HASH,
  authorId: null,
  authorName: 'Oficial',
  changeSummary: n > 1 ? 'precisa la finalidad' : null,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('AgreementPageComponent', () => {
  let fixture: ComponentFixture<AgreementPageComponent>;
  let backend: HttpTestingController;
  const el = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  async function open(roles: Role[], shown: Agreement): Promise<void> {
    await signInAs(roles);
    fixture = TestBed.createComponent(AgreementPageComponent);
    fixture.componentRef.setInput('id', ID);
    await stable();
    backend.expectOne(URL).flush(shown);
    backend.expectOne(`${URL}/history`).flush([]);
    await stable();
    backend.expectOne(`${URL}/versions`).flush([version(1), version(2)]);
    backend.expectOne({ method: 'GET', url: `${URL}/comments` }).flush([]);
    backend.expectOne({ method: 'GET', url: `${URL}/releases` }).flush([]);
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

  it('shows the state, the terms and the buttons of allowedEvents; signing confirms the terms hash first', async () => {
    await open(['official'], agreement());
    expect(el('agreement-state')?.getAttribute('data-state')).toBe('approved');
    expect(el('agreement-state')?.textContent).toContain('Aprobado');
    expect(el('agreement-terms')?.textContent).toContain('Censo 2020');
    expect(el('agreement-action-sign')).not.toBeNull();
    expect(el('agreement-action-withdraw')).not.toBeNull();
    expect(el('agreement-action-submit')).toBeNull();
    expect(el('agreement-action-terminate')).toBeNull();
    expect(el('agreement-action-edit')).toBeNull(); // approved: terms are frozen
    expect(document.querySelectorAll('[data-testid="diagram-node"][data-current="true"]')).toHaveLength(1);

    el('agreement-action-sign')!.click();
    await stable();
    expect(el('sign-hash')?.textContent).toBe(HASH);
    el('sign-confirm')!.click();
    await stable();
    const sign = backend.expectOne({ method: 'POST', url: `${URL}/sign` });
    expect(sign.request.body).toEqual({});
    sign.flush(agreement({ state: 'awaiting_signatures' }));
    await stable();
    backend.expectOne(URL).flush(agreement({ state: 'awaiting_signatures', allowedEvents: ['withdraw'] }));
    backend.expectOne(`${URL}/history`).flush([]);
    await stable();
    expect(el('agreement-state')?.getAttribute('data-state')).toBe('awaiting_signatures');
    expect(el('agreement-notice')?.textContent).toContain('Firmó CONV-2026-0001');
  });

  it('asks why before withdrawing and shows the API’s 409 message', async () => {
    await open(['official'], agreement());
    el('agreement-action-withdraw')!.click();
    await stable();
    const comment = el('agreement-event-comment') as HTMLTextAreaElement;
    comment.value = 'Ya no se necesita';
    comment.dispatchEvent(new Event('input'));
    el('agreement-event-confirm')!.click();
    await stable();
    const withdraw = backend.expectOne({ method: 'POST', url: `${URL}/withdraw` });
    expect(withdraw.request.body).toEqual({ comment: 'Ya no se necesita' });
    withdraw.flush({ statusCode: 409, error: 'Conflict', message: 'Cannot withdraw an agreement in state active; allowed: terminate' }, { status: 409, statusText: 'Conflict' });
    await stable();
    backend.expectOne(URL).flush(agreement());
    backend.expectOne(`${URL}/history`).flush([]);
    await stable();
    expect(el('agreement-action-error')?.textContent).toContain('allowed: terminate');
  });

  it('offers editing of a draft and the internal-note option to officials', async () => {
    await open(['official'], agreement({ state: 'draft', allowedEvents: ['submit', 'withdraw'] }));
    expect(el('agreement-action-edit')).not.toBeNull();
    expect(el('agreement-action-submit')).not.toBeNull();
    expect(el('comment-visibility')).not.toBeNull();
  });

  it('never offers internal notes to a partner, who may still comment for the parties', async () => {
    await open(['partner'], agreement({ providerOrganizationId: ORGANIZATION_ID, recipientOrganizationId: PROVIDER, allowedEvents: ['sign'] }));
    expect(el('comment-body')).not.toBeNull();
    expect(el('comment-visibility')).toBeNull();
    expect(el('agreement-action-edit')).toBeNull();
    const body = el('comment-body') as HTMLTextAreaElement;
    body.value = 'Revisamos los términos';
    body.dispatchEvent(new Event('input'));
    el('comment-send')!.click();
    await stable();
    const post = backend.expectOne({ method: 'POST', url: `${URL}/comments` });
    expect(post.request.body).toEqual({ body: 'Revisamos los términos', visibility: 'parties' });
    post.flush({ id: 'c1', agreementId: ID, version: 2, authorId: null, authorName: 'Socio', organizationName: 'TelcoMX', visibility: 'parties', body: 'Revisamos los términos', createdAt: '2026-01-03T00:00:00Z' });
    await stable();
    expect(document.querySelectorAll('[data-testid="comment"]')).toHaveLength(1);
  });

  it('compares two versions through the API’s diff', async () => {
    await open(['official'], agreement());
    el('diff-compare')!.click();
    await stable();
    const diff = backend.expectOne((request) => request.url === `${URL}/diff`);
    expect([diff.request.params.get('from'), diff.request.params.get('to')]).toEqual(['1', '2']);
    diff.flush({ agreementId: ID, from: 1, to: 2, changes: [{ path: '/purpose', op: 'changed', from: 'Medir', to: 'Medir la movilidad' }, { path: '/permittedUses/1', op: 'added', to: 'Tableros' }] });
    await stable();
    const changes = Array.from(document.querySelectorAll('[data-testid="diff-change"]'));
    expect(changes).toHaveLength(2);
    expect(changes[0].textContent).toContain('Finalidad');
    expect(changes[0].textContent).toContain('Medir la movilidad');
    expect(changes[1].getAttribute('data-op')).toBe('added');
  });
});
