import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Dataset, Page } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const PUBLIC_DATASETS_URL = '/api/v1/public/datasets';
/** The whole public catalog in one CSV file (bulk download). */
export const PUBLIC_CSV_URL = `${PUBLIC_DATASETS_URL}?format=csv`;
/** The public catalog as JSON, a large page at a time. */
export const PUBLIC_JSON_URL = `${PUBLIC_DATASETS_URL}?format=json&pageSize=1000`;
/** W3C DCAT 3 as JSON-LD, paged with Hydra links. */
export const DCAT_URL = '/api/v1/catalog.jsonld';

/** The public catalog (no sign-in): published datasets of sensitivity `public`, metadata only. */
@Injectable({ providedIn: 'root' })
export class PublicCatalogApi {
  private readonly http = inject(HttpClient);

  list({ page, pageSize }: PageRequest<object>): Observable<Page<Dataset>> {
    return this.http.get<Page<Dataset>>(PUBLIC_DATASETS_URL, { params: queryParams({ format: 'json', page, pageSize }) });
  }
}
