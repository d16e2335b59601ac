import type { Routes } from '@angular/router';
import { requireAbility } from './core/authz/require-ability.guard';

/**
 * Lazy pages; `title` is a translation key (see TranslatedTitleStrategy). Nav items: core/shell/nav-items.ts.
 * Protected pages match only for people whose ability allows them (`canMatch`): the public is
 * sent to `/ingresar` and back; others fall through to the not-found page.
 */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.home',
    loadComponent: () => import('./features/home/pages/home-page.component').then((m) => m.HomePageComponent),
  },
  {
    path: 'ingresar',
    title: 'login.title',
    loadComponent: () => import('./features/auth/pages/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: 'organizaciones',
    title: 'nav.organizations',
    canMatch: [requireAbility('read', 'Organization')],
    loadComponent: () => import('./features/organizations/pages/organizations-page.component').then((m) => m.OrganizationsPageComponent),
  },
  {
    path: 'usuarios',
    title: 'nav.users',
    canMatch: [requireAbility('read', 'User')],
    loadComponent: () => import('./features/users/pages/users-page.component').then((m) => m.UsersPageComponent),
  },
  {
    path: 'claves-api',
    title: 'nav.apiKeys',
    canMatch: [requireAbility('read', 'ApiKey')],
    loadComponent: () => import('./features/api-keys/pages/api-keys-page.component').then((m) => m.ApiKeysPageComponent),
  },
  {
    path: 'auditoria',
    title: 'nav.audit',
    canMatch: [requireAbility('read', 'AuditEntry')],
    loadComponent: () => import('./features/audit/pages/audit-page.component').then((m) => m.AuditPageComponent),
  },
  {
    path: 'acerca',
    title: 'nav.about',
    loadComponent: () => import('./features/about/pages/about-page.component').then((m) => m.AboutPageComponent),
  },
  // Data catalog (features/catalog, features/public-catalog): `nuevo` before `:id`.
  {
    path: 'catalogo',
    title: 'catalog.title',
    loadComponent: () => import('./features/catalog/pages/catalog-page.component').then((m) => m.CatalogPageComponent),
  },
  {
    path: 'catalogo/nuevo',
    title: 'catalog.editor.newTitle',
    canMatch: [requireAbility('create', 'Dataset')],
    loadComponent: () => import('./features/catalog/pages/dataset-editor-page.component').then((m) => m.DatasetEditorPageComponent),
  },
  {
    path: 'catalogo/:id/editar',
    title: 'catalog.editor.editTitle',
    canMatch: [requireAbility('update', 'Dataset')],
    loadComponent: () => import('./features/catalog/pages/dataset-editor-page.component').then((m) => m.DatasetEditorPageComponent),
  },
  {
    path: 'catalogo/:id',
    title: 'catalog.dataset.pageTitle',
    loadComponent: () => import('./features/catalog/pages/dataset-page.component').then((m) => m.DatasetPageComponent),
  },
  {
    path: 'datos-abiertos',
    title: 'catalog.public.title',
    loadComponent: () => import('./features/public-catalog/pages/public-catalog-page.component').then((m) => m.PublicCatalogPageComponent),
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./core/shell/not-found-page.component').then((m) => m.NotFoundPageComponent),
  },
];
