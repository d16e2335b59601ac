import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AppNotification, NotificationList } from '@convenio/contracts';
import type { Observable } from 'rxjs';

export const NOTIFICATIONS_URL = '/api/v1/notifications';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(options: { limit?: number; unread?: boolean } = {}): Observable<NotificationList> {
    const params: Record<string, string> = {};
    if (options.limit !== undefined) params['limit'] = String(options.limit);
    if (options.unread) params['unread'] = 'true';
    return this.http.get<NotificationList>(NOTIFICATIONS_URL, { params });
  }

  markRead(id: string): Observable<AppNotification> {
    return this.http.post<AppNotification>(`${NOTIFICATIONS_URL}/${encodeURIComponent(id)}/read`, {});
  }

  markAllRead(): Observable<{ updated: number }> {
    return this.http.post<{ updated: number }>(`${NOTIFICATIONS_URL}/read-all`, {});
  }
}
