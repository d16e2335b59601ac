import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateUserRequest, Page, UpdateUserRequest, User, UserListQuery } from '@convenio/contracts';
import { subject } from '@casl/ability';
import type { AppAbility } from '@convenio/policies';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/sql-helpers';
import { hashPassword } from '../../core/auth/password';
import { DomainException } from '../../core/errors/domain.exception';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from './user.entity';
import { toUser, userSummary } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserListQuery, ability: AppAbility): Promise<Page<User>> {
    const [rows, total] = await this.users.list(query, ability);
    return { items: rows.map(toUser), total, page: query.page, pageSize: query.pageSize };
  }

  /** Not found and not allowed look the same (404). */
  async get(id: string, ability: AppAbility): Promise<User> {
    const user = await this.users.findById(id);
    if (!user || !ability.can('read', subject('User', { ...user }))) throw new NotFoundException(`User ${id} not found`);
    return toUser(user);
  }

  async create(input: CreateUserRequest, ability: AppAbility): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(OrganizationEntity, { where: { id: input.organizationId } });
      if (!organization) throw new DomainException(400, 'ORGANIZATION_UNKNOWN', `Organization ${input.organizationId} does not exist`, [{ path: 'body.organizationId', message: 'no such organization' }]);
      if (!ability.can('create', subject('User', { id: '', organizationId: organization.id, active: true }))) {
        throw new DomainException(404, 'ORGANIZATION_UNKNOWN', `Organization ${input.organizationId} not found`);
      }
      const entity = manager.create(UserEntity, { email: input.email, fullName: input.fullName, organizationId: organization.id, roles: input.roles, passwordHash, active: true, lastLoginAt: null });
      try {
        await manager.save(entity);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainException(409, 'EMAIL_TAKEN', `A user with the email ${input.email} already exists`, [{ path: 'body.email', message: 'already registered' }]);
        }
        throw error;
      }
      entity.organization = organization;
      await this.audit.append(manager, { action: 'user.created', subjectType: 'User', subjectId: entity.id, after: userSummary(entity) });
      return toUser(entity);
    });
  }

  /** Edits names and roles, resets a password, deactivates (which ends the user's sessions). */
  async update(id: string, input: UpdateUserRequest, ability: AppAbility): Promise<User> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const entity = await manager.findOne(UserEntity, { where: { id }, relations: { organization: true }, lock: { mode: 'pessimistic_write', tables: ['users'] } });
      if (!entity || !ability.can('update', subject('User', { ...entity }))) throw new NotFoundException(`User ${id} not found`);
      const before = userSummary(entity);
      if (input.fullName !== undefined) entity.fullName = input.fullName;
      if (input.roles !== undefined) entity.roles = input.roles;
      if (input.active !== undefined) entity.active = input.active;
      if (passwordHash) entity.passwordHash = passwordHash;
      await manager.save(entity);
      if (input.active === false || passwordHash) {
        await manager.update(RefreshTokenEntity, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      const action = input.active === false && before.active ? 'user.deactivated' : input.active === true && !before.active ? 'user.reactivated' : 'user.updated';
      await this.audit.append(manager, { action, subjectType: 'User', subjectId: id, before, after: { ...userSummary(entity), ...(passwordHash ? { passwordChanged: true } : {}) } });
      return toUser(entity);
    });
  }
}
