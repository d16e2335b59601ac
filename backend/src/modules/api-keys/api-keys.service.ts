import { randomBytes } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { API_KEY_PREFIX, type ApiKey, type CreateApiKeyRequest, type CreatedApiKey, type Page, type PageQuery } from '@convenio/contracts';
import { subject } from '@casl/ability';
import { ACTIONS, SUBJECTS, type Action, type SubjectType, type SqlFieldMap } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { randomSecret, sha256Hex } from '../../core/auth/secret-token';
import { whereAllowed } from '../../core/authz/policy-filter';
import { DomainException } from '../../core/errors/domain.exception';
import { ApiKeyEntity } from './api-key.entity';

export const API_KEY_SQL_FIELDS: SqlFieldMap = {
  id: { column: '"k"."id"', type: 'uuid' },
  organizationId: { column: '"k"."organization_id"', type: 'uuid' },
  createdById: { column: '"k"."created_by_id"', type: 'uuid' },
};

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomPrefix(): string {
  return Array.from(randomBytes(12), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

export function toApiKey(entity: ApiKeyEntity): ApiKey {
  return {
    id: entity.id,
    name: entity.name,
    prefix: `${API_KEY_PREFIX}${entity.prefix}`,
    organizationId: entity.organizationId,
    createdById: entity.createdById,
    permissions: entity.permissions,
    expiresAt: entity.expiresAt?.toISOString() ?? null,
    revokedAt: entity.revokedAt?.toISOString() ?? null,
    lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
  };
}

/** API keys for machine clients: shown once, stored hashed, a subset of the creator's permissions. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: PageQuery, principal: Principal): Promise<Page<ApiKey>> {
    const qb = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k');
    whereAllowed(qb, principal.ability, 'read', 'ApiKey', API_KEY_SQL_FIELDS);
    const [rows, total] = await qb.orderBy('"k"."created_at"', 'DESC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items: rows.map(toApiKey), total, page: query.page, pageSize: query.pageSize };
  }

  async create(input: CreateApiKeyRequest, principal: Principal): Promise<CreatedApiKey> {
    if (principal.via === 'apiKey') throw new DomainException(422, 'API_KEY_BY_API_KEY', 'An API key cannot create API keys; sign in as a person');
    if (!principal.ability.can('create', subject('ApiKey', { id: '', organizationId: principal.organizationId, createdById: principal.userId }))) {
      throw new DomainException(422, 'API_KEY_NOT_ALLOWED', 'You may not create API keys for your organization');
    }
    const problems = input.permissions.flatMap((grant, index) => {
      if (!(ACTIONS as readonly string[]).includes(grant.action)) return [{ path: `body.permissions.${index}.action`, message: `unknown action ${grant.action}` }];
      if (!(SUBJECTS as readonly string[]).includes(grant.subject)) return [{ path: `body.permissions.${index}.subject`, message: `unknown subject ${grant.subject}` }];
      if (!principal.ability.can(grant.action as Action, grant.subject as SubjectType)) {
        return [{ path: `body.permissions.${index}`, message: `you do not hold "${grant.action} ${grant.subject}", so a key of yours cannot either` }];
      }
      return [];
    });
    if (problems.length > 0) throw new DomainException(422, 'API_KEY_PERMISSIONS', 'An API key may only carry permissions its creator holds', problems);
    if (input.expiresAt && new Date(input.expiresAt) <= new Date()) {
      throw new DomainException(400, 'API_KEY_EXPIRED', 'expiresAt must be in the future', [{ path: 'body.expiresAt', message: 'must be in the future' }]);
    }
    const prefix = randomPrefix();
    const secret = randomSecret();
    return this.dataSource.transaction(async (manager) => {
      const entity = manager.create(ApiKeyEntity, {
        name: input.name,
        prefix,
        keyHash: sha256Hex(secret),
        organizationId: principal.organizationId,
        createdById: principal.userId,
        permissions: input.permissions,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        revokedAt: null,
        lastUsedAt: null,
      });
      await manager.save(entity);
      await this.audit.append(manager, { action: 'api_key.created', subjectType: 'ApiKey', subjectId: entity.id, after: { name: entity.name, prefix: `${API_KEY_PREFIX}${prefix}`, permissions: entity.permissions } });
      return { ...toApiKey(entity), key: `${API_KEY_PREFIX}${prefix}_${secret}` };
    });
  }

  async revoke(id: string, principal: Principal): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const entity = /^[0-9a-f-]{36}$/i.test(id) ? await manager.findOne(ApiKeyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!entity || !principal.ability.can('read', subject('ApiKey', { ...entity }))) throw new NotFoundException(`API key ${id} not found`);
      if (!principal.ability.can('delete', subject('ApiKey', { ...entity }))) throw new NotFoundException(`API key ${id} not found`);
      if (entity.revokedAt) throw new DomainException(409, 'API_KEY_REVOKED', `API key ${id} is already revoked`);
      entity.revokedAt = new Date();
      await manager.save(entity);
      await this.audit.append(manager, { action: 'api_key.revoked', subjectType: 'ApiKey', subjectId: id, after: { name: entity.name } });
      return toApiKey(entity);
    });
  }
}
