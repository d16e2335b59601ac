import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  validateRfc,
  type CreateOrganizationRequest,
  type Organization,
  type OrganizationListQuery,
  type Page,
  type UpdateOrganizationRequest,
} from '@convenio/contracts';
import { subject } from '@casl/ability';
import type { AppAbility } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/sql-helpers';
import { DomainException } from '../../core/errors/domain.exception';
import { OrganizationEntity } from './organization.entity';
import { organizationSummary, toOrganization } from './organization.mapper';
import { OrganizationsRepository } from './organizations.repository';

/** RFC rule: malformed → 400 naming it; a failed check character → stored with a warning. */
function checkedRfc(raw: string | null | undefined): { rfc: string | null; rfcWarning: string | null } | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw === '') return { rfc: null, rfcWarning: null };
  const result = validateRfc(raw);
  if (!result.structureValid || result.kind !== 'company') {
    const reason = result.kind === 'person' ? 'an organization needs the 12-character RFC of a legal person' : result.errors.join('; ');
    throw new DomainException(400, 'RFC_INVALID', `Invalid RFC ${result.normalized}: ${reason}`, [{ path: 'body.rfc', message: reason }]);
  }
  return { rfc: result.normalized, rfcWarning: result.checkDigitValid ? null : result.warnings.join('; ') || 'check character does not compute' };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: OrganizationListQuery, ability: AppAbility): Promise<Page<Organization>> {
    const [rows, total] = await this.organizations.list(query, ability);
    return { items: rows.map((row) => toOrganization(row, ability)), total, page: query.page, pageSize: query.pageSize };
  }

  /** Not found and not allowed look the same (404): existence is not revealed. */
  async get(id: string, ability: AppAbility): Promise<Organization> {
    return toOrganization(await this.readable(id, ability, 'read'), ability);
  }

  async create(input: CreateOrganizationRequest, ability: AppAbility): Promise<Organization> {
    const rfc = checkedRfc(input.rfc) ?? { rfc: null, rfcWarning: null };
    return this.dataSource.transaction(async (manager) => {
      const entity = manager.create(OrganizationEntity, {
        name: input.name,
        sector: input.sector,
        stateCode: input.stateCode ?? null,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
        active: true,
        ...rfc,
      });
      await this.saveUnique(() => manager.save(entity), entity.rfc);
      await this.audit.append(manager, { action: 'organization.created', subjectType: 'Organization', subjectId: entity.id, after: organizationSummary(entity) });
      return toOrganization(entity, ability);
    });
  }

  async update(id: string, input: UpdateOrganizationRequest, ability: AppAbility): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const entity = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entity || !ability.can('read', subject('Organization', { ...entity }))) throw this.notFound(id);
      if (!ability.can('update', subject('Organization', { ...entity }))) throw new DomainException(404, 'ORGANIZATION_NOT_FOUND', `Organization ${id} not found`);
      const before = organizationSummary(entity);
      const rfc = checkedRfc(input.rfc);
      Object.assign(entity, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.sector !== undefined && { sector: input.sector }),
        ...(input.stateCode !== undefined && { stateCode: input.stateCode }),
        ...(input.contactName !== undefined && { contactName: input.contactName }),
        ...(input.contactEmail !== undefined && { contactEmail: input.contactEmail }),
        ...(input.contactPhone !== undefined && { contactPhone: input.contactPhone }),
        ...(input.active !== undefined && { active: input.active }),
        ...rfc,
      });
      await this.saveUnique(() => manager.save(entity), entity.rfc);
      const action = input.active === false && before.active ? 'organization.deactivated' : input.active === true && !before.active ? 'organization.reactivated' : 'organization.updated';
      await this.audit.append(manager, { action, subjectType: 'Organization', subjectId: id, before, after: organizationSummary(entity) });
      return toOrganization(entity, ability);
    });
  }

  private async readable(id: string, ability: AppAbility, action: 'read'): Promise<OrganizationEntity> {
    const entity = /^[0-9a-f-]{36}$/i.test(id) ? await this.organizations.findById(id) : null;
    if (!entity || !ability.can(action, subject('Organization', { ...entity }))) throw this.notFound(id);
    return entity;
  }

  private notFound(id: string): NotFoundException {
    return new NotFoundException(`Organization ${id} not found`);
  }

  private async saveUnique(save: () => Promise<unknown>, rfc: string | null): Promise<void> {
    try {
      await save();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException(409, 'RFC_TAKEN', `Another organization already has the RFC ${rfc}`, [{ path: 'body.rfc', message: 'already registered' }]);
      }
      throw error;
    }
  }
}
