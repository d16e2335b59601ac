import { InjectionToken } from '@angular/core';
import type { IconName } from '../../shared/icon/icon.component';

/** One entry of the side navigation; `labelKey` is a translation key. */
export interface NavItem {
  readonly path: string;
  readonly labelKey: string;
  readonly icon: IconName;
  /** Active only on this exact URL (the home page), not on its children. */
  readonly exact?: boolean;
}

/** The navigation, as data: add a feature by adding a line (and its route in app.routes.ts). */
export const DEFAULT_NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', icon: 'home', exact: true },
  { path: '/acerca', labelKey: 'nav.about', icon: 'info' },
];

export const NAV_ITEMS = new InjectionToken<readonly NavItem[]>('NAV_ITEMS', {
  providedIn: 'root',
  factory: () => DEFAULT_NAV_ITEMS,
});
