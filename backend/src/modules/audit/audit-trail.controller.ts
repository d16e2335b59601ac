import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { auditQuerySchema, type AuditEntry, type AuditVerification, type Page } from '@convenio/contracts';
import type { SqlFieldMap } from '@convenio/policies';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../core/audit/audit-entry.entity';
import { AuditService, toAuditEntry } from '../../core/audit/audit.service';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { whereAllowed } from '../../core/authz/policy-filter';
import { Can } from '../../core/authz/route-policy';

class AuditQueryDto extends createZodDto(auditQuerySchema) {}

export const AUDIT_SQL_FIELDS: SqlFieldMap = {
  organizationId: { column: '"a"."organization_id"', type: 'uuid' },
  actorId: { column: '"a"."actor_id"', type: 'uuid' },
};

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditTrailController {
  constructor(
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Auditors see every entry; officials those of their own organization. Newest first. */
  @Get()
  @Can('read', 'AuditEntry')
  async list(@Query() query: AuditQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<AuditEntry>> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    whereAllowed(qb, principal.ability, 'read', 'AuditEntry', AUDIT_SQL_FIELDS);
    if (query.subjectType) qb.andWhere('"a"."subject_type" = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) qb.andWhere('"a"."subject_id" = :subjectId', { subjectId: query.subjectId });
    if (query.actor) qb.andWhere('"a"."actor_id" = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('"a"."action" = :action', { action: query.action });
    if (query.from) qb.andWhere('"a"."at" >= :from', { from: query.from });
    if (query.to) qb.andWhere('"a"."at" < :to', { to: query.to });
    const [rows, total] = await qb.orderBy('"a"."id"', 'DESC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items: rows.map(toAuditEntry), total, page: query.page, pageSize: query.pageSize };
  }

  /** Re-computes the whole hash chain and names the first entry that does not hold. */
  @Get('verify')
  @Can('verify', 'AuditEntry')
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }

  /**
   * The whole trail as NDJSON (one entry per line, chain order), ending with a line
   * `{"chainHead": {...}}`; `npm run audit:verify -- FILE` checks it offline.
   */
  @Get('export')
  @Can('export', 'AuditEntry')
  async export(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="convenio-audit-${new Date().toISOString().slice(0, 10)}.ndjson"`);
    const head = await this.audit.chainHead();
    await this.audit.forEachEntry(async (entry) => {
      if (head && BigInt(entry.id) > BigInt(head.lastId)) return false;
      if (!response.write(`${JSON.stringify(entry)}\n`)) await new Promise((resolve) => response.once('drain', resolve));
      return true;
    });
    response.end(`${JSON.stringify({ chainHead: head })}\n`);
  }
}
