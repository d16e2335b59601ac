import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey, Page } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const API_KEYS_URL = '/api/v1/api-keys';

/** `/api/v1/api-keys`: the only place the API-keys feature talks HTTP. */
@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly http = inject(HttpClient);

  list({ page, pageSize }: PageRequest<object>): Observable<Page<ApiKey>> {
    return this.http.get<Page<ApiKey>>(API_KEYS_URL, { params: queryParams({ page, pageSize }) });
  }

  /** The answer carries the secret `key`: the only time it exists outside the server's hash. */
  create(body: CreateApiKeyRequest): Observable<CreatedApiKey> {
    return this.http.post<CreatedApiKey>(API_KEYS_URL, body);
  }

  revoke(id: string): Observable<ApiKey> {
    return this.http.delete<ApiKey>(`${API_KEYS_URL}/${encodeURIComponent(id)}`);
  }
}
