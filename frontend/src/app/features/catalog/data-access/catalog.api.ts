import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccessExplanation,
  CreateDatasetRequest,
  CsvProfile,
  Dataset,
  DatasetAccessPolicy,
  DatasetAccessPolicyInput,
  DatasetSearchResult,
  Organization,
  Page,
  RefMunicipality,
  RefState,
  ScianEntry,
  UpdateDatasetRequest,
  User,
} from '@convenio/contracts';
import type { Observable } from 'rxjs';
import { queryParams } from '../../../shared/data/query-params';
import type { CatalogQuery } from './catalog-query';

export const DATASETS_URL = '/api/v1/datasets';
export const PROFILE_URL = '/api/v1/catalog/profile';
export const REFERENCE_URL = '/api/v1/reference';
export const CATALOG_ORGANIZATIONS_URL = '/api/v1/organizations';
export const CATALOG_USERS_URL = '/api/v1/users';

const datasetUrl = (id: string): string => `${DATASETS_URL}/${encodeURIComponent(id)}`;

/** The catalog's HTTP: datasets, their access policies, profiling and the lookups of its pickers. */
@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly http = inject(HttpClient);

  search(query: CatalogQuery): Observable<DatasetSearchResult> {
    const { q, theme, owner, sensitivity, geoLevel, status, page, pageSize } = query;
    return this.http.get<DatasetSearchResult>(DATASETS_URL, { params: queryParams({ q: q.trim(), theme, owner, sensitivity, geoLevel, status, page, pageSize }) });
  }

  get(id: string): Observable<Dataset> {
    return this.http.get<Dataset>(datasetUrl(id));
  }

  create(body: CreateDatasetRequest): Observable<Dataset> {
    return this.http.post<Dataset>(DATASETS_URL, body);
  }

  update(id: string, body: UpdateDatasetRequest): Observable<Dataset> {
    return this.http.patch<Dataset>(datasetUrl(id), body);
  }

  policy(id: string): Observable<DatasetAccessPolicy> {
    return this.http.get<DatasetAccessPolicy>(`${datasetUrl(id)}/access-policy`);
  }

  policyVersions(id: string): Observable<DatasetAccessPolicy[]> {
    return this.http.get<DatasetAccessPolicy[]>(`${datasetUrl(id)}/access-policy/versions`);
  }

  savePolicy(id: string, body: DatasetAccessPolicyInput): Observable<DatasetAccessPolicy> {
    return this.http.put<DatasetAccessPolicy>(`${datasetUrl(id)}/access-policy`, body);
  }

  explain(id: string, userId: string | null): Observable<AccessExplanation> {
    return this.http.get<AccessExplanation>(`${datasetUrl(id)}/access/explain`, { params: queryParams({ userId }) });
  }

  /** POST multipart (`file`): the column profile of a sample CSV. */
  profile(file: File): Observable<CsvProfile> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<CsvProfile>(PROFILE_URL, body);
  }

  /** Active organizations, for the policy form's multi-select. */
  organizations(): Observable<Page<Organization>> {
    return this.http.get<Page<Organization>>(CATALOG_ORGANIZATIONS_URL, { params: queryParams({ active: 'true', pageSize: 200 }) });
  }

  /** Users one may read whose name or e-mail contains `q`, for the explain panel. */
  users(q: string): Observable<Page<User>> {
    return this.http.get<Page<User>>(CATALOG_USERS_URL, { params: queryParams({ q: q.trim(), pageSize: 10 }) });
  }

  /** Active stewards of an organization, for the editor's steward picker. */
  stewards(organizationId: string): Observable<Page<User>> {
    return this.http.get<Page<User>>(CATALOG_USERS_URL, { params: queryParams({ organizationId, role: 'steward', active: 'true', pageSize: 200 }) });
  }

  states(): Observable<RefState[]> {
    return this.http.get<RefState[]>(`${REFERENCE_URL}/states`);
  }

  municipalities(q: string, state?: string): Observable<Page<RefMunicipality>> {
    return this.http.get<Page<RefMunicipality>>(`${REFERENCE_URL}/municipalities`, { params: queryParams({ q: q.trim(), state, pageSize: 20 }) });
  }

  scian(q: string, digits?: number | null): Observable<Page<ScianEntry>> {
    return this.http.get<Page<ScianEntry>>(`${REFERENCE_URL}/scian`, { params: queryParams({ q: q.trim(), digits, pageSize: 20 }) });
  }
}
