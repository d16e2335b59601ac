import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { FINDING_TRANSITIONS, type ComplianceFinding, type FindingListQuery, type Page, type UpdateFindingRequest } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { FindingsRepository } from './findings.repository';

const notFound = (id: string) => new DomainException(404, 'FINDING_NOT_FOUND', `Finding ${id} not found`);
const asSubject = (finding: ComplianceFinding) => subject('ComplianceFinding', { id: finding.id, severity: finding.severity, status: finding.status });

/** Where compliance findings are read and triaged (acknowledged, resolved, reopened — each with a comment, audited). */
@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly findings: FindingsRepository,
    private readonly audit: AuditService,
  ) {}

  list(query: FindingListQuery, ability: AppAbility): Promise<Page<ComplianceFinding>> {
    return this.findings.list(query, ability);
  }

  async get(id: string, ability: AppAbility): Promise<ComplianceFinding> {
    const finding = await this.findings.find(id);
    if (!finding || !ability.can('read', asSubject(finding))) throw notFound(id);
    return finding;
  }

  async changeStatus(id: string, input: UpdateFindingRequest, principal: Principal): Promise<ComplianceFinding> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findings.find(id, manager, true);
      if (!before || !principal.ability.can('read', asSubject(before))) throw notFound(id);
      if (!principal.ability.can('update', asSubject(before))) throw new DomainException(422, 'FINDING_UPDATE_NOT_PERMITTED', 'You may not change this finding');
      const allowed = FINDING_TRANSITIONS[before.status];
      if (!allowed.includes(input.status)) {
        throw new DomainException(409, 'FINDING_TRANSITION_NOT_ALLOWED', `A finding that is ${before.status} cannot become ${input.status}; it can become ${allowed.join(' or ')}`, { from: before.status, allowed });
      }
      await this.findings.changeStatus(manager, id, input.status, input.comment, principal.userId);
      await this.audit.append(manager, {
        action: 'compliance.finding_status_changed',
        subjectType: 'ComplianceFinding',
        subjectId: id,
        before: { status: before.status },
        after: { status: input.status, comment: input.comment, rule: before.rule, agreementId: before.agreementId },
      });
      return (await this.findings.find(id, manager))!;
    });
  }
}
