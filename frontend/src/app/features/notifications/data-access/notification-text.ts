import type { AppNotification } from '@convenio/contracts';

/** Params every kind's text may mention; a missing one renders empty instead of `{{name}}`. */
const PARAM_DEFAULTS: Record<string, string> = { reference: '', step: '', dueAt: '', endsOn: '', organization: '', topic: '', comment: '' };
const DATE_PARAMS = ['dueAt', 'endsOn'];

/**
 * The params of a notification ready for its i18n text (`notifications.kinds.<kind>`):
 * defaults filled in, ISO dates shown as dates of Mexico City in the active language.
 */
export function notificationParams(notification: AppNotification, locale: string): Record<string, string | number> {
  const params: Record<string, string | number> = { ...PARAM_DEFAULTS, ...notification.params };
  for (const key of DATE_PARAMS) {
    const value = params[key];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) continue;
    const instant = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
    if (!Number.isNaN(instant.getTime())) {
      params[key] = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'America/Mexico_City' }).format(instant);
    }
  }
  return params;
}

/** The translation key of a notification's text. */
export const notificationTextKey = (notification: AppNotification): string => `notifications.kinds.${notification.kind}`;
