import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Page, PublicAgreement } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const PUBLIC_AGREEMENTS_URL = '/api/v1/public/agreements';

export interface RegisterFilters {
  readonly q: string;
}

/** The public register of agreements (no sign-in): active and past agreements, never notes. */
@Injectable({ providedIn: 'root' })
export class PublicRegisterApi {
  private readonly http = inject(HttpClient);

  list({ filters, page, pageSize }: PageRequest<RegisterFilters>): Observable<Page<PublicAgreement>> {
    return this.http.get<Page<PublicAgreement>>(PUBLIC_AGREEMENTS_URL, { params: queryParams({ q: filters.q.trim(), page, pageSize }) });
  }
}
