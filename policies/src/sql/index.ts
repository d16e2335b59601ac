export { abilityToSql, sqlFilterToPositional } from './ability-to-sql';
export type { AbilityToSqlOptions, SqlColumn, SqlColumnType, SqlFieldMap, SqlFilter } from './ability-to-sql';
