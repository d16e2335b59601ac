import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DatasetSearchQuery, DatasetSearchResult, FacetCount } from '@convenio/contracts';
import { abilityToSql, type AppAbility, type SqlFieldMap } from '@convenio/policies';
import { DataSource, type EntityManager } from 'typeorm';
import { rowToDataset, type DatasetRow } from './dataset.mapper';

/** CASL fields of a Dataset → SQL columns (alias `d`). */
export const DATASET_SQL_FIELDS: SqlFieldMap = {
  id: { column: 'd.id', type: 'uuid' },
  ownerOrganizationId: { column: 'd.owner_organization_id', type: 'uuid' },
  status: { column: 'd.status', type: 'text' },
  sensitivity: { column: 'd.sensitivity', type: 'text' },
};

const SELECT_DATASET = `d.id, d.owner_organization_id, o.name AS owner_name, o.sector AS owner_sector, d.steward_id, d.title, d.title_en,
  d.description, d.description_en, d.themes, d.keywords, d.sensitivity, d.geo_level, d.geo_codes, d.sector_level, d.sector_codes,
  d.periodicity, d.time_from::text AS time_from, d.time_to::text AS time_to, d.columns, d.quality_notes, d.lineage_namespace,
  d.lineage_name, d.status, d.published_at, d.created_at, d.updated_at`;

/**
 * Catalog queries in reviewable SQL. Every list is narrowed by the caller's CASL rules
 * (translated to SQL), so a row the caller may not read is never loaded.
 */
@Injectable()
export class DatasetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private where(query: DatasetSearchQuery, ability: AppAbility): { sql: string; params: Record<string, unknown> } {
    const policy = abilityToSql(ability, 'read', 'Dataset', DATASET_SQL_FIELDS, { paramPrefix: 'policy' });
    const parts = [`(${policy.sql})`];
    const params: Record<string, unknown> = { ...policy.params };
    if (query.q) {
      parts.push(`d.search_vector @@ websearch_to_tsquery('spanish', convenio_unaccent(:q))`);
      params.q = query.q;
    }
    const equalities: Array<[keyof DatasetSearchQuery, string]> = [
      ['theme', ':theme = ANY(d.themes)'],
      ['owner', 'd.owner_organization_id = :owner'],
      ['sensitivity', 'd.sensitivity = :sensitivity'],
      ['geoLevel', 'd.geo_level = :geoLevel'],
      ['status', 'd.status = :status'],
    ];
    for (const [key, condition] of equalities) {
      if (query[key] === undefined) continue;
      parts.push(condition);
      params[key] = query[key];
    }
    if (query.sectorCode) {
      // A dataset coded at a finer SCIAN level serves a coarser request ("31" finds "311110").
      parts.push(`EXISTS (SELECT 1 FROM unnest(d.sector_codes) c WHERE c LIKE :sectorPrefix)`);
      params.sectorPrefix = `${query.sectorCode}%`;
    }
    return { sql: parts.join(' AND '), params };
  }

  private run<T>(sql: string, params: Record<string, unknown>, manager?: EntityManager): Promise<T[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return (manager ?? this.dataSource.manager).query(escaped, values);
  }

  async search(query: DatasetSearchQuery, ability: AppAbility): Promise<Omit<DatasetSearchResult, 'items'> & { rows: DatasetRow[] }> {
    const where = this.where(query, ability);
    const order = query.q ? `ts_rank(d.search_vector, websearch_to_tsquery('spanish', convenio_unaccent(:q))) DESC, d.updated_at DESC` : 'd.updated_at DESC, d.id';
    const pageSql = `SELECT ${SELECT_DATASET} FROM datasets d JOIN organizations o ON o.id = d.owner_organization_id
      WHERE ${where.sql} ORDER BY ${order} LIMIT :limit OFFSET :offset`;
    // One scan: counts per (sensitivity, level, owner, theme set); the facets are sums of these.
    const facetSql = `SELECT d.sensitivity, d.geo_level, d.owner_organization_id::text AS owner, d.themes, count(*)::int AS count
      FROM datasets d WHERE ${where.sql} GROUP BY 1, 2, 3, 4`;
    const [rows, groups] = await Promise.all([
      this.run<DatasetRow>(pageSql, { ...where.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
      this.run<{ sensitivity: string; geo_level: string; owner: string; themes: string[]; count: number }>(facetSql, where.params),
    ]);
    const tally = { theme: new Map<string, number>(), owner: new Map<string, number>(), sensitivity: new Map<string, number>(), geoLevel: new Map<string, number>() };
    const add = (map: Map<string, number>, key: string, count: number) => map.set(key, (map.get(key) ?? 0) + count);
    let total = 0;
    for (const group of groups) {
      total += group.count;
      add(tally.sensitivity, group.sensitivity, group.count);
      add(tally.geoLevel, group.geo_level, group.count);
      add(tally.owner, group.owner, group.count);
      for (const theme of new Set(group.themes)) add(tally.theme, theme, group.count);
    }
    const ownerIds = [...tally.owner.keys()];
    const names = ownerIds.length
      ? await this.run<{ id: string; name: string }>('SELECT id::text, name FROM organizations WHERE id = ANY(:ids::uuid[])', { ids: ownerIds })
      : [];
    const label = new Map(names.map((row) => [row.id, row.name]));
    const facet = (map: Map<string, number>, labelled = false): FacetCount[] =>
      [...map]
        .map(([value, count]) => ({ value, count, ...(labelled ? { label: label.get(value) } : {}) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      rows,
      total,
      page: query.page,
      pageSize: query.pageSize,
      facets: { themes: facet(tally.theme), owners: facet(tally.owner, true), sensitivities: facet(tally.sensitivity), geoLevels: facet(tally.geoLevel) },
    };
  }

  async findById(id: string, manager?: EntityManager): Promise<DatasetRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.run<DatasetRow>(`SELECT ${SELECT_DATASET} FROM datasets d JOIN organizations o ON o.id = d.owner_organization_id WHERE d.id = :id`, { id }, manager);
    return row ?? null;
  }

  /** Published public datasets for the public catalog and DCAT, oldest first, paged by keyset. */
  async publicPage(limit: number, offset: number): Promise<{ rows: DatasetRow[]; total: number }> {
    const where = `d.status = 'published' AND d.sensitivity = 'public'`;
    const [rows, [{ total }]] = await Promise.all([
      this.run<DatasetRow>(`SELECT ${SELECT_DATASET} FROM datasets d JOIN organizations o ON o.id = d.owner_organization_id WHERE ${where} ORDER BY d.published_at, d.id LIMIT :limit OFFSET :offset`, { limit, offset }),
      this.run<{ total: number }>(`SELECT count(*)::int AS total FROM datasets d WHERE ${where}`, {}),
    ]);
    return { rows, total };
  }
}

export { rowToDataset };
