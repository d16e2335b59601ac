import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { APPROVALS_URL, ApprovalsApi } from './approvals.api';

describe('ApprovalsApi', () => {
  it('reads the pending tasks and posts a decision to the task', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const api = TestBed.inject(ApprovalsApi);
    const backend = TestBed.inject(HttpTestingController);
    api.pending().subscribe();
    expect(backend.expectOne(APPROVALS_URL).request.method).toBe('GET');
    api.decide('task/1', { decision: 'reject', comment: 'Falta fundamento' }).subscribe();
    const decision = backend.expectOne(`${APPROVALS_URL}/task%2F1/decision`);
    expect(decision.request.method).toBe('POST');
    expect(decision.request.body).toEqual({ decision: 'reject', comment: 'Falta fundamento' });
    backend.verify();
  });
});
