import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgreementComment, CreateAgreementCommentRequest } from '@convenio/contracts';
import { abilityToSql, type AppAbility, type SqlFieldMap } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { assertReadable } from './agreement-access';
import { AgreementsRepository } from './agreements.repository';

/** CASL fields of an AgreementComment → SQL columns (alias `c`). */
const COMMENT_SQL_FIELDS: SqlFieldMap = {
  agreementId: { column: 'c.agreement_id', type: 'uuid' },
  visibility: { column: 'c.visibility', type: 'text' },
};

const SELECT_COMMENT = `c.id, c.agreement_id AS "agreementId", c.version, c.author_id AS "authorId", u.full_name AS "authorName",
  o.name AS "organizationName", c.visibility, c.body, c.created_at AS "createdAt"`;
const FROM_COMMENT = `agreement_comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN organizations o ON o.id = u.organization_id`;

/**
 * Notes on an agreement: `parties` notes for everyone who reads the agreement, `internal`
 * reviewer notes that partners never see (filtered by the caller's CASL rules in SQL).
 */
@Injectable()
export class AgreementCommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AgreementsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(agreementId: string, ability: AppAbility): Promise<AgreementComment[]> {
    assertReadable(ability, await this.repository.find(agreementId));
    const policy = abilityToSql(ability, 'read', 'AgreementComment', COMMENT_SQL_FIELDS, { paramPrefix: 'policy' });
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT ${SELECT_COMMENT} FROM ${FROM_COMMENT} WHERE c.agreement_id = CAST(:agreementId AS uuid) AND (${policy.sql}) ORDER BY c.created_at, c.id`,
      { ...policy.params, agreementId },
    );
    const rows: Array<AgreementComment & { createdAt: Date }> = await this.dataSource.query(sql, values);
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  async create(agreementId: string, body: CreateAgreementCommentRequest, principal: Principal, ability: AppAbility): Promise<AgreementComment> {
    return this.dataSource.transaction(async (manager) => {
      const agreement = await this.repository.find(agreementId, manager);
      assertReadable(ability, agreement);
      if (!ability.can('create', subject('AgreementComment', { agreementId, visibility: body.visibility }))) {
        throw new DomainException(422, 'COMMENT_VISIBILITY_NOT_PERMITTED', body.visibility === 'internal' ? 'partners cannot write internal notes' : `You may not write ${body.visibility} notes`, {
          field: 'visibility',
        });
      }
      const [{ id }] = await manager.query(
        `INSERT INTO agreement_comments (agreement_id, version, author_id, visibility, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [agreementId, agreement!.version, principal.userId, body.visibility, body.body],
      );
      await this.audit.append(manager, {
        action: 'agreement.comment',
        subjectType: 'Agreement',
        subjectId: agreementId,
        after: { commentId: id, visibility: body.visibility, version: agreement!.version },
      });
      const [row] = await manager.query(`SELECT ${SELECT_COMMENT} FROM ${FROM_COMMENT} WHERE c.id = $1`, [id]);
      return { ...row, createdAt: (row.createdAt as Date).toISOString() } as AgreementComment;
    });
  }
}
