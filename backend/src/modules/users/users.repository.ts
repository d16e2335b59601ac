import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UserListQuery } from '@convenio/contracts';
import type { AppAbility, SqlFieldMap } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { whereAllowed } from '../../core/authz/policy-filter';
import { containsPattern } from '../../core/database/sql-helpers';
import { UserEntity } from './user.entity';

/** CASL fields of a User → SQL columns (alias `u`). */
export const USER_SQL_FIELDS: SqlFieldMap = {
  id: { column: '"u"."id"', type: 'uuid' },
  organizationId: { column: '"u"."organization_id"', type: 'uuid' },
  active: { column: '"u"."active"', type: 'bool' },
};

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the users the caller may read, filtered in SQL. */
  list(query: UserListQuery, ability: AppAbility): Promise<[UserEntity[], number]> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').leftJoinAndSelect('u.organization', 'org');
    whereAllowed(qb, ability, 'read', 'User', USER_SQL_FIELDS);
    if (query.q) qb.andWhere('("u"."email" ILIKE :q OR "u"."full_name" ILIKE :q)', { q: containsPattern(query.q) });
    if (query.organizationId) qb.andWhere('"u"."organization_id" = :organizationId', { organizationId: query.organizationId });
    if (query.role) qb.andWhere(':role = ANY("u"."roles")', { role: query.role });
    if (query.active !== undefined) qb.andWhere('"u"."active" = :active', { active: query.active });
    return qb
      .orderBy('u.email', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string): Promise<UserEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id }, relations: { organization: true } });
  }
}
