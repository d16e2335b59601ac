import { Global, Module } from '@nestjs/common';
import { NotificationsInboxService } from './notifications-inbox.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** In-app notifications (the bell). E-mail is sent by the worker: see NotificationEmailModule. */
@Global()
@Module({ controllers: [NotificationsController], providers: [NotificationsService, NotificationsInboxService], exports: [NotificationsService] })
export class NotificationsModule {}
