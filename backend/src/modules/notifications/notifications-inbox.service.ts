import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppNotification, NotificationKind, NotificationList } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { DomainException } from '../../core/errors/domain.exception';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string | null;
  read_at: Date | null;
  created_at: Date;
}

const notFound = () => new DomainException(404, 'NOTIFICATION_NOT_FOUND', 'Notification not found');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toNotification(row: NotificationRow): AppNotification {
  return { id: row.id, kind: row.kind, params: row.params, link: row.link, readAt: row.read_at?.toISOString() ?? null, createdAt: row.created_at.toISOString() };
}

/**
 * The bell: a person's own notifications, newest first. Marking read is personal UI state,
 * not a business change, so it is not written to the audit trail.
 */
@Injectable()
export class NotificationsInboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(userId: string, options: { unreadOnly: boolean; limit: number }): Promise<NotificationList> {
    const [rows, [{ unread }]]: [NotificationRow[], Array<{ unread: number }>] = await Promise.all([
      this.dataSource.query(
        `SELECT id, kind, params, link, read_at, created_at FROM notifications
          WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
          ORDER BY created_at DESC, id DESC LIMIT $3`,
        [userId, options.unreadOnly, options.limit],
      ),
      this.dataSource.query(`SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]),
    ]);
    return { items: rows.map(toNotification), unread };
  }

  /** Someone else's notification answers 404, like one that does not exist. */
  async markRead(userId: string, id: string): Promise<AppNotification> {
    if (!UUID.test(id)) throw notFound();
    // For UPDATE … RETURNING, TypeORM answers [rows, affected].
    const [rows]: [NotificationRow[], number] = await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id, kind, params, link, read_at, created_at`,
      [id, userId],
    );
    if (rows.length === 0) throw notFound();
    return toNotification(rows[0]);
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const [, updated]: [unknown, number] = await this.dataSource.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return { updated };
  }
}
