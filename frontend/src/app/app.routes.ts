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
  // Diagnostics and data requests (features/diagnostics, features/data-requests): `nuevo` before `:id`.
  {
    path: 'diagnosticos',
    title: 'diagnostics.title',
    canMatch: [requireAbility('read', 'Diagnostic')],
    loadComponent: () => import('./features/diagnostics/pages/diagnostics-page.component').then((m) => m.DiagnosticsPageComponent),
  },
  {
    path: 'diagnosticos/nuevo',
    title: 'diagnostics.wizard.newTitle',
    canMatch: [requireAbility('create', 'Diagnostic')],
    loadComponent: () => import('./features/diagnostics/pages/diagnostic-wizard-page.component').then((m) => m.DiagnosticWizardPageComponent),
  },
  {
    path: 'diagnosticos/:id',
    title: 'diagnostics.wizard.editTitle',
    canMatch: [requireAbility('read', 'Diagnostic')],
    loadComponent: () => import('./features/diagnostics/pages/diagnostic-wizard-page.component').then((m) => m.DiagnosticWizardPageComponent),
  },
  {
    path: 'solicitudes-de-datos',
    title: 'dataRequests.title',
    canMatch: [requireAbility('read', 'DataRequest')],
    loadComponent: () => import('./features/data-requests/pages/data-requests-page.component').then((m) => m.DataRequestsPageComponent),
  },
  // Agreements, approvals and the public register (features/agreements, approvals, public-register): `nuevo` before `:id`.
  {
    path: 'convenios',
    title: 'agreements.list.title',
    canMatch: [requireAbility('read', 'Agreement')],
    loadComponent: () => import('./features/agreements/pages/agreements-page.component').then((m) => m.AgreementsPageComponent),
  },
  {
    path: 'convenios/nuevo',
    title: 'agreements.form.newTitle',
    canMatch: [requireAbility('create', 'Agreement')],
    loadComponent: () => import('./features/agreements/pages/agreement-form-page.component').then((m) => m.AgreementFormPageComponent),
  },
  {
    path: 'convenios/:id/editar',
    title: 'agreements.form.editPageTitle',
    canMatch: [requireAbility('update', 'Agreement')],
    loadComponent: () => import('./features/agreements/pages/agreement-form-page.component').then((m) => m.AgreementFormPageComponent),
  },
  {
    path: 'convenios/:id',
    title: 'agreements.page.title',
    canMatch: [requireAbility('read', 'Agreement')],
    loadComponent: () => import('./features/agreements/pages/agreement-page.component').then((m) => m.AgreementPageComponent),
  },
  {
    path: 'aprobaciones',
    title: 'approvals.title',
    canMatch: [requireAbility('approve', 'ApprovalTask')],
    loadComponent: () => import('./features/approvals/pages/approvals-page.component').then((m) => m.ApprovalsPageComponent),
  },
  {
    path: 'registro-de-convenios',
    title: 'publicRegister.title',
    loadComponent: () => import('./features/public-register/pages/public-register-page.component').then((m) => m.PublicRegisterPageComponent),
  },
  // Anonymization (features/anonymization): `nueva` before `:id`.
  {
    path: 'anonimizacion',
    title: 'anonymization.list.title',
    canMatch: [requireAbility('read', 'AnonymizationJob')],
    loadComponent: () => import('./features/anonymization/pages/anonymization-jobs-page.component').then((m) => m.AnonymizationJobsPageComponent),
  },
  {
    path: 'anonimizacion/nueva',
    title: 'anonymization.new.title',
    canMatch: [requireAbility('create', 'AnonymizationJob')],
    loadComponent: () => import('./features/anonymization/pages/new-anonymization-job-page.component').then((m) => m.NewAnonymizationJobPageComponent),
  },
  {
    path: 'anonimizacion/:id',
    title: 'anonymization.job.pageTitle',
    canMatch: [requireAbility('read', 'AnonymizationJob')],
    loadComponent: () => import('./features/anonymization/pages/anonymization-job-page.component').then((m) => m.AnonymizationJobPageComponent),
  },
  // Lineage and compliance (features/lineage, features/compliance): cytoscape loads only with the explorer.
  {
    path: 'linaje',
    title: 'lineage.title',
    canMatch: [requireAbility('read', 'LineageGraph')],
    loadComponent: () => import('./features/lineage/pages/lineage-explorer-page.component').then((m) => m.LineageExplorerPageComponent),
  },
  {
    path: 'cumplimiento',
    title: 'compliance.list.title',
    canMatch: [requireAbility('read', 'ComplianceFinding')],
    loadComponent: () => import('./features/compliance/pages/findings-page.component').then((m) => m.FindingsPageComponent),
  },
  {
    path: 'cumplimiento/:id',
    title: 'compliance.finding.pageTitle',
    canMatch: [requireAbility('read', 'ComplianceFinding')],
    loadComponent: () => import('./features/compliance/pages/finding-page.component').then((m) => m.FindingPageComponent),
  },
  // People in the loop (features/notifications, pipeline, workflow-definitions).
  {
    path: 'notificaciones',
    title: 'notifications.title',
    canMatch: [requireAbility('read', 'Notification')],
    loadComponent: () => import('./features/notifications/pages/notifications-page.component').then((m) => m.NotificationsPageComponent),
  },
  {
    path: 'tablero',
    title: 'nav.pipeline',
    canMatch: [requireAbility('read', 'Pipeline')],
    loadComponent: () => import('./features/pipeline/pages/pipeline-page.component').then((m) => m.PipelinePageComponent),
  },
  {
    path: 'flujos-de-aprobacion',
    title: 'nav.workflowDefinitions',
    canMatch: [requireAbility('update', 'WorkflowDefinition')],
    loadComponent: () => import('./features/workflow-definitions/pages/workflow-definitions-page.component').then((m) => m.WorkflowDefinitionsPageComponent),
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./core/shell/not-found-page.component').then((m) => m.NotFoundPageComponent),
  },
];
