import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApprovalDecisionRequest, ApprovalTask } from '@convenio/contracts';
import type { Observable } from 'rxjs';

export const APPROVALS_URL = '/api/v1/approvals';

/** The caller's pending approval tasks and their decisions. */
@Injectable({ providedIn: 'root' })
export class ApprovalsApi {
  private readonly http = inject(HttpClient);

  pending(): Observable<ApprovalTask[]> {
    return this.http.get<ApprovalTask[]>(APPROVALS_URL);
  }

  /** 409 when the task was already decided (by someone else, or a second click). */
  decide(taskId: string, body: ApprovalDecisionRequest): Observable<ApprovalTask> {
    return this.http.post<ApprovalTask>(`${APPROVALS_URL}/${encodeURIComponent(taskId)}/decision`, body);
  }
}
