import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/** Where the refresh token is kept between visits (the access token never leaves memory). */
export const REFRESH_TOKEN_STORAGE_KEY = 'convenio.refresh';
const REFRESH_LOCK_NAME = 'convenio.refresh';

/** The refresh token in localStorage, tolerant of disabled storage (privacy mode). */
@Injectable({ providedIn: 'root' })
export class RefreshTokenStore {
  private readonly window = inject(DOCUMENT).defaultView;

  read(): string | null {
    try {
      return this.window?.localStorage.getItem(REFRESH_TOKEN_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  write(token: string): void {
    try {
      this.window?.localStorage.setItem(REFRESH_TOKEN_STORAGE_KEY, token);
    } catch {
      // storage disabled: the session lasts for this page only
    }
  }

  clear(): void {
    try {
      this.window?.localStorage.removeItem(REFRESH_TOKEN_STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }

  /**
   * Runs a refresh under a lock shared by every tab (Web Locks API where available): refresh
   * tokens rotate, so two tabs presenting the same one would look like a theft and revoke the
   * session. Inside the lock, read the token again: another tab may have rotated it.
   */
  exclusively<T>(task: () => Promise<T>): Promise<T> {
    const locks = this.window?.navigator?.locks;
    return locks ? (locks.request(REFRESH_LOCK_NAME, () => task()) as Promise<T>) : task();
  }
}
