import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { SessionUser, TokenPair } from '@convenio/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthzService } from '../authz/authz.service';
import { RefreshTokenStore } from './refresh-token.store';
import { SessionApi } from './session.api';

/** The sign-in page (Spanish path, like every route). */
export const LOGIN_PATH = '/ingresar';
/** `?reason=` of the sign-in page when the session could not be renewed. */
export const SESSION_EXPIRED_REASON = 'expired';

/** The refresh token was refused (expired, revoked, reused) or there is none: sign in again. */
export class SessionExpiredError extends Error {
  constructor() {
    super('The session has expired');
    this.name = 'SessionExpiredError';
  }
}

/**
 * When to renew an access token valid for `expiresIn` seconds: a minute early, or at three
 * quarters of its life when it is short (tests, `ACCESS_TOKEN_TTL_SECONDS=30`).
 */
export function refreshDelayMs(expiresIn: number): number {
  const lifetime = expiresIn * 1000;
  return Math.max(lifetime - 60_000, lifetime * 0.75);
}

function isRefusal(error: unknown): boolean {
  return error instanceof SessionExpiredError || (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400));
}

/**
 * Who is signed in. The access token lives in memory only; the refresh token in localStorage
 * (`convenio.refresh`) so that a reload restores the session silently. Every new token pair
 * loads `/auth/me` and replaces the ability's rules; the access token is renewed shortly
 * before it expires and after a 401 (one shared refresh, whoever asks). A refused refresh
 * clears everything and, when someone was signed in, opens the sign-in page saying why.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly api = inject(SessionApi);
  private readonly authz = inject(AuthzService);
  private readonly store = inject(RefreshTokenStore);
  private readonly router = inject(Router);
  private readonly currentUser = signal<SessionUser | null>(null);
  private token: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<string> | null = null;

  /** The signed-in person, or null for the public. Set once the ability holds their rules. */
  readonly user = this.currentUser.asReadonly();
  readonly signedIn = computed(() => this.currentUser() !== null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelTimer());
  }

  /** The access token for the Authorization header, or null when signed out. */
  accessToken(): string | null {
    return this.token;
  }

  /** Signs in; rejects with the API's error (401 wrong credentials, 429 throttled, …). */
  async login(email: string, password: string): Promise<SessionUser> {
    const pair = await firstValueFrom(this.api.login({ email, password }));
    try {
      return await this.begin(pair);
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  /** Ends the session here and on the server (whatever the server answers), then goes home. */
  async logout(): Promise<void> {
    const refreshToken = this.store.read();
    this.clear();
    void this.router.navigateByUrl('/');
    if (refreshToken) await firstValueFrom(this.api.logout(refreshToken)).catch(() => undefined);
  }

  /** At start-up: a remembered refresh token becomes a session, silently; otherwise the public. */
  async restore(): Promise<void> {
    if (!this.store.read()) return;
    await this.refresh().catch(() => undefined);
  }

  /**
   * A new access token. Concurrent callers share one request; a refusal signs out (see class).
   * Network and server errors reject without ending the session.
   */
  refresh(): Promise<string> {
    this.refreshing ??= this.renew().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /**
   * The token to retry a request that answered 401 with `rejected`: the current one when a
   * refresh already replaced it meanwhile, otherwise a fresh one.
   */
  tokenAfterRejection(rejected: string): Promise<string> {
    if (this.refreshing) return this.refreshing;
    if (this.token && this.token !== rejected) return Promise.resolve(this.token);
    return this.refresh();
  }

  private async renew(): Promise<string> {
    const wasSignedIn = this.signedIn();
    try {
      return await this.store.exclusively(async () => {
        const refreshToken = this.store.read();
        if (!refreshToken) throw new SessionExpiredError();
        const pair = await firstValueFrom(this.api.refresh(refreshToken));
        await this.begin(pair);
        return pair.accessToken;
      });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.clear();
      if (wasSignedIn) void this.openSignInPage();
      throw error instanceof SessionExpiredError ? error : new SessionExpiredError();
    }
  }

  /** Keeps a new pair, loads the person and their rules, schedules the next renewal. */
  private async begin(pair: TokenPair): Promise<SessionUser> {
    this.token = pair.accessToken;
    this.store.write(pair.refreshToken);
    this.schedule(pair.expiresIn);
    const me = await firstValueFrom(this.api.me(pair.accessToken));
    this.authz.usePackedRules(me.rules);
    this.currentUser.set(me.user);
    return me.user;
  }

  private schedule(expiresIn: number): void {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      // A network failure here is retried by the next 401; a refusal has already signed out.
      this.refresh().catch(() => undefined);
    }, refreshDelayMs(expiresIn));
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private clear(): void {
    this.cancelTimer();
    this.token = null;
    this.store.clear();
    this.currentUser.set(null);
    this.authz.usePublicRules();
  }

  private openSignInPage(): Promise<boolean> {
    const current = this.router.url;
    const returnUrl = current.startsWith(LOGIN_PATH) ? undefined : current;
    return this.router.navigate([LOGIN_PATH], { queryParams: { reason: SESSION_EXPIRED_REASON, returnUrl } });
  }
}
