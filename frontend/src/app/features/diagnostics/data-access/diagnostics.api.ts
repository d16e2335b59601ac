import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateDataRequestRequest,
  CreateDiagnosticRequest,
  DataRequest,
  Diagnostic,
  DiagnosticNeed,
  DiagnosticStatus,
  NeedCandidates,
  Organization,
  Page,
  RefMunicipality,
  RefState,
  ScianEntry,
  UpdateDiagnosticRequest,
} from '@convenio/contracts';
import type { Observable } from 'rxjs';
import { queryParams } from '../../../shared/data/query-params';

export const DIAGNOSTICS_URL = '/api/v1/diagnostics';
export const DIAGNOSTIC_REFERENCE_URL = '/api/v1/reference';
export const DIAGNOSTIC_ORGANIZATIONS_URL = '/api/v1/organizations';

const diagnosticUrl = (id: string): string => `${DIAGNOSTICS_URL}/${encodeURIComponent(id)}`;
const needUrl = (id: string, needId: string): string => `${diagnosticUrl(id)}/needs/${encodeURIComponent(needId)}`;

export interface DiagnosticFilters {
  readonly status: DiagnosticStatus | '';
}

/** The diagnostics HTTP: diagnostics and their needs, candidates, assignment, data requests and the pickers' lookups. */
@Injectable({ providedIn: 'root' })
export class DiagnosticsApi {
  private readonly http = inject(HttpClient);

  list(request: { filters: DiagnosticFilters; page: number; pageSize: number }): Observable<Page<Diagnostic>> {
    return this.http.get<Page<Diagnostic>>(DIAGNOSTICS_URL, { params: queryParams({ status: request.filters.status, page: request.page, pageSize: request.pageSize }) });
  }

  get(id: string): Observable<Diagnostic> {
    return this.http.get<Diagnostic>(diagnosticUrl(id));
  }

  create(body: CreateDiagnosticRequest): Observable<Diagnostic> {
    return this.http.post<Diagnostic>(DIAGNOSTICS_URL, body);
  }

  update(id: string, body: UpdateDiagnosticRequest): Observable<Diagnostic> {
    return this.http.patch<Diagnostic>(diagnosticUrl(id), body);
  }

  candidates(id: string): Observable<NeedCandidates[]> {
    return this.http.get<NeedCandidates[]>(`${diagnosticUrl(id)}/candidates`);
  }

  assign(id: string, needId: string, datasetId: string): Observable<DiagnosticNeed> {
    return this.http.put<DiagnosticNeed>(`${needUrl(id, needId)}/assignment`, { datasetId });
  }

  unassign(id: string, needId: string): Observable<DiagnosticNeed> {
    return this.http.delete<DiagnosticNeed>(`${needUrl(id, needId)}/assignment`);
  }

  requestData(id: string, needId: string, body: CreateDataRequestRequest): Observable<DataRequest> {
    return this.http.post<DataRequest>(`${needUrl(id, needId)}/requests`, body);
  }

  organizations(): Observable<Page<Organization>> {
    return this.http.get<Page<Organization>>(DIAGNOSTIC_ORGANIZATIONS_URL, { params: queryParams({ active: 'true', pageSize: 100 }) });
  }

  states(): Observable<RefState[]> {
    return this.http.get<RefState[]>(`${DIAGNOSTIC_REFERENCE_URL}/states`);
  }

  municipalities(q: string, state?: string): Observable<Page<RefMunicipality>> {
    return this.http.get<Page<RefMunicipality>>(`${DIAGNOSTIC_REFERENCE_URL}/municipalities`, { params: queryParams({ q, state, pageSize: 20 }) });
  }

  scian(q: string, digits?: number): Observable<Page<ScianEntry>> {
    return this.http.get<Page<ScianEntry>>(`${DIAGNOSTIC_REFERENCE_URL}/scian`, { params: queryParams({ q, digits, pageSize: 20 }) });
  }
}
