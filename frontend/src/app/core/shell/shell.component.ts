import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, ChangeDetectorRef, Component, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { type MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { map } from 'rxjs';
import { NotificationsBellComponent } from '../../features/notifications/components/notifications-bell.component';
import { IconComponent } from '../../shared/icon/icon.component';
import { AuthzService } from '../authz/authz.service';
import { SessionService } from '../session/session.service';
import { AccountMenuComponent } from './account-menu.component';
import { LanguageSwitcherComponent } from './language-switcher.component';
import { NAV_ITEMS } from './nav-items';

/**
 * The frame of every page: toolbar (name, language, account), side navigation (beside the
 * content on wide screens, over it behind the menu button on phones) and the routed page.
 * The navigation shows only what the person may open, and follows sign-in and sign-out.
 */
@Component({
  selector: 'cv-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslocoPipe,
    IconComponent,
    LanguageSwitcherComponent,
    AccountMenuComponent,
    NotificationsBellComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly allNavItems = inject(NAV_ITEMS);
  private readonly authz = inject(AuthzService);
  private readonly session = inject(SessionService);
  protected readonly navItems = computed(() =>
    this.allNavItems.filter((item) => (!item.signedIn || this.session.signedIn()) && (!item.can || this.authz.allows(item.can))),
  );
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.Handset, Breakpoints.TabletPortrait])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly sidenav = viewChild.required<MatSidenav>('sidenav');
  private readonly changeDetector = inject(ChangeDetectorRef);

  /**
   * A routed page is created outside change detection: without this its elements would sit
   * in the DOM with empty texts until the next (zoneless) tick. Render its bindings at once.
   */
  protected renderActivatedPage(): void {
    this.changeDetector.detectChanges();
  }

  /** On phones the navigation covers the page: close it once a destination is chosen. */
  protected closeIfOverlay(): void {
    if (this.isHandset()) void this.sidenav().close();
  }
}
