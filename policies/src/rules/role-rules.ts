import type { Role } from '@convenio/contracts';
import type { Builder, PolicyUser } from '../define-ability-for';

/**
 * Starting rules per role, refined as features land. Separation of duties: the admin
 * manages organizations, users and API keys but approves and signs nothing; the auditor
 * reads everything and changes nothing.
 */
export const ROLE_RULES: Record<Role, (builder: Builder, user: PolicyUser) => void> = {
  admin({ can }) {
    can(['read', 'create', 'update'], 'Organization');
    can(['read', 'create', 'update'], 'User');
    can(['read', 'create', 'delete'], 'ApiKey');
  },

  official({ can }, user) {
    can('read', 'Dataset');
    can('request', 'Dataset', { status: 'published' });
    can('explain', 'Dataset');
    can('read', 'User', { organizationId: user.organizationId });
    can('read', 'AuditEntry', { organizationId: user.organizationId });
  },

  steward({ can }, user) {
    can(['read', 'create', 'update', 'explain'], 'Dataset', { ownerOrganizationId: user.organizationId });
    can('read', 'User', { organizationId: user.organizationId });
    can(['read', 'create', 'delete'], 'ApiKey', { organizationId: user.organizationId });
  },

  partner({ can }, user) {
    can('read', 'User', { organizationId: user.organizationId });
  },

  auditor({ can }) {
    can('read', ['Organization', 'User', 'ApiKey', 'AuditEntry', 'Dataset']);
    can(['verify', 'export'], 'AuditEntry');
    can('explain', 'Dataset');
  },
};
