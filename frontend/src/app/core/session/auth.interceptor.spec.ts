import { Component } from '@angular/core';
import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { flushMicrotasks, meResponse, sessionUser, signInAs, tokenPair } from '../../../testing/session-testing';
import { provideAuthz } from '../authz/authz.service';
import { errorInterceptor } from '../http/error.interceptor';
import { authInterceptor } from './auth.interceptor';
import { LOGIN_URL, LOGOUT_URL, ME_URL, REFRESH_URL } from './session.api';
import { SessionService } from './session.service';

@Component({ template: '' })
class BlankComponent {}

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };
const expired = { statusCode: 401, error: 'Unauthorized', message: 'Invalid or expired credentials' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'ingresar', component: BlankComponent }]),
        provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideAuthz(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function answerRefresh(n: number): Promise<void> {
    await flushMicrotasks();
    const user = sessionUser(['admin']);
    backend.expectOne(REFRESH_URL).flush(tokenPair(user, n));
    await flushMicrotasks();
    backend.expectOne(ME_URL).flush(meResponse(user));
    await flushMicrotasks();
  }

  it('sends no Authorization header while signed out', async () => {
    const answer = firstValueFrom(http.get('/api/v1/organizations'));
    const request = backend.expectOne('/api/v1/organizations');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await answer;
  });

  it('adds the Bearer access token to API calls, but not to the token endpoints nor to other sites', async () => {
    await signInAs(['admin']);
    void firstValueFrom(http.get('/api/v1/users')).catch(() => undefined);
    expect(backend.expectOne('/api/v1/users').request.headers.get('Authorization')).toBe('Bearer access-1');

    void firstValueFrom(http.post(LOGOUT_URL, { refreshToken: 'x' })).catch(() => undefined);
    expect(backend.expectOne(LOGOUT_URL).request.headers.has('Authorization')).toBe(false);
    void firstValueFrom(http.post(LOGIN_URL, {})).catch(() => undefined);
    expect(backend.expectOne(LOGIN_URL).request.headers.has('Authorization')).toBe(false);
    void firstValueFrom(http.get('https://example.org/api/v1/users')).catch(() => undefined);
    expect(backend.expectOne('https://example.org/api/v1/users').request.headers.has('Authorization')).toBe(false);
  });

  it('after a 401, refreshes once and retries the request with the new token', async () => {
    await signInAs(['admin']);
    const answer = firstValueFrom(http.get<{ ok: boolean }>('/api/v1/users'));
    backend.expectOne('/api/v1/users').flush(expired, UNAUTHORIZED);
    await answerRefresh(2);
    const retry = backend.expectOne('/api/v1/users');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush({ ok: true });
    await expect(answer).resolves.toEqual({ ok: true });
  });

  it('concurrent 401s trigger ONE refresh; every request is retried with the new token', async () => {
    await signInAs(['admin']);
    const urls = ['/api/v1/users', '/api/v1/organizations', '/api/v1/api-keys'];
    const answers = urls.map((url) => firstValueFrom(http.get<{ url: string }>(url)));
    for (const url of urls) backend.expectOne(url).flush(expired, UNAUTHORIZED);
    await answerRefresh(2); // expectOne: a second refresh request would fail here or in verify()
    for (const url of urls) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({ url });
    }
    expect(await Promise.all(answers)).toEqual(urls.map((url) => ({ url })));
  });

  it('retries only once: a second 401 reaches the caller', async () => {
    await signInAs(['admin']);
    const answer = firstValueFrom(http.get('/api/v1/users'));
    backend.expectOne('/api/v1/users').flush(expired, UNAUTHORIZED);
    await answerRefresh(2);
    backend.expectOne('/api/v1/users').flush(expired, UNAUTHORIZED);
    const error = await answer.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(401);
    backend.expectNone(REFRESH_URL);
  });

  it('when the refresh is refused: the caller gets the 401, the session ends, the sign-in page says why', async () => {
    await signInAs(['admin']);
    const answer = firstValueFrom(http.get('/api/v1/users'));
    backend.expectOne('/api/v1/users').flush(expired, UNAUTHORIZED);
    await flushMicrotasks();
    backend.expectOne(REFRESH_URL).flush({ statusCode: 401, error: 'Unauthorized', message: 'This refresh token was already used' }, UNAUTHORIZED);
    const error = await answer.then(() => null, (e: unknown) => e);
    expect((error as HttpErrorResponse).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(TestBed.inject(SessionService).signedIn()).toBe(false);
    expect(TestBed.inject(Router).url).toMatch(/^\/ingresar\?reason=expired/);
  });

  it('leaves other errors alone (no refresh on 403)', async () => {
    await signInAs(['partner']);
    const answer = firstValueFrom(http.get('/api/v1/audit'));
    backend.expectOne('/api/v1/audit').flush({ statusCode: 403, error: 'Forbidden', message: 'You may not read AuditEntry' }, { status: 403, statusText: 'Forbidden' });
    const error = await answer.then(() => null, (e: unknown) => e);
    expect((error as HttpErrorResponse).status).toBe(403);
    backend.expectNone(REFRESH_URL);
  });
});
