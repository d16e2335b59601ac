import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Agreement,
  AgreementComment,
  AgreementDiff,
  AgreementState,
  AgreementTransitionRecord,
  AgreementVersion,
  CreateAgreementCommentRequest,
  CreateAgreementRequest,
  Dataset,
  Organization,
  Page,
  UpdateAgreementRequest,
} from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const AGREEMENTS_URL = '/api/v1/agreements';
export const AGREEMENT_ORGANIZATIONS_URL = '/api/v1/organizations';
export const AGREEMENT_DATASETS_URL = '/api/v1/datasets';

export interface AgreementListFilters {
  readonly state: AgreementState | null;
  /** An organization that is provider or recipient. */
  readonly party: string | null;
  readonly q: string;
}

export const NO_AGREEMENT_FILTERS: AgreementListFilters = { state: null, party: null, q: '' };

export const agreementUrl = (id: string): string => `${AGREEMENTS_URL}/${encodeURIComponent(id)}`;

/** The agreements' HTTP: the list, drafts and their versions, the lifecycle events, comments and exports. */
@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly http = inject(HttpClient);

  list({ filters, page, pageSize }: PageRequest<AgreementListFilters>): Observable<Page<Agreement>> {
    return this.http.get<Page<Agreement>>(AGREEMENTS_URL, { params: queryParams({ state: filters.state, party: filters.party, q: filters.q.trim(), page, pageSize }) });
  }

  get(id: string): Observable<Agreement> {
    return this.http.get<Agreement>(agreementUrl(id));
  }

  create(body: CreateAgreementRequest): Observable<Agreement> {
    return this.http.post<Agreement>(AGREEMENTS_URL, body);
  }

  /** Changes terms of a draft (or changes_requested) agreement: the API makes a new version. */
  update(id: string, body: UpdateAgreementRequest): Observable<Agreement> {
    return this.http.patch<Agreement>(agreementUrl(id), body);
  }

  versions(id: string): Observable<AgreementVersion[]> {
    return this.http.get<AgreementVersion[]>(`${agreementUrl(id)}/versions`);
  }

  diff(id: string, from: number, to: number): Observable<AgreementDiff> {
    return this.http.get<AgreementDiff>(`${agreementUrl(id)}/diff`, { params: queryParams({ from, to }) });
  }

  history(id: string): Observable<AgreementTransitionRecord[]> {
    return this.http.get<AgreementTransitionRecord[]>(`${agreementUrl(id)}/history`);
  }

  comments(id: string): Observable<AgreementComment[]> {
    return this.http.get<AgreementComment[]>(`${agreementUrl(id)}/comments`);
  }

  addComment(id: string, body: CreateAgreementCommentRequest): Observable<AgreementComment> {
    return this.http.post<AgreementComment>(`${agreementUrl(id)}/comments`, body);
  }

  submit(id: string): Observable<Agreement> {
    return this.http.post<Agreement>(`${agreementUrl(id)}/submit`, {});
  }

  withdraw(id: string, comment: string): Observable<Agreement> {
    return this.http.post<Agreement>(`${agreementUrl(id)}/withdraw`, { comment });
  }

  terminate(id: string, comment: string): Observable<Agreement> {
    return this.http.post<Agreement>(`${agreementUrl(id)}/terminate`, { comment });
  }

  /** Signs the approved version for the caller's side (no body: the server hashes the terms). */
  sign(id: string): Observable<Agreement> {
    return this.http.post<Agreement>(`${agreementUrl(id)}/sign`, {});
  }

  /** The signed agreement as PDF, fetched with the session's token (a bare link would not carry it). */
  pdf(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${agreementUrl(id)}/pdf`, { responseType: 'blob', observe: 'response' });
  }

  /** The agreement as W3C ODRL 2.2 JSON-LD. */
  odrl(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${agreementUrl(id)}/odrl`, { responseType: 'blob', observe: 'response' });
  }

  /** Active organizations, for the provider picker and the party filter. */
  organizations(): Observable<Page<Organization>> {
    return this.http.get<Page<Organization>>(AGREEMENT_ORGANIZATIONS_URL, { params: queryParams({ active: 'true', pageSize: 200 }) });
  }

  /** The datasets a provider owns (those the caller may read), for the draft's dataset picker. */
  providerDatasets(organizationId: string): Observable<Page<Dataset>> {
    return this.http.get<Page<Dataset>>(AGREEMENT_DATASETS_URL, { params: queryParams({ owner: organizationId, pageSize: 100 }) });
  }
}
