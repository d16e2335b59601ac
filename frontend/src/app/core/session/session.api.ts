import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LoginRequest, MeResponse, TokenPair } from '@convenio/contracts';
import type { Observable } from 'rxjs';

export const AUTH_URL = '/api/v1/auth';
export const LOGIN_URL = `${AUTH_URL}/login`;
export const REFRESH_URL = `${AUTH_URL}/refresh`;
export const LOGOUT_URL = `${AUTH_URL}/logout`;
export const ME_URL = `${AUTH_URL}/me`;

/** The token endpoints: they carry no Bearer header and a 401 from them is final. */
export const TOKEN_ENDPOINTS: readonly string[] = [LOGIN_URL, REFRESH_URL, LOGOUT_URL];

/** The auth routes of the API; the only place the session talks HTTP. */
@Injectable({ providedIn: 'root' })
export class SessionApi {
  private readonly http = inject(HttpClient);

  login(credentials: LoginRequest): Observable<TokenPair> {
    return this.http.post<TokenPair>(LOGIN_URL, credentials);
  }

  refresh(refreshToken: string): Observable<TokenPair> {
    return this.http.post<TokenPair>(REFRESH_URL, { refreshToken });
  }

  logout(refreshToken: string): Observable<void> {
    return this.http.post<void>(LOGOUT_URL, { refreshToken });
  }

  /** With the given access token explicitly: the auth interceptor leaves such requests alone. */
  me(accessToken: string): Observable<MeResponse> {
    return this.http.get<MeResponse>(ME_URL, { headers: new HttpHeaders({ Authorization: `Bearer ${accessToken}` }) });
  }
}
