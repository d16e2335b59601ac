import type { Role } from '@convenio/contracts';
import type { Builder, PolicyUser } from '../define-ability-for';

/**
 * Starting rules per role, refined as features land. Separation of duties: the admin
 * manages organizations, users and API keys but approves and signs nothing; the auditor
 * reads everything and changes nothing but the status of compliance findings.
 */
export const ROLE_RULES: Record<Role, (builder: Builder, user: PolicyUser) => void> = {
  admin({ can }) {
    can(['read', 'create', 'update'], 'Organization');
    can(['read', 'create', 'update'], 'User');
    can(['read', 'create', 'delete'], 'ApiKey');
    can(['read', 'create', 'update'], 'WorkflowDefinition');
    // OpenLineage ingestion (an admin's API key for a scheduler), not the graph itself.
    can('create', 'LineageEvent');
  },

  official({ can }, user) {
    can('read', 'Dataset');
    can('request', 'Dataset', { status: 'published' });
    can('explain', 'Dataset');
    can('read', 'User', { organizationId: user.organizationId });
    can('read', 'AuditEntry', { organizationId: user.organizationId });
    // Diagnostics and owner identification: officials ask; they edit their own organization's.
    can(['read', 'create'], 'Diagnostic');
    can('update', 'Diagnostic', { organizationId: user.organizationId });
    can(['read', 'create'], 'DataRequest');
    // Agreements: officials read all, draft and steer those their organization receives, and sign for it.
    can(['read', 'create'], 'Agreement');
    can(['update', 'submit', 'withdraw', 'terminate', 'sign'], 'Agreement', { recipientOrganizationId: user.organizationId });
    can(['read', 'create'], 'AgreementComment');
    can(['read', 'approve'], 'ApprovalTask');
    can('read', ['WorkflowDefinition', 'Pipeline']);
    can('read', 'LineageGraph');
    // Releases of every agreement (officials read all agreements).
    can('read', 'Release');
    // Compliance findings on lineage: officials triage them (acknowledge, resolve, reopen with a comment).
    can(['read', 'update'], 'ComplianceFinding');
  },

  steward({ can }, user) {
    can(['read', 'create', 'update', 'explain'], 'Dataset', { ownerOrganizationId: user.organizationId });
    can('read', 'User', { organizationId: user.organizationId });
    can(['read', 'create', 'delete'], 'ApiKey', { organizationId: user.organizationId });
    // Requests addressed to its organization; agreements where it is a party; it signs for the provider.
    can(['read', 'answer'], 'DataRequest', { addressedOrganizationId: user.organizationId });
    can('read', 'Agreement', { providerOrganizationId: user.organizationId });
    can('read', 'Agreement', { recipientOrganizationId: user.organizationId });
    can('sign', 'Agreement', { providerOrganizationId: user.organizationId });
    can(['read', 'create'], 'AgreementComment');
    can(['read', 'approve'], 'ApprovalTask');
    // Stewards' pipelines report OpenLineage events (usually through an API key) and read the graph.
    can('create', 'LineageEvent');
    can('read', 'LineageGraph');
    // Stewards anonymize their organization's data and deliver it under the agreements it provides.
    can(['read', 'create', 'delete'], 'AnonymizationJob', { organizationId: user.organizationId });
    can(['read', 'create'], 'Release', { providerOrganizationId: user.organizationId });
    can('read', 'Release', { recipientOrganizationId: user.organizationId });
  },

  partner({ can }, user) {
    can('read', 'User', { organizationId: user.organizationId });
    // Agreements where its organization is a party; it signs for the provider; never internal notes.
    can('read', 'Agreement', { providerOrganizationId: user.organizationId });
    can('read', 'Agreement', { recipientOrganizationId: user.organizationId });
    can('sign', 'Agreement', { providerOrganizationId: user.organizationId });
    can(['read', 'create'], 'AgreementComment', { visibility: 'parties' });
    can('read', 'Release', { providerOrganizationId: user.organizationId });
    can('read', 'Release', { recipientOrganizationId: user.organizationId });
  },

  auditor({ can }) {
    can('read', ['Organization', 'User', 'ApiKey', 'AuditEntry', 'Dataset']);
    can('read', ['Diagnostic', 'DataRequest', 'Agreement', 'AgreementComment', 'ApprovalTask', 'WorkflowDefinition', 'Pipeline']);
    can('read', ['LineageEvent', 'LineageGraph', 'AnonymizationJob', 'Release']);
    can(['verify', 'export'], 'AuditEntry');
    // The one change an auditor makes: the status of a compliance finding, with a comment (audited).
    can(['read', 'update'], 'ComplianceFinding');
    can('explain', 'Dataset');
  },
};
