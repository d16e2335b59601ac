import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateOrganizationRequest, Organization, OrganizationSector, Page, UpdateOrganizationRequest } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const ORGANIZATIONS_URL = '/api/v1/organizations';

export interface OrganizationFilters {
  readonly q: string;
  readonly sector: OrganizationSector | '';
  /** '' = any. */
  readonly active: 'true' | 'false' | '';
}

export const NO_ORGANIZATION_FILTERS: OrganizationFilters = { q: '', sector: '', active: '' };

/** `/api/v1/organizations`: the only place the organizations feature talks HTTP. */
@Injectable({ providedIn: 'root' })
export class OrganizationsApi {
  private readonly http = inject(HttpClient);

  list({ filters, page, pageSize }: PageRequest<OrganizationFilters>): Observable<Page<Organization>> {
    return this.http.get<Page<Organization>>(ORGANIZATIONS_URL, { params: queryParams({ ...filters, q: filters.q.trim(), page, pageSize }) });
  }

  /** Active organizations whose name or RFC contains `q` (pickers). */
  search(q: string, pageSize = 10): Observable<Page<Organization>> {
    return this.list({ filters: { q, sector: '', active: 'true' }, page: 1, pageSize });
  }

  create(body: CreateOrganizationRequest): Observable<Organization> {
    return this.http.post<Organization>(ORGANIZATIONS_URL, body);
  }

  update(id: string, body: UpdateOrganizationRequest): Observable<Organization> {
    return this.http.patch<Organization>(`${ORGANIZATIONS_URL}/${encodeURIComponent(id)}`, body);
  }
}
