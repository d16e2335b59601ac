/** Audit actions the portal can name in words; any other is shown as recorded. */
export const KNOWN_AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reuse',
  'access.denied',
  'organization.created',
  'organization.updated',
  'organization.deactivated',
  'organization.reactivated',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'api_key.created',
  'api_key.revoked',
] as const;

/** Subject types found in the trail (the filter's choices). */
export const AUDIT_SUBJECT_TYPES = ['Organization', 'User', 'ApiKey', 'Route'] as const;
// Names in words: `audit.subjectTypes.<type>` (others are shown as recorded, see TermPipe).

/** Translation key of a known action (`auth.login` → `audit.actions.auth_login`), or null. */
export function auditActionKey(action: string): string | null {
  return (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(action) ? `audit.actions.${action.replace('.', '_')}` : null;
}

/** `YYYY-MM-DD` of a date input → the start of that day (local) as ISO; `dayAfter` for exclusive ends. */
export function dayStartIso(date: string, dayAfter = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return '';
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (dayAfter ? 1 : 0)).toISOString();
}
