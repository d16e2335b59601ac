import { Global, Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** In-app notifications (the bell) and, when SMTP_URL is set, e-mail. */
@Global()
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}
