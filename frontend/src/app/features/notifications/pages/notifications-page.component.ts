import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatListModule } from '@angular/material/list';
import { Router } from '@angular/router';
import type { AppNotification } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { IconComponent } from '../../../shared/icon/icon.component';
import { notificationParams, notificationTextKey } from '../data-access/notification-text';
import { NotificationsApi } from '../data-access/notifications.api';
import { NotificationsStore } from '../data-access/notifications.store';

export const NOTIFICATIONS_PAGE_LIMIT = 100;

/** `/notificaciones`: the person's latest notifications, all or unread only. */
@Component({
  selector: 'cv-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatButtonToggleModule, MatListModule, TranslocoPipe, IconComponent],
  template: `
    <header class="page-head">
      <h1>{{ 'notifications.title' | transloco }}</h1>
      <mat-button-toggle-group [value]="unreadOnly()" (change)="setUnreadOnly($event.value)" [attr.aria-label]="'notifications.filter' | transloco">
        <mat-button-toggle [value]="false" data-testid="notifications-filter-all">{{ 'notifications.all' | transloco }}</mat-button-toggle>
        <mat-button-toggle [value]="true" data-testid="notifications-filter-unread">{{ 'notifications.unreadOnly' | transloco }}</mat-button-toggle>
      </mat-button-toggle-group>
      <button mat-stroked-button type="button" data-testid="notifications-page-mark-all" [disabled]="store.unread() === 0" (click)="markAllRead()">
        <cv-icon name="doneAll" />
        {{ 'notifications.markAllRead' | transloco }}
      </button>
    </header>
    @if (loading()) {
      <p role="status">{{ 'common.loading' | transloco }}</p>
    } @else if (failed()) {
      <p role="alert">{{ 'notifications.loadFailed' | transloco }}</p>
    } @else {
      <mat-list data-testid="notifications-list">
        @for (item of items(); track item.id) {
          <mat-list-item [class.unread]="!item.readAt" data-testid="notifications-row">
            <span matListItemTitle class="text">
              @if (item.link) {
                <a href="" (click)="$event.preventDefault(); open(item)">{{ textKey(item) | transloco: params(item) }}</a>
              } @else {
                {{ textKey(item) | transloco: params(item) }}
              }
            </span>
            <span matListItemLine>
              {{ item.createdAt | date: 'medium' : undefined : locale() }}
              @if (!item.readAt) {
                · <button mat-button type="button" class="mark" data-testid="notifications-mark-read" (click)="markRead(item)">{{ 'notifications.markRead' | transloco }}</button>
              }
            </span>
          </mat-list-item>
        } @empty {
          <p data-testid="notifications-page-empty">{{ 'notifications.empty' | transloco }}</p>
        }
      </mat-list>
    }
  `,
  styles: `
    .page-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
      margin-bottom: 16px;
    }
    h1 {
      margin: 0;
      flex: 1 1 auto;
    }
    .unread .text {
      font-weight: 600;
    }
    mat-list-item {
      height: auto !important;
    }
    .mark {
      vertical-align: baseline;
    }
  `,
})
export class NotificationsPageComponent {
  private readonly api = inject(NotificationsApi);
  protected readonly store = inject(NotificationsStore);
  private readonly router = inject(Router);
  protected readonly locale = inject(LanguageService).active;
  protected readonly items = signal<AppNotification[]>([]);
  protected readonly unreadOnly = signal(false);
  protected readonly loading = signal(true);
  protected readonly failed = signal(false);
  protected readonly textKey = notificationTextKey;

  constructor() {
    void this.load();
  }

  protected params(item: AppNotification): Record<string, string | number> {
    return notificationParams(item, this.locale());
  }

  protected setUnreadOnly(value: boolean): void {
    this.unreadOnly.set(value);
    void this.load();
  }

  protected async markRead(item: AppNotification): Promise<void> {
    const updated = await this.store.markRead(item);
    this.items.update((items) => (this.unreadOnly() ? items.filter((i) => i.id !== item.id) : items.map((i) => (i.id === item.id ? updated : i))));
  }

  protected async markAllRead(): Promise<void> {
    await this.store.markAllRead();
    await this.load();
  }

  protected async open(item: AppNotification): Promise<void> {
    await this.store.markRead(item).catch(() => item);
    if (item.link) await this.router.navigateByUrl(item.link);
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.failed.set(false);
    try {
      const list = await firstValueFrom(this.api.list({ limit: NOTIFICATIONS_PAGE_LIMIT, unread: this.unreadOnly() }));
      this.items.set(list.items);
    } catch {
      this.failed.set(true);
    } finally {
      this.loading.set(false);
    }
  }
}
