import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationKind } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { notificationEmail } from './notification-email-content';
import { NotificationMailer } from './notification-mailer';

export const EMAIL_POLL_INTERVAL_MS = 15_000;
export const EMAIL_BATCH_SIZE = 20;
/** After this many failed sends a notification is no longer e-mailed (it stays in the bell). */
export const EMAIL_MAX_ATTEMPTS = 5;
/** Older notifications are not e-mailed, so turning SMTP on later does not flood inboxes. */
export const EMAIL_MAX_AGE_HOURS = 72;

interface PendingEmailRow {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string | null;
  email: string;
  full_name: string;
}

/**
 * Runs in the worker: polls notifications not yet e-mailed and sends them through SMTP.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several workers never send one twice;
 * a failed send is retried on later polls up to EMAIL_MAX_ATTEMPTS.
 */
@Injectable()
export class NotificationEmailService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationEmailService.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: NotificationMailer,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.mailer.enabled) {
      this.logger.log('SMTP_URL is not set: notifications stay in the portal and are not e-mailed');
      return;
    }
    this.timer = setInterval(() => this.poll(), EMAIL_POLL_INTERVAL_MS);
    this.timer.unref();
    this.poll();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One poll at a time; a poll keeps going while whole batches are sent (a failing server waits for the next poll). */
  private poll(): void {
    if (this.running) return;
    this.running = (async () => {
      try {
        while ((await this.deliverPending()) === EMAIL_BATCH_SIZE) {
          if (!this.timer) break;
        }
      } catch (error) {
        this.logger.warn(`E-mail delivery poll failed: ${(error as Error).message}`);
      } finally {
        this.running = null;
      }
    })();
  }

  /** Sends one batch; returns how many were sent (failures count an attempt and are retried later). */
  async deliverPending(): Promise<number> {
    if (!this.mailer.enabled) return 0;
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingEmailRow[] = await manager.query(
        `SELECT n.id, n.kind, n.params, n.link, u.email, u.full_name
           FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.emailed_at IS NULL AND n.email_attempts < $1 AND u.active
            AND n.created_at > now() - make_interval(hours => $2)
          ORDER BY n.created_at
          LIMIT $3
          FOR UPDATE OF n SKIP LOCKED`,
        [EMAIL_MAX_ATTEMPTS, EMAIL_MAX_AGE_HOURS, EMAIL_BATCH_SIZE],
      );
      let sent = 0;
      for (const row of rows) {
        const content = notificationEmail(row.kind, row.params, row.full_name, row.link);
        try {
          await this.mailer.send({ to: row.email, ...content });
          await manager.query(`UPDATE notifications SET emailed_at = now(), email_error = NULL WHERE id = $1`, [row.id]);
          sent += 1;
        } catch (error) {
          const message = (error as Error).message.slice(0, 500);
          this.logger.warn(`Notification ${row.id} not e-mailed: ${message}`);
          await manager.query(`UPDATE notifications SET email_attempts = email_attempts + 1, email_error = $2 WHERE id = $1`, [row.id, message]);
        }
      }
      return sent;
    });
  }
}
