import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateReleaseRequest, Release, ReleaseCheck, ReleaseCheckRequest } from '@convenio/contracts';
import type { Observable } from 'rxjs';

export const AGREEMENTS_BASE_URL = '/api/v1/agreements';

export const releasesUrl = (agreementId: string): string => `${AGREEMENTS_BASE_URL}/${encodeURIComponent(agreementId)}/releases`;

/** Releases of an agreement: deliveries of anonymized data, checked by the API against the agreement's terms. */
@Injectable({ providedIn: 'root' })
export class ReleasesApi {
  private readonly http = inject(HttpClient);

  list(agreementId: string): Observable<Release[]> {
    return this.http.get<Release[]>(releasesUrl(agreementId));
  }

  /** 201 with the release; 422 lists each failed term in `details` (see RELEASE_TERMS). */
  create(agreementId: string, body: CreateReleaseRequest): Observable<Release> {
    return this.http.post<Release>(releasesUrl(agreementId), body);
  }

  /** The terms check of a release before making it: `{ok, failures}` (nothing is written). */
  check(agreementId: string, body: ReleaseCheckRequest): Observable<ReleaseCheck> {
    return this.http.post<ReleaseCheck>(`${releasesUrl(agreementId)}/check`, body);
  }
}
