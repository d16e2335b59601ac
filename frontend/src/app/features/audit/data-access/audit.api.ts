import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEntry, AuditVerification, Page } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const AUDIT_URL = '/api/v1/audit';

/** Filters as the API takes them ('' = any; `from`/`to` ISO datetimes, `to` exclusive). */
export interface AuditFilters {
  readonly subjectType: string;
  readonly subjectId: string;
  readonly actor: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { subjectType: '', subjectId: '', actor: '', action: '', from: '', to: '' };

/** `/api/v1/audit`: the only place the audit feature talks HTTP. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list({ filters, page, pageSize }: PageRequest<AuditFilters>): Observable<Page<AuditEntry>> {
    return this.http.get<Page<AuditEntry>>(AUDIT_URL, { params: queryParams({ ...filters, subjectId: filters.subjectId.trim(), actor: filters.actor.trim(), page, pageSize }) });
  }

  /** Re-computes the whole hash chain on the server. */
  verify(): Observable<AuditVerification> {
    return this.http.get<AuditVerification>(`${AUDIT_URL}/verify`);
  }

  /** The whole trail as NDJSON, through HttpClient so that it carries the Bearer token. */
  export(): Observable<HttpResponse<Blob>> {
    return this.http.get(`${AUDIT_URL}/export`, { responseType: 'blob', observe: 'response' });
  }
}
