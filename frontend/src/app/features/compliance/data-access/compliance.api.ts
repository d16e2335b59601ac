import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ComplianceFinding, ComplianceRecheck, FindingStatus, Page, UpdateFindingRequest } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import { queryParams } from '../../../shared/data/query-params';
import type { FindingQuery } from './finding-query';

export const FINDINGS_URL = '/api/v1/compliance/findings';
export const RECHECKS_URL = '/api/v1/compliance/rechecks';

export const findingUrl = (id: string): string => `${FINDINGS_URL}/${encodeURIComponent(id)}`;

/** The most findings one request may ask for (the API's page size limit). */
export const FINDINGS_MAX_PAGE_SIZE = 200;

/** The compliance findings' HTTP: the board's list, one finding with its history, and status changes. */
@Injectable({ providedIn: 'root' })
export class ComplianceApi {
  private readonly http = inject(HttpClient);

  list(query: FindingQuery): Observable<Page<ComplianceFinding>> {
    const { status, severity, rule, agreementId, page, pageSize } = query;
    return this.http.get<Page<ComplianceFinding>>(FINDINGS_URL, { params: queryParams({ status, severity, rule, agreementId, page, pageSize }) });
  }

  /** The first page (of the largest size) of the findings in one status: the lineage explorer filters it by node. */
  byStatus(status: FindingStatus): Observable<Page<ComplianceFinding>> {
    return this.http.get<Page<ComplianceFinding>>(FINDINGS_URL, { params: queryParams({ status, pageSize: FINDINGS_MAX_PAGE_SIZE }) });
  }

  get(id: string): Observable<ComplianceFinding> {
    return this.http.get<ComplianceFinding>(findingUrl(id));
  }

  /** 409 when `FINDING_TRANSITIONS` does not allow the change (any more); 400 for a short comment. */
  update(id: string, body: UpdateFindingRequest): Observable<ComplianceFinding> {
    return this.http.patch<ComplianceFinding>(findingUrl(id), body);
  }

  /** Every run (or the runs under one agreement) checked again by the worker; answers how many. */
  recheck(agreementId: string | null): Observable<ComplianceRecheck> {
    return this.http.post<ComplianceRecheck>(RECHECKS_URL, agreementId ? { agreementId } : {});
  }
}
