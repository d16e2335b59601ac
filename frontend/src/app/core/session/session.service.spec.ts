import { Component } from '@angular/core';
import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { flushMicrotasks, meResponse, sessionUser, signInAs, tokenPair } from '../../../testing/session-testing';
import { AuthzService, provideAuthz } from '../authz/authz.service';
import { errorInterceptor } from '../http/error.interceptor';
import { authInterceptor } from './auth.interceptor';
import { REFRESH_TOKEN_STORAGE_KEY } from './refresh-token.store';
import { LOGIN_URL, LOGOUT_URL, ME_URL, REFRESH_URL } from './session.api';
import { SessionExpiredError, SessionService, refreshDelayMs } from './session.service';

@Component({ template: '' })
class BlankComponent {}

describe('SessionService', () => {
  let backend: HttpTestingController;
  let session: SessionService;
  let authz: AuthzService;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'ingresar', component: BlankComponent },
          { path: 'usuarios', component: BlankComponent },
        ]),
        provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideAuthz(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionService);
    authz = TestBed.inject(AuthzService);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  it('login keeps the access token in memory, the refresh token in localStorage, and loads /me into the ability', async () => {
    expect(authz.can('read', 'AuditEntry')).toBe(false);
    const user = sessionUser(['auditor']);
    const signedIn = session.login(user.email, 'convenio-demo');
    const login = backend.expectOne(LOGIN_URL);
    expect(login.request.body).toEqual({ email: user.email, password: 'convenio-demo' });
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush(tokenPair(user));
    await flushMicrotasks();
    const me = backend.expectOne(ME_URL);
    expect(me.request.headers.get('Authorization')).toBe('Bearer access-1');
    me.flush(meResponse(user));
    await signedIn;

    expect(session.accessToken()).toBe('access-1');
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('refresh-1');
    expect(Object.values(localStorage).join(' ')).not.toContain('access-1');
    expect(session.user()).toEqual(user);
    expect(session.signedIn()).toBe(true);
    expect(authz.can('read', 'AuditEntry')).toBe(true);
    expect(authz.can('verify', 'AuditEntry')).toBe(true);
  });

  it('a refused login stores nothing and rejects with the API error', async () => {
    const attempt = session.login('nadie@example.mx', 'wrong');
    backend.expectOne(LOGIN_URL).flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' }, { status: 401, statusText: 'Unauthorized' });
    await expect(attempt).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(session.signedIn()).toBe(false);
    expect(session.accessToken()).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('restores a remembered session at start-up with the stored refresh token, and keeps the rotated one', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'remembered');
    const user = sessionUser(['steward']);
    const restored = session.restore();
    await flushMicrotasks();
    const refresh = backend.expectOne(REFRESH_URL);
    expect(refresh.request.body).toEqual({ refreshToken: 'remembered' });
    refresh.flush(tokenPair(user, 2));
    await flushMicrotasks();
    backend.expectOne(ME_URL).flush(meResponse(user));
    await restored;
    expect(session.signedIn()).toBe(true);
    expect(session.accessToken()).toBe('access-2');
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('refresh-2');
    expect(authz.can('create', 'ApiKey')).toBe(true);
  });

  it('at start-up a refused refresh token is forgotten quietly: the public, no redirect', async () => {
    localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, 'stale');
    const restored = session.restore();
    await flushMicrotasks();
    backend.expectOne(REFRESH_URL).flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid or expired refresh token' }, { status: 401, statusText: 'Unauthorized' });
    await restored;
    expect(session.signedIn()).toBe(false);
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('without a remembered token, start-up asks nothing', async () => {
    await session.restore();
    backend.expectNone(REFRESH_URL);
    expect(session.signedIn()).toBe(false);
  });

  it('shares one refresh between concurrent callers', async () => {
    const user = await signInAs(['admin']);
    const first = session.refresh();
    const second = session.refresh();
    const third = session.tokenAfterRejection('access-1');
    await flushMicrotasks();
    backend.expectOne(REFRESH_URL).flush(tokenPair(user, 2));
    await flushMicrotasks();
    backend.expectOne(ME_URL).flush(meResponse(user));
    expect(await Promise.all([first, second, third])).toEqual(['access-2', 'access-2', 'access-2']);
    // Once renewed, a request that failed with the old token retries with the new one, no new refresh.
    expect(await session.tokenAfterRejection('access-1')).toBe('access-2');
    backend.expectNone(REFRESH_URL);
  });

  it('a refused refresh signs out, forgets the tokens and opens the sign-in page saying the session expired', async () => {
    await signInAs(['admin']);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/usuarios');
    const renewal = session.refresh();
    await flushMicrotasks();
    backend.expectOne(REFRESH_URL).flush({ statusCode: 401, error: 'Unauthorized', message: 'revoked' }, { status: 401, statusText: 'Unauthorized' });
    await expect(renewal).rejects.toBeInstanceOf(SessionExpiredError);
    await flushMicrotasks();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(session.signedIn()).toBe(false);
    expect(session.accessToken()).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBeNull();
    expect(authz.can('read', 'User')).toBe(false);
    expect(authz.can('read', 'Organization')).toBe(true);
    expect(router.url).toBe('/ingresar?reason=expired&returnUrl=%2Fusuarios');
  });

  it('a network failure while renewing keeps the session (it may be retried)', async () => {
    await signInAs(['admin']);
    const renewal = session.refresh();
    await flushMicrotasks();
    backend.expectOne(REFRESH_URL).error(new ProgressEvent('error'));
    await expect(renewal).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(session.signedIn()).toBe(true);
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('refresh-1');
  });

  it('renews the access token shortly before it expires', async () => {
    jest.useFakeTimers();
    const user = await signInAs(['admin']);
    jest.advanceTimersByTime(refreshDelayMs(900) - 1);
    backend.expectNone(REFRESH_URL);
    jest.advanceTimersByTime(1);
    await flushMicrotasks();
    const refresh = backend.expectOne(REFRESH_URL);
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh.flush(tokenPair(user, 2));
    await flushMicrotasks();
    backend.expectOne(ME_URL).flush(meResponse(user));
    await flushMicrotasks();
    expect(session.accessToken()).toBe('access-2');
    expect(refreshDelayMs(900)).toBe(840_000);
    expect(refreshDelayMs(30)).toBe(22_500);
  });

  it('logout forgets the session at once and revokes the refresh token on the server', async () => {
    await signInAs(['official']);
    const done = session.logout();
    expect(session.signedIn()).toBe(false);
    expect(session.accessToken()).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBeNull();
    expect(authz.can('read', 'AuditEntry')).toBe(false);
    const logout = backend.expectOne(LOGOUT_URL);
    expect(logout.request.body).toEqual({ refreshToken: 'refresh-1' });
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await done;
  });
});
