import type { Role } from '@convenio/contracts';
import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { AppAbility } from './app-ability';

/** Who is asking: a signed-in user, or null for the public. */
export interface PolicyUser {
  id: string;
  organizationId: string;
  roles: Role[];
}

/**
 * The one definition of who may do what, used by the API guards, the SQL list filters and
 * the frontend. Deny unless a rule allows. Role rules grow with each capability.
 */
export function defineAbilityFor(user: PolicyUser | null): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  can('read', 'SystemHealth');
  if (user) {
    // Signed-in users: role rules are added by the identity capability.
  }
  return build();
}
