import { Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail.controller';

/** HTTP access to the audit trail (the trail itself is core/audit). */
@Module({ controllers: [AuditTrailController] })
export class AuditTrailModule {}
