import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  ANONYMIZATION_DATASET_FIELD,
  ANONYMIZATION_FILE_FIELD,
  ANONYMIZATION_POLICY_FIELD,
  type AnonymizationJob,
  type AnonymizationJobState,
  type AnonymizationPolicy,
  type AnonymizationPreview,
  type Dataset,
  type Page,
} from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';
import { DATASETS_URL } from '../../catalog/data-access/catalog.api';

export const ANONYMIZATION_JOBS_URL = '/api/v1/anonymization/jobs';

export const anonymizationJobUrl = (id: string): string => `${ANONYMIZATION_JOBS_URL}/${encodeURIComponent(id)}`;

/** How often the job page asks for a queued or running job (ms); tests shorten it. */
export const ANONYMIZATION_POLL_MS = new InjectionToken<number>('ANONYMIZATION_POLL_MS', { providedIn: 'root', factory: () => 1000 });

export interface AnonymizationJobFilters {
  readonly state: AnonymizationJobState | null;
}

export const NO_JOB_FILTERS: AnonymizationJobFilters = { state: null };

/** What a steward uploads: the CSV, the policy and, optionally, the catalog dataset it is a copy of. */
export interface NewAnonymizationJob {
  readonly file: File;
  readonly policy: AnonymizationPolicy;
  readonly datasetId?: string | null;
}

/** The anonymization jobs' HTTP: upload (multipart), list, poll, cancel, and the result, report and preview. */
@Injectable({ providedIn: 'root' })
export class AnonymizationApi {
  private readonly http = inject(HttpClient);

  list({ filters, page, pageSize }: PageRequest<AnonymizationJobFilters>): Observable<Page<AnonymizationJob>> {
    return this.http.get<Page<AnonymizationJob>>(ANONYMIZATION_JOBS_URL, { params: queryParams({ state: filters.state, page, pageSize }) });
  }

  /** The caller's completed jobs, newest first (for the release form's picker). */
  completed(pageSize = 100): Observable<Page<AnonymizationJob>> {
    return this.http.get<Page<AnonymizationJob>>(ANONYMIZATION_JOBS_URL, { params: queryParams({ state: 'completed', page: 1, pageSize }) });
  }

  get(id: string): Observable<AnonymizationJob> {
    return this.http.get<AnonymizationJob>(anonymizationJobUrl(id));
  }

  /** POST multipart/form-data: `file`, `policy` (JSON text) and `datasetId` when given → 202 with the queued job. */
  create({ file, policy, datasetId }: NewAnonymizationJob): Observable<AnonymizationJob> {
    const body = new FormData();
    body.append(ANONYMIZATION_POLICY_FIELD, JSON.stringify(policy));
    if (datasetId) body.append(ANONYMIZATION_DATASET_FIELD, datasetId);
    // The file last: the server reads the fields before the (possibly large) file.
    body.append(ANONYMIZATION_FILE_FIELD, file, file.name);
    return this.http.post<AnonymizationJob>(ANONYMIZATION_JOBS_URL, body);
  }

  /** Cancels a queued or running job; answers the job as it now stands. */
  cancel(id: string): Observable<AnonymizationJob> {
    return this.http.delete<AnonymizationJob>(anonymizationJobUrl(id));
  }

  /** Deletes the original upload (its personal data) of a job that has ended; answers the job as it now stands. */
  deleteInput(id: string): Observable<AnonymizationJob> {
    return this.http.delete<AnonymizationJob>(`${anonymizationJobUrl(id)}/input`);
  }

  preview(id: string): Observable<AnonymizationPreview> {
    return this.http.get<AnonymizationPreview>(`${anonymizationJobUrl(id)}/preview`);
  }

  /** The anonymized CSV, fetched with the session's token (a bare link would not carry it). */
  result(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${anonymizationJobUrl(id)}/result`, { responseType: 'blob', observe: 'response' });
  }

  /** The risk report as a JSON file. */
  report(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${anonymizationJobUrl(id)}/report`, { responseType: 'blob', observe: 'response' });
  }

  /** The datasets of an organization in the catalog (the new-job page's picker). */
  organizationDatasets(organizationId: string): Observable<Page<Dataset>> {
    return this.http.get<Page<Dataset>>(DATASETS_URL, { params: queryParams({ owner: organizationId, pageSize: 100 }) });
  }
}
