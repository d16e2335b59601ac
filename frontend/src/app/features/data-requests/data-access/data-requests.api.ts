import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AnswerDataRequestRequest, DataRequest, DataRequestStatus, DatasetSearchResult, Page } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import { queryParams } from '../../../shared/data/query-params';

export const DATA_REQUESTS_URL = '/api/v1/data-requests';
export const DATA_REQUEST_DATASETS_URL = '/api/v1/datasets';

export interface DataRequestFilters {
  readonly status: DataRequestStatus | '';
}

/** Data requests addressed to (stewards) or sent by (officials) an organization, and their answers. */
@Injectable({ providedIn: 'root' })
export class DataRequestsApi {
  private readonly http = inject(HttpClient);

  list(request: { filters: DataRequestFilters; page: number; pageSize: number }): Observable<Page<DataRequest>> {
    return this.http.get<Page<DataRequest>>(DATA_REQUESTS_URL, { params: queryParams({ status: request.filters.status, page: request.page, pageSize: request.pageSize }) });
  }

  answer(id: string, body: AnswerDataRequestRequest): Observable<DataRequest> {
    return this.http.post<DataRequest>(`${DATA_REQUESTS_URL}/${encodeURIComponent(id)}/answer`, body);
  }

  /** The datasets of the steward's organization a request can be answered with. */
  datasetsOf(organizationId: string): Observable<DatasetSearchResult> {
    return this.http.get<DatasetSearchResult>(DATA_REQUEST_DATASETS_URL, { params: queryParams({ owner: organizationId, pageSize: 100 }) });
  }
}
