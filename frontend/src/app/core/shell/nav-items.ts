import { InjectionToken } from '@angular/core';
import type { IconName } from '../../shared/icon/icon.component';
import type { Permission } from '../authz/authz.service';

/** One entry of the side navigation; `labelKey` is a translation key. */
export interface NavItem {
  readonly path: string;
  /** Names the link for tests: `data-testid="nav-<key>"`. */
  readonly key: string;
  readonly labelKey: string;
  readonly icon: IconName;
  /** Active only on this exact URL (the home page), not on its children. */
  readonly exact?: boolean;
  /** Shown only to people whose ability allows it (reactively: sign-in and sign-out update it). */
  readonly can?: Permission;
  /** Shown only to signed-in people. */
  readonly signedIn?: true;
}

/** The navigation, as data: add a feature by adding a line (and its route in app.routes.ts). */
export const DEFAULT_NAV_ITEMS: readonly NavItem[] = [
  { path: '/', key: 'home', labelKey: 'nav.home', icon: 'home', exact: true },
  { path: '/catalogo', key: 'catalog', labelKey: 'catalog.nav.catalog', icon: 'search', can: { action: 'read', subject: 'Dataset' } },
  { path: '/datos-abiertos', key: 'public-catalog', labelKey: 'catalog.nav.openData', icon: 'download' },
  { path: '/registro-de-convenios', key: 'public-register', labelKey: 'nav.publicRegister', icon: 'gavel' },
  { path: '/diagnosticos', key: 'diagnostics', labelKey: 'nav.diagnostics', icon: 'assignment', signedIn: true, can: { action: 'read', subject: 'Diagnostic' } },
  { path: '/solicitudes-de-datos', key: 'data-requests', labelKey: 'nav.dataRequests', icon: 'inbox', signedIn: true, can: { action: 'read', subject: 'DataRequest' } },
  { path: '/convenios', key: 'agreements', labelKey: 'nav.agreements', icon: 'description', signedIn: true, can: { action: 'read', subject: 'Agreement' } },
  { path: '/aprobaciones', key: 'approvals', labelKey: 'nav.approvals', icon: 'doneAll', signedIn: true, can: { action: 'approve', subject: 'ApprovalTask' } },
  { path: '/anonimizacion', key: 'anonymization', labelKey: 'anonymization.nav', icon: 'lock', signedIn: true, can: { action: 'read', subject: 'AnonymizationJob' } },
  { path: '/linaje', key: 'lineage', labelKey: 'lineage.nav', icon: 'accountTree', signedIn: true, can: { action: 'read', subject: 'LineageGraph' } },
  { path: '/cumplimiento', key: 'compliance', labelKey: 'compliance.nav', icon: 'warning', signedIn: true, can: { action: 'read', subject: 'ComplianceFinding' } },
  { path: '/tablero', key: 'pipeline', labelKey: 'nav.pipeline', icon: 'dashboard', signedIn: true, can: { action: 'read', subject: 'Pipeline' } },
  { path: '/organizaciones', key: 'organizations', labelKey: 'nav.organizations', icon: 'business', can: { action: 'read', subject: 'Organization' } },
  { path: '/usuarios', key: 'users', labelKey: 'nav.users', icon: 'people', signedIn: true, can: { action: 'read', subject: 'User' } },
  { path: '/claves-api', key: 'api-keys', labelKey: 'nav.apiKeys', icon: 'key', signedIn: true, can: { action: 'read', subject: 'ApiKey' } },
  { path: '/flujos-de-aprobacion', key: 'workflow-definitions', labelKey: 'nav.workflowDefinitions', icon: 'accountTree', signedIn: true, can: { action: 'update', subject: 'WorkflowDefinition' } },
  { path: '/auditoria', key: 'audit', labelKey: 'nav.audit', icon: 'history', signedIn: true, can: { action: 'read', subject: 'AuditEntry' } },
  { path: '/acerca', key: 'about', labelKey: 'nav.about', icon: 'info' },
];

export const NAV_ITEMS = new InjectionToken<readonly NavItem[]>('NAV_ITEMS', {
  providedIn: 'root',
  factory: () => DEFAULT_NAV_ITEMS,
});
