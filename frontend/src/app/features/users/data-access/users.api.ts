import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, Page, Role, UpdateUserRequest, User } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import type { PageRequest } from '../../../shared/data/paged-list';
import { queryParams } from '../../../shared/data/query-params';

export const USERS_URL = '/api/v1/users';

export interface UserFilters {
  readonly q: string;
  readonly organizationId: string;
  readonly role: Role | '';
  readonly active: 'true' | 'false' | '';
}

export const NO_USER_FILTERS: UserFilters = { q: '', organizationId: '', role: '', active: '' };

/** `/api/v1/users`: the only place the users feature talks HTTP. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list({ filters, page, pageSize }: PageRequest<UserFilters>): Observable<Page<User>> {
    return this.http.get<Page<User>>(USERS_URL, { params: queryParams({ ...filters, q: filters.q.trim(), page, pageSize }) });
  }

  create(body: CreateUserRequest): Observable<User> {
    return this.http.post<User>(USERS_URL, body);
  }

  update(id: string, body: UpdateUserRequest): Observable<User> {
    return this.http.patch<User>(`${USERS_URL}/${encodeURIComponent(id)}`, body);
  }
}
