import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CreateAgreementRequest } from '@convenio/contracts';
import { AGREEMENTS_URL, AGREEMENT_DATASETS_URL, AGREEMENT_ORGANIZATIONS_URL, AgreementsApi } from './agreements.api';

const ID = '00000000-0000-4000-8000-00000000a001';

describe('AgreementsApi', () => {
  let api: AgreementsApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(AgreementsApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lists with only the filters that are set', () => {
    api.list({ filters: { state: 'in_review', party: null, q: '  censo ' }, page: 2, pageSize: 25 }).subscribe();
    const request = backend.expectOne((candidate) => candidate.url === AGREEMENTS_URL);
    expect(request.request.method).toBe('GET');
    expect(request.request.params.keys().sort()).toEqual(['page', 'pageSize', 'q', 'state']);
    expect(request.request.params.get('q')).toBe('censo');
    expect(request.request.params.get('page')).toBe('2');
    request.flush({ items: [], total: 0, page: 2, pageSize: 25 });
  });

  it('creates a draft and patches a new version', () => {
    const body = { providerOrganizationId: 'p', recipientOrganizationId: 'r' } as CreateAgreementRequest;
    api.create(body).subscribe();
    const post = backend.expectOne(AGREEMENTS_URL);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toBe(body);
    post.flush({});

    api.update(ID, { purpose: 'Una finalidad más precisa', changeSummary: 'precisa la finalidad' }).subscribe();
    const patch = backend.expectOne(`${AGREEMENTS_URL}/${ID}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ purpose: 'Una finalidad más precisa', changeSummary: 'precisa la finalidad' });
    patch.flush({});
  });

  it('reads versions, the diff between two, the history and the comments', () => {
    api.versions(ID).subscribe();
    backend.expectOne(`${AGREEMENTS_URL}/${ID}/versions`).flush([]);
    api.diff(ID, 1, 3).subscribe();
    const diff = backend.expectOne((candidate) => candidate.url === `${AGREEMENTS_URL}/${ID}/diff`);
    expect([diff.request.params.get('from'), diff.request.params.get('to')]).toEqual(['1', '3']);
    diff.flush({ agreementId: ID, from: 1, to: 3, changes: [] });
    api.history(ID).subscribe();
    backend.expectOne(`${AGREEMENTS_URL}/${ID}/history`).flush([]);
    api.comments(ID).subscribe();
    backend.expectOne({ method: 'GET', url: `${AGREEMENTS_URL}/${ID}/comments` }).flush([]);
    api.addComment(ID, { body: 'Nota', visibility: 'internal' }).subscribe();
    const comment = backend.expectOne({ method: 'POST', url: `${AGREEMENTS_URL}/${ID}/comments` });
    expect(comment.request.body).toEqual({ body: 'Nota', visibility: 'internal' });
    comment.flush({});
  });

  it('posts the lifecycle events: submit and sign without a body, withdraw and terminate with the comment', () => {
    api.submit(ID).subscribe();
    expect(backend.expectOne({ method: 'POST', url: `${AGREEMENTS_URL}/${ID}/submit` }).request.body).toEqual({});
    api.sign(ID).subscribe();
    expect(backend.expectOne({ method: 'POST', url: `${AGREEMENTS_URL}/${ID}/sign` }).request.body).toEqual({});
    api.withdraw(ID, 'ya no se necesita').subscribe();
    expect(backend.expectOne({ method: 'POST', url: `${AGREEMENTS_URL}/${ID}/withdraw` }).request.body).toEqual({ comment: 'ya no se necesita' });
    api.terminate(ID, 'incumplimiento').subscribe();
    expect(backend.expectOne({ method: 'POST', url: `${AGREEMENTS_URL}/${ID}/terminate` }).request.body).toEqual({ comment: 'incumplimiento' });
  });

  it('downloads the PDF and the ODRL as blobs (with the session token, unlike a bare link)', () => {
    api.pdf(ID).subscribe();
    expect(backend.expectOne(`${AGREEMENTS_URL}/${ID}/pdf`).request.responseType).toBe('blob');
    api.odrl(ID).subscribe();
    expect(backend.expectOne(`${AGREEMENTS_URL}/${ID}/odrl`).request.responseType).toBe('blob');
  });

  it('asks for the pickers: active organizations and the datasets a provider owns', () => {
    api.organizations().subscribe();
    const organizations = backend.expectOne((candidate) => candidate.url === AGREEMENT_ORGANIZATIONS_URL);
    expect(organizations.request.params.get('active')).toBe('true');
    organizations.flush({ items: [], total: 0, page: 1, pageSize: 200 });
    api.providerDatasets('org-1').subscribe();
    const datasets = backend.expectOne((candidate) => candidate.url === AGREEMENT_DATASETS_URL);
    expect(datasets.request.params.get('owner')).toBe('org-1');
    expect(datasets.request.params.get('pageSize')).toBe('100');
    datasets.flush({ items: [], total: 0, page: 1, pageSize: 100 });
  });
});
