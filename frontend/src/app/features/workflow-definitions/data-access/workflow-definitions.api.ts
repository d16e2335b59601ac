import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Page, SaveWorkflowDefinitionRequest, User, WorkflowDefinition } from '@convenio/contracts';
import type { Observable } from 'rxjs';

export const WORKFLOW_DEFINITIONS_URL = '/api/v1/workflow-definitions';
export const WORKFLOW_USERS_URL = '/api/v1/users';

@Injectable({ providedIn: 'root' })
export class WorkflowDefinitionsApi {
  private readonly http = inject(HttpClient);

  /** The latest version of each definition. */
  list(): Observable<WorkflowDefinition[]> {
    return this.http.get<WorkflowDefinition[]>(WORKFLOW_DEFINITIONS_URL);
  }

  /** Saving always makes a new version; agreements under review keep theirs. */
  saveVersion(key: string, body: SaveWorkflowDefinitionRequest): Observable<WorkflowDefinition> {
    return this.http.post<WorkflowDefinition>(`${WORKFLOW_DEFINITIONS_URL}/${encodeURIComponent(key)}/versions`, body);
  }

  /** People who can be named as reviewers (the admin may read every user). */
  users(): Observable<Page<User>> {
    return this.http.get<Page<User>>(WORKFLOW_USERS_URL, { params: { pageSize: '200', page: '1' } });
  }
}
