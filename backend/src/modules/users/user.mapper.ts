import type { User } from '@convenio/contracts';
import type { UserEntity } from './user.entity';

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    email: entity.email,
    fullName: entity.fullName,
    organizationId: entity.organizationId,
    ...(entity.organization ? { organizationName: entity.organization.name } : {}),
    roles: entity.roles,
    active: entity.active,
    lastLoginAt: entity.lastLoginAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a user (never the password hash). */
export function userSummary(entity: UserEntity): Record<string, unknown> {
  return { email: entity.email, fullName: entity.fullName, organizationId: entity.organizationId, roles: entity.roles, active: entity.active };
}
