import type { Routes } from '@angular/router';

/** Lazy pages; `title` is a translation key (see TranslatedTitleStrategy). Nav items: core/shell/nav-items.ts. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.home',
    loadComponent: () => import('./features/home/pages/home-page.component').then((m) => m.HomePageComponent),
  },
  {
    path: 'acerca',
    title: 'nav.about',
    loadComponent: () => import('./features/about/pages/about-page.component').then((m) => m.AboutPageComponent),
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./core/shell/not-found-page.component').then((m) => m.NotFoundPageComponent),
  },
];
