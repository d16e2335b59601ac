import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notificationListQuerySchema, type AppNotification, type NotificationList } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { Can } from '../../core/authz/route-policy';
import { NotificationsInboxService } from './notifications-inbox.service';

class NotificationListQueryDto extends createZodDto(notificationListQuerySchema) {}

/** The caller's own notifications (the rule `Notification {userId: me}` is applied as `user_id = caller`). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationsInboxService) {}

  @Get()
  @Can('read', 'Notification')
  list(@Query() query: NotificationListQueryDto, @CurrentPrincipal() principal: Principal): Promise<NotificationList> {
    return this.inbox.list(principal.userId, { unreadOnly: query.unread === 'true', limit: query.limit });
  }

  @Post('read-all')
  @HttpCode(200)
  @Can('update', 'Notification')
  markAllRead(@CurrentPrincipal() principal: Principal): Promise<{ updated: number }> {
    return this.inbox.markAllRead(principal.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Can('update', 'Notification')
  markRead(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<AppNotification> {
    return this.inbox.markRead(principal.userId, id);
  }
}
