import { abilityToSql, type SqlFieldMap } from '@convenio/policies';
import type { Action, AppAbility, SubjectType } from '@convenio/policies';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Narrows a list query to the rows the caller may `action`, translating the CASL rules of
 * policies/ into SQL — so a list never loads a row the user may not read.
 */
export function whereAllowed<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  fields: SqlFieldMap,
): SelectQueryBuilder<T> {
  const filter = abilityToSql(ability, action, subjectType, fields, { paramPrefix: 'policy' });
  return query.andWhere(`(${filter.sql})`, filter.params);
}
