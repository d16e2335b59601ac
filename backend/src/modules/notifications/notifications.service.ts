import { Injectable } from '@nestjs/common';
import type { NotificationKind } from '@convenio/contracts';
import type { EntityManager } from 'typeorm';

export interface NotifyInput {
  userIds: readonly string[];
  kind: NotificationKind;
  params?: Record<string, string | number>;
  /** A path in the portal, e.g. `/convenios/<id>`. */
  link?: string | null;
  /** The same key for the same user is stored once (reminders delivered twice stay one). */
  dedupeKey?: string | null;
}

/** In-app notifications, written in the caller's transaction so they exist exactly when their cause does. */
@Injectable()
export class NotificationsService {
  async notify(manager: EntityManager, input: NotifyInput): Promise<number> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return 0;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notifications (user_id, kind, params, link, dedupe_key)
       SELECT u, $2, $3::jsonb, $4, $5 FROM unnest($1::uuid[]) AS u
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [userIds, input.kind, JSON.stringify(input.params ?? {}), input.link ?? null, input.dedupeKey ?? null],
    );
    return rows.length;
  }
}
