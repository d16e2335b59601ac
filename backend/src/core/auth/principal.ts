import type { OrganizationSector, Role, SessionUser } from '@convenio/contracts';
import type { AppAbility, AppRule } from '@convenio/policies';

/** Who is calling: a signed-in user, or an API key acting for its creator. */
export interface Principal {
  via: 'session' | 'apiKey';
  userId: string;
  email: string;
  fullName: string;
  organizationId: string;
  organizationName: string;
  organizationSector: OrganizationSector;
  roles: Role[];
  apiKeyId: string | null;
  rules: AppRule[];
  ability: AppAbility;
}

export function toSessionUser(principal: Principal): SessionUser {
  return {
    id: principal.userId,
    email: principal.email,
    fullName: principal.fullName,
    roles: principal.roles,
    organization: { id: principal.organizationId, name: principal.organizationName, sector: principal.organizationSector },
  };
}
