import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrganizationListQuery } from '@convenio/contracts';
import type { AppAbility, SqlFieldMap } from '@convenio/policies';
import { DataSource } from 'typeorm';
import { whereAllowed } from '../../core/authz/policy-filter';
import { containsPattern } from '../../core/database/sql-helpers';
import { OrganizationEntity } from './organization.entity';

/** CASL fields of an Organization → SQL columns (alias `o`). */
export const ORGANIZATION_SQL_FIELDS: SqlFieldMap = {
  id: { column: '"o"."id"', type: 'uuid' },
  active: { column: '"o"."active"', type: 'bool' },
  sector: { column: '"o"."sector"', type: 'text' },
};

@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get repository() {
    return this.dataSource.getRepository(OrganizationEntity);
  }

  /** One page of the organizations the caller may read, filtered in SQL. */
  async list(query: OrganizationListQuery, ability: AppAbility): Promise<[OrganizationEntity[], number]> {
    const qb = this.repository.createQueryBuilder('o');
    whereAllowed(qb, ability, 'read', 'Organization', ORGANIZATION_SQL_FIELDS);
    if (query.q) qb.andWhere(`("o"."name" ILIKE :q OR "o"."rfc" ILIKE :q)`, { q: containsPattern(query.q) });
    if (query.sector) qb.andWhere('"o"."sector" = :sector', { sector: query.sector });
    if (query.active !== undefined) qb.andWhere('"o"."active" = :active', { active: query.active });
    return qb
      .orderBy('"o"."name"', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.repository.findOne({ where: { id } });
  }
}
