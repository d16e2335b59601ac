import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessDecision, AccessExplanation, Dataset, DatasetAccessPolicy, DatasetAccessPolicyInput } from '@convenio/contracts';
import { subject } from '@casl/ability';
import { compileDatasetPolicy, defineAbilityFor, describeDatasetPolicy, type AppAbility } from '@convenio/policies';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { policyUser } from '../../core/auth/principal.service';
import { StoredPolicyRules } from '../../core/authz/stored-policy-rules.service';
import { DomainException } from '../../core/errors/domain.exception';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from '../users/user.entity';
import { DatasetAccessPolicyEntity } from './dataset-access-policy.entity';
import { rowToDataset } from './dataset.mapper';
import { DatasetsRepository } from './datasets.repository';

const EMPTY_AUDIENCE = { everyone: false, signedIn: false, sectors: [], organizationIds: [] };
export const DEFAULT_POLICY: DatasetAccessPolicyInput = { metadata: EMPTY_AUDIENCE, request: EMPTY_AUDIENCE, hiddenColumns: [] };

/** Recorded access policies of datasets: versions, plain sentences, and "why may this person…?". */
@Injectable()
export class DatasetAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: DatasetsRepository,
    private readonly storedRules: StoredPolicyRules,
    private readonly audit: AuditService,
  ) {}

  private async readable(id: string, ability: AppAbility, action: 'read' | 'update' | 'explain'): Promise<Dataset> {
    const row = await this.datasets.findById(id);
    const dataset = row ? rowToDataset(row) : null;
    if (!dataset || !ability.can('read', subject('Dataset', { ...dataset }))) throw new NotFoundException(`Dataset ${id} not found`);
    if (action !== 'read' && !ability.can(action, subject('Dataset', { ...dataset }))) {
      throw new DomainException(422, 'DATASET_POLICY_NOT_ALLOWED', action === 'update' ? 'Only the stewards of the owner organization may change its access policy' : 'You may not explain access to this dataset');
    }
    return dataset;
  }

  private async organizationNames(input: DatasetAccessPolicyInput): Promise<Record<string, string>> {
    const ids = [...new Set([...input.metadata.organizationIds, ...input.request.organizationIds])];
    if (ids.length === 0) return {};
    const rows = await this.dataSource.getRepository(OrganizationEntity).find({ where: { id: In(ids) } });
    return Object.fromEntries(rows.map((row) => [row.id, row.name]));
  }

  private async toContract(datasetId: string, entity: DatasetAccessPolicyEntity | null, lang: 'es' | 'en'): Promise<DatasetAccessPolicy> {
    const input = entity?.policy ?? DEFAULT_POLICY;
    return {
      datasetId,
      version: entity?.version ?? 0,
      ...input,
      rules: entity?.rules ?? [],
      sentences: describeDatasetPolicy(input, lang, await this.organizationNames(input)),
      createdAt: entity?.createdAt.toISOString() ?? new Date(0).toISOString(),
      createdById: entity?.createdById ?? null,
    };
  }

  async current(id: string, ability: AppAbility, lang: 'es' | 'en'): Promise<DatasetAccessPolicy> {
    await this.readable(id, ability, 'read');
    const entity = await this.dataSource.getRepository(DatasetAccessPolicyEntity).findOne({ where: { datasetId: id }, order: { version: 'DESC' } });
    return this.toContract(id, entity, lang);
  }

  async versions(id: string, ability: AppAbility, lang: 'es' | 'en'): Promise<DatasetAccessPolicy[]> {
    await this.readable(id, ability, 'read');
    const entities = await this.dataSource.getRepository(DatasetAccessPolicyEntity).find({ where: { datasetId: id }, order: { version: 'DESC' } });
    return Promise.all(entities.map((entity) => this.toContract(id, entity, lang)));
  }

  /** Saves a new version (never edits one), audited in the same transaction. */
  async save(id: string, input: DatasetAccessPolicyInput, principal: Principal, lang: 'es' | 'en'): Promise<DatasetAccessPolicy> {
    const dataset = await this.readable(id, principal.ability, 'update');
    const known = new Set(dataset.columns.map((column) => column.name));
    const problems = input.hiddenColumns.flatMap((hidden, index) => (known.has(hidden.column) ? [] : [{ path: `body.hiddenColumns.${index}.column`, message: `the dataset has no column ${hidden.column}` }]));
    const names = await this.organizationNames(input);
    for (const [key, audience] of [['metadata', input.metadata], ['request', input.request]] as const) {
      audience.organizationIds.forEach((orgId, index) => {
        if (!names[orgId]) problems.push({ path: `body.${key}.organizationIds.${index}`, message: `no organization ${orgId}` });
      });
    }
    if (problems.length > 0) throw new DomainException(400, 'POLICY_INVALID', `Invalid access policy: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    const saved = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM datasets WHERE id = $1 FOR UPDATE', [id]);
      const previous = await manager.findOne(DatasetAccessPolicyEntity, { where: { datasetId: id }, order: { version: 'DESC' } });
      const entity = manager.create(DatasetAccessPolicyEntity, {
        datasetId: id,
        version: (previous?.version ?? 0) + 1,
        policy: input,
        rules: compileDatasetPolicy(id, dataset.ownerOrganizationId, input),
        createdById: principal.userId,
      });
      await manager.save(entity);
      await this.audit.append(manager, {
        action: 'dataset.access_policy_changed',
        subjectType: 'Dataset',
        subjectId: id,
        before: { version: previous?.version ?? 0, policy: previous?.policy ?? DEFAULT_POLICY },
        after: { version: entity.version, policy: input },
      });
      return entity;
    });
    this.storedRules.invalidate();
    return this.toContract(id, saved, lang);
  }

  /** Whether a user may read or request the dataset, and which rule decided it. */
  async explain(id: string, userId: string | undefined, principal: Principal): Promise<AccessExplanation> {
    const dataset = await this.readable(id, principal.ability, 'explain');
    const user = userId ? await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId }, relations: { organization: true } }) : null;
    if (userId && !user) throw new DomainException(404, 'USER_NOT_FOUND', `User ${userId} not found`);
    const target = user ?? (await this.dataSource.getRepository(UserEntity).findOneOrFail({ where: { id: principal.userId }, relations: { organization: true } }));
    const ability = target.active ? defineAbilityFor(policyUser(target), await this.storedRules.current()) : defineAbilityFor(null, []);
    const subjectOf = subject('Dataset', { ...dataset });
    const decide = (action: 'read' | 'request'): AccessDecision => {
      const allowed = ability.can(action, subjectOf);
      const rule = ability.relevantRuleFor(action, subjectOf);
      if (!target.active) return { allowed: false, decidedBy: 'the user is deactivated', source: 'default-deny' };
      if (!rule) return { allowed, decidedBy: null, source: 'default-deny' };
      const reason = rule.reason ?? 'a role rule';
      return { allowed, decidedBy: reason, source: reason === 'dataset access policy' ? 'dataset-policy' : 'role' };
    };
    const policy = await this.dataSource.getRepository(DatasetAccessPolicyEntity).findOne({ where: { datasetId: id }, order: { version: 'DESC' } });
    return {
      datasetId: id,
      userId: target.id,
      read: decide('read'),
      request: decide('request'),
      hiddenColumns: dataset.columns.filter((column) => !ability.can('read', subjectOf, `columns.${column.name}`)).map((column) => column.name),
      policyVersion: policy?.version ?? null,
    };
  }
}
