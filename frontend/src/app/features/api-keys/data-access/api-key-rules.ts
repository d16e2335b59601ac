import type { ApiKey, ApiKeyPermission } from '@convenio/contracts';
import { ACTIONS, type Action, SUBJECTS, type SubjectType } from '@convenio/policies';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired; a key without an expiry never expires. */
export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt) <= now) return 'expired';
  return 'active';
}

export interface GrantableGroup {
  readonly subject: SubjectType;
  readonly actions: readonly Action[];
}

/**
 * What a new key may carry: every (action, subject) pair the creator's ability allows, from
 * ACTIONS × SUBJECTS, without `manage` (the API checks the same thing and answers 422 otherwise).
 * Grouped by subject, subjects without any allowed action left out.
 */
export function grantablePermissions(can: (action: Action, subject: SubjectType) => boolean): GrantableGroup[] {
  return SUBJECTS.map((subject) => ({ subject, actions: ACTIONS.filter((action) => action !== 'manage' && can(action, subject)) })).filter(
    (group) => group.actions.length > 0,
  );
}

export const permissionId = (permission: ApiKeyPermission): string => `${permission.action} ${permission.subject}`;

/** The end of a calendar day (`YYYY-MM-DD` of a date input) in the person's time zone, as ISO. */
export function endOfDayIso(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59).toISOString();
}
