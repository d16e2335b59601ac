import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatMenuModule } from '@angular/material/menu';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import type { AppNotification } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { SessionService } from '../../../core/session/session.service';
import { IconComponent } from '../../../shared/icon/icon.component';
import { notificationParams, notificationTextKey } from '../data-access/notification-text';
import { NotificationsStore } from '../data-access/notifications.store';

/** How often the unread count is asked for while signed in. */
export const BELL_POLL_MS = 30_000;

/**
 * The toolbar bell: unread count (polled every 30 s and after each navigation while signed
 * in; nothing when signed out), the latest notifications, and "mark all read".
 */
@Component({
  selector: 'cv-notifications-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, MatDividerModule, RouterLink, TranslocoPipe, DatePipe, IconComponent],
  template: `
    @if (session.signedIn()) {
      <button
        mat-icon-button
        type="button"
        class="bell"
        data-testid="notifications-bell"
        [matMenuTriggerFor]="menu"
        [attr.aria-label]="'notifications.bell' | transloco: { count: unread() }"
      >
        <cv-icon name="notifications" />
        @if (unread() > 0) {
          <span class="badge" data-testid="notifications-unread" aria-hidden="true">{{ unread() > 99 ? '99+' : unread() }}</span>
        }
      </button>
      <mat-menu #menu="matMenu" xPosition="before" class="cv-notifications-menu">
        <div class="head">
          <strong>{{ 'notifications.title' | transloco }}</strong>
        </div>
        @for (item of store.latest(); track item.id) {
          <button mat-menu-item type="button" class="item" [class.unread]="!item.readAt" data-testid="notification-item" (click)="open(item)">
            <span class="text">{{ textKey(item) | transloco: params(item) }}</span>
            <span class="when">{{ item.createdAt | date: 'short' : undefined : locale() }}</span>
          </button>
        } @empty {
          <p class="empty" data-testid="notifications-empty">{{ 'notifications.empty' | transloco }}</p>
        }
        <mat-divider />
        @if (unread() > 0) {
          <button mat-menu-item type="button" data-testid="notifications-mark-all" (click)="markAllRead()">
            <cv-icon matMenuItemIcon name="doneAll" />
            {{ 'notifications.markAllRead' | transloco }}
          </button>
        }
        <a mat-menu-item routerLink="/notificaciones" data-testid="notifications-see-all">{{ 'notifications.seeAll' | transloco }}</a>
      </mat-menu>
    }
  `,
  styles: `
    .bell {
      position: relative;
    }
    .badge {
      position: absolute;
      top: 4px;
      inset-inline-end: 2px;
      min-width: 18px;
      height: 18px;
      padding: 0 4px;
      box-sizing: border-box;
      border-radius: 9px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font: var(--mat-sys-label-small);
      line-height: 18px;
      text-align: center;
    }
    .head {
      padding: 8px 16px;
    }
    .item {
      height: auto;
      min-height: 48px;
      padding-block: 6px;
      max-width: 360px;
    }
    .item .text {
      display: block;
      white-space: normal;
      line-height: 1.3;
    }
    .item.unread .text {
      font-weight: 600;
    }
    .when,
    .empty {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .empty {
      padding: 8px 16px;
      margin: 0;
    }
  `,
})
export class NotificationsBellComponent {
  protected readonly session = inject(SessionService);
  protected readonly store = inject(NotificationsStore);
  private readonly router = inject(Router);
  protected readonly locale = inject(LanguageService).active;
  protected readonly unread = computed(() => this.store.unread());
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      const signedIn = this.session.signedIn();
      untracked(() => (signedIn ? this.start() : this.stop()));
    });
    this.router.events
      .pipe(filter((event) => event instanceof NavigationEnd), takeUntilDestroyed())
      .subscribe(() => {
        if (this.session.signedIn()) void this.store.refresh();
      });
    inject(DestroyRef).onDestroy(() => this.stopTimer());
  }

  protected textKey = notificationTextKey;
  protected params(item: AppNotification): Record<string, string | number> {
    return notificationParams(item, this.locale());
  }

  protected async open(item: AppNotification): Promise<void> {
    await this.store.markRead(item).catch(() => item);
    if (item.link) await this.router.navigateByUrl(item.link);
  }

  protected markAllRead(): void {
    void this.store.markAllRead().catch(() => undefined);
  }

  private start(): void {
    void this.store.refresh();
    this.stopTimer();
    this.timer = setInterval(() => void this.store.refresh(), BELL_POLL_MS);
  }

  private stop(): void {
    this.stopTimer();
    this.store.clear();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
