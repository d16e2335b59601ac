import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { IconComponent } from '../../shared/icon/icon.component';
import { LOGIN_PATH, SessionService } from '../session/session.service';

/** Toolbar: "Ingresar" for the public; for a signed-in person, who they are and "Salir". */
@Component({
  selector: 'cv-account-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, MatDividerModule, RouterLink, TranslocoPipe, IconComponent],
  template: `
    @if (session.user(); as user) {
      <button
        mat-button
        type="button"
        class="account"
        data-testid="account-menu"
        [matMenuTriggerFor]="menu"
        [attr.aria-label]="'account.menu' | transloco: { name: user.fullName }"
      >
        <cv-icon name="account" />
        <span class="name" data-testid="account-name">{{ user.fullName }}</span>
      </button>
      <mat-menu #menu="matMenu" xPosition="before">
        <div class="who" data-testid="account-details">
          <strong data-testid="account-full-name">{{ user.fullName }}</strong>
          <span data-testid="account-email">{{ user.email }}</span>
          <span data-testid="account-organization">{{ user.organization.name }}</span>
          <span data-testid="account-roles">
            {{ 'account.roles' | transloco }}:
            @for (role of user.roles; track role; let last = $last) {
              {{ 'roles.' + role | transloco }}{{ last ? '' : ', ' }}
            }
          </span>
        </div>
        <mat-divider />
        <button mat-menu-item type="button" data-testid="logout" (click)="logout()">
          <cv-icon matMenuItemIcon name="logout" />
          {{ 'account.logout' | transloco }}
        </button>
      </mat-menu>
    } @else {
      <a mat-button class="account" data-testid="login-link" [routerLink]="loginPath">
        <cv-icon name="login" />
        <span class="label">{{ 'account.login' | transloco }}</span>
      </a>
    }
  `,
  styles: `
    .account {
      min-width: 0;
    }
    .name {
      display: inline-block;
      max-width: 16ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      vertical-align: middle;
    }
    /* Phones: icons only in the toolbar; the names stay for screen readers. */
    @media (max-width: 599px) {
      .name,
      .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .account .cv-icon {
        margin-inline-end: 0;
      }
    }
    .who {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 8px 16px 12px;
      max-width: 280px;
      font: var(--mat-sys-body-medium);
    }
    .who span {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AccountMenuComponent {
  protected readonly session = inject(SessionService);
  protected readonly loginPath = LOGIN_PATH;

  protected logout(): void {
    void this.session.logout();
  }
}
