import { Injectable, inject, signal } from '@angular/core';
import type { AppNotification } from '@convenio/contracts';
import { firstValueFrom } from 'rxjs';
import { NotificationsApi } from './notifications.api';

/** How many notifications the bell's menu shows. */
export const BELL_LIMIT = 8;

/**
 * The bell's state, shared by the bell and the notifications page so that reading on one
 * updates the other. Failures keep the last known state (the bell is never an error page).
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly latestItems = signal<AppNotification[]>([]);
  private readonly unreadCount = signal(0);

  readonly latest = this.latestItems.asReadonly();
  readonly unread = this.unreadCount.asReadonly();

  async refresh(): Promise<void> {
    try {
      const list = await firstValueFrom(this.api.list({ limit: BELL_LIMIT }));
      this.latestItems.set(list.items);
      this.unreadCount.set(list.unread);
    } catch {
      // Offline or signed out meanwhile: keep what is shown; the next poll tries again.
    }
  }

  async markRead(notification: AppNotification): Promise<AppNotification> {
    if (notification.readAt) return notification;
    const updated = await firstValueFrom(this.api.markRead(notification.id));
    this.latestItems.update((items) => items.map((item) => (item.id === updated.id ? updated : item)));
    this.unreadCount.update((count) => Math.max(0, count - 1));
    return updated;
  }

  async markAllRead(): Promise<void> {
    await firstValueFrom(this.api.markAllRead());
    const now = new Date().toISOString();
    this.latestItems.update((items) => items.map((item) => (item.readAt ? item : { ...item, readAt: now })));
    this.unreadCount.set(0);
  }

  /** Signed out: forget the previous person's notifications. */
  clear(): void {
    this.latestItems.set([]);
    this.unreadCount.set(0);
  }
}
