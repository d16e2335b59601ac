/** Roles a user may hold (one or more). */
export const ROLES = ['admin', 'official', 'steward', 'partner', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Sectors of an organization. */
export const ORGANIZATION_SECTORS = ['public', 'private', 'social', 'academic'] as const;
export type OrganizationSector = (typeof ORGANIZATION_SECTORS)[number];
