import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'approval_assigned', 'approval_reminder', 'approval_overdue', 'agreement_changes_requested', 'agreement_approved', 'agreement_rejected',
  'signature_requested', 'agreement_active', 'agreement_expiring', 'agreement_expired', 'data_request_received', 'data_request_answered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * In-app notification; the UI (and the e-mail) render `kind` with `params`. Param names by
 * convention: `reference` (agreement), `step` (step name), `dueAt` / `endsOn` (ISO dates),
 * `organization`, `topic` (a diagnostic need), `comment`.
 */
export interface AppNotification {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  items: AppNotification[];
  unread: number;
}

export const notificationListQuerySchema = z.object({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
