import { Module } from '@nestjs/common';
import { NotificationEmailService } from './notification-email.service';
import { NotificationMailer } from './notification-mailer';

/**
 * E-mail delivery of notifications, for the WORKER process (needs ConfigModule and
 * DatabaseModule). Does nothing unless SMTP_URL is set.
 */
@Module({ providers: [NotificationMailer, NotificationEmailService], exports: [NotificationEmailService] })
export class NotificationEmailModule {}
