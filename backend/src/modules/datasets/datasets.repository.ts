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

/** The same CASL fields on the narrow search table `dataset_search` (alias `s`, migration 1764763200000). */
const SEARCH_SQL_FIELDS: SqlFieldMap = {
  id: { column: 's.id', type: 'uuid' },
  ownerOrganizationId: { column: 's.owner_organization_id', type: 'uuid' },
  status: { column: 's.status', type: 'text' },
  sensitivity: { column: 's.sensitivity', type: 'text' },
};

/** The dimensions of `dataset_facet_counts` (alias `c`): no `id`, so a rule naming datasets cannot use it. */
const FACET_COUNT_SQL_FIELDS: SqlFieldMap = {
  ownerOrganizationId: { column: 'c.owner_organization_id', type: 'uuid' },
  status: { column: 'c.status', type: 'text' },
  sensitivity: { column: 'c.sensitivity', type: 'text' },
};

/**
 * The facet dimensions packed in `facet_bits` (migration 1764763200000, `convenio_facet_bits()`;
 * an integration test compares the lists): bit i (0-14) for the i-th theme, bits 16-19 the index
 * of the sensitivity, bits 20-23 the index of the level. A theme not listed is in `other_themes`.
 */
export const FACET_CODES = {
  themes: [
    'economy', 'employment', 'education', 'health', 'security', 'trade', 'population', 'agriculture',
    'energy', 'environment', 'finance', 'transport', 'telecommunications', 'tourism', 'government',
  ],
  sensitivities: ['public', 'internal', 'confidential', 'restricted'],
  geoLevels: ['national', 'state', 'municipality', 'locality'],
} as const;

/** Above this many rows to walk in the recency index for a page, the matches are read first and sorted. */
const INDEX_WALK_ROWS = 10_000;

/** One row of the facet counts the facet statement returns as JSON: [kind, value, owner label, other themes, count]. */
type FacetTuple = ['owner' | 'sensitivity' | 'geoLevel' | 'themes' | 'total', string | number | null, string | null, string[] | null, number];

/**
 * Catalog queries in reviewable SQL. Every list is narrowed by the caller's CASL rules
 * (translated to SQL), so a row the caller may not read is never loaded.
 */
@Injectable()
export class DatasetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The search filters (not the CASL filter) on `dataset_search` (alias s) or `dataset_facet_counts` (alias c). */
  private filters(query: DatasetSearchQuery, alias: 's' | 'c', params: Record<string, unknown>): string[] {
    const parts: string[] = [];
    if (query.q && alias === 's') {
      parts.push(`s.search_vector @@ websearch_to_tsquery('spanish', convenio_unaccent(:q))`);
      params.q = query.q;
    }
    if (query.theme !== undefined) {
      const bit = (FACET_CODES.themes as readonly string[]).indexOf(query.theme);
      if (bit >= 0) {
        parts.push(`(${alias}.facet_bits & :themeBit) <> 0`);
        params.themeBit = 1 << bit;
      } else {
        parts.push(`:theme = ANY(${alias}.other_themes)`);
        params.theme = query.theme;
      }
    }
    const equalities: Array<[keyof DatasetSearchQuery, string]> = [
      ['owner', 'owner_organization_id = CAST(:owner AS uuid)'],
      ['sensitivity', 'sensitivity = :sensitivity'],
      ['geoLevel', 'geo_level = :geoLevel'],
      ['status', 'status = :status'],
    ];
    for (const [key, condition] of equalities) {
      if (query[key] === undefined) continue;
      parts.push(`${alias}.${condition}`);
      params[key] = query[key];
    }
    if (query.sectorCode && alias === 's') {
      // A dataset coded at a finer SCIAN level serves a coarser request ("31" finds "311110"): the table keeps every prefix.
      parts.push(`s.sector_prefixes @> ARRAY[CAST(:sectorCode AS text)]`);
      params.sectorCode = query.sectorCode;
    }
    return parts;
  }

  private run<T>(sql: string, params: Record<string, unknown>, manager?: EntityManager): Promise<T[]> {
    const [escaped, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return (manager ?? this.dataSource.manager).query(escaped, values);
  }

  /**
   * Two statements on the narrow `dataset_search` table (migration 1764763200000): the page (ids
   * ordered there, then the full rows of those few datasets) and the exact facet counts, grouped
   * by owner and the packed `facet_bits` in one pass. Without a text query or SCIAN filter, and
   * when the caller's CASL filter reads only owner, status and sensitivity, the counts come from
   * `dataset_facet_counts` instead (a few hundred rows). With a text query both statements run
   * side by side; without one the counts come first and choose how the page is read.
   */
  async search(query: DatasetSearchQuery, ability: AppAbility): Promise<Omit<DatasetSearchResult, 'items'> & { rows: DatasetRow[] }> {
    const searchPolicy = abilityToSql(ability, 'read', 'Dataset', SEARCH_SQL_FIELDS, { paramPrefix: 'policy' });
    // The page rows are checked again on datasets itself (a guard, not a filter: the copy is kept in the same transactions).
    const rowPolicy = abilityToSql(ability, 'read', 'Dataset', DATASET_SQL_FIELDS, { paramPrefix: 'rowpolicy' });
    const pageParams: Record<string, unknown> = { ...searchPolicy.params, ...rowPolicy.params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const searchWhere = [`(${searchPolicy.sql})`, ...this.filters(query, 's', pageParams)].join(' AND ');
    /** The page: ids ordered on the narrow table (`filterFirst`: all matches, then the top; else as the planner likes), then those rows. */
    const pageSql = (rank: string, filterFirst: boolean) => {
      const matches = `SELECT s.id, ${rank} AS rank, s.updated_at FROM dataset_search s WHERE ${searchWhere}`;
      const top = 'ORDER BY rank DESC, updated_at DESC, id LIMIT :limit OFFSET :offset';
      return `${filterFirst ? `WITH m AS MATERIALIZED (${matches}) ` : ''}SELECT ${SELECT_DATASET}
        FROM (${filterFirst ? `SELECT * FROM m ${top}` : `${matches} ${top}`}) p
        JOIN datasets d ON d.id = p.id AND (${rowPolicy.sql}) JOIN organizations o ON o.id = d.owner_organization_id
        ORDER BY p.rank DESC, p.updated_at DESC, p.id`;
    };

    const facetPolicy = query.q || query.sectorCode ? null : this.facetCountPolicy(ability);
    let groups: string;
    let facetParams: Record<string, unknown>;
    if (facetPolicy) {
      facetParams = { ...facetPolicy.params };
      const facetWhere = [`(${facetPolicy.sql})`, ...this.filters(query, 'c', facetParams)].join(' AND ');
      groups = `SELECT c.owner_organization_id, c.facet_bits, c.other_themes, sum(c.datasets) AS n FROM dataset_facet_counts c WHERE ${facetWhere} GROUP BY 1, 2, 3`;
    } else {
      facetParams = { ...searchPolicy.params };
      const where = [`(${searchPolicy.sql})`, ...this.filters(query, 's', facetParams)].join(' AND ');
      groups = `SELECT s.owner_organization_id, s.facet_bits, s.other_themes, count(*) AS n FROM dataset_search s WHERE ${where} GROUP BY 1, 2, 3`;
    }
    // One row per facet value (and the total), as one JSON text; owner names joined here.
    const facetSql = `SELECT json_agg(json_build_array(f.kind, f.value, o.name, f.other_themes, f.n))::text AS facets, t.size FROM (
        SELECT CASE WHEN GROUPING(owner_organization_id) = 0 THEN 'owner' WHEN GROUPING(sensitivity) = 0 THEN 'sensitivity'
                    WHEN GROUPING(geo_level) = 0 THEN 'geoLevel' WHEN GROUPING(themes) = 0 THEN 'themes' ELSE 'total' END AS kind,
               owner_organization_id, coalesce(owner_organization_id::text, sensitivity::text, geo_level::text, themes::text) AS value, other_themes,
               coalesce(sum(n), 0)::int AS n
        FROM (SELECT owner_organization_id, (facet_bits >> 16) & 15 AS sensitivity, (facet_bits >> 20) & 15 AS geo_level, facet_bits & 65535 AS themes, other_themes, n
              FROM (${groups}) g) g
        GROUP BY GROUPING SETS ((owner_organization_id), (sensitivity), (geo_level), (themes, other_themes), ())
      ) f LEFT JOIN organizations o ON o.id = f.owner_organization_id
      CROSS JOIN (SELECT reltuples::float8 AS size FROM pg_class WHERE oid = 'dataset_search'::regclass) t GROUP BY t.size`;

    const facetRun = this.run<{ facets: string; size: number }>(facetSql, facetParams).then(([row]) => ({ tuples: JSON.parse(row.facets) as FacetTuple[], size: row.size }));
    let rows: DatasetRow[];
    let tuples: FacetTuple[];
    if (query.q) {
      // Ranked: every match is read and ranked anyway; both statements run side by side.
      const rank = `ts_rank(s.search_vector, websearch_to_tsquery('spanish', convenio_unaccent(:q)))`;
      [rows, { tuples }] = await Promise.all([this.run<DatasetRow>(pageSql(rank, false), pageParams), facetRun]);
    } else {
      // By recency: walking the (updated_at DESC, id) index until the page is full reads about
      // (offset + limit) × size / matches rows. The exact count says whether that beats reading the
      // matches first (a rare theme or SCIAN code would otherwise walk the whole index).
      const counted = await facetRun;
      tuples = counted.tuples;
      const matched = tuples.find(([kind]) => kind === 'total')?.[4] ?? 0;
      const offset = (query.page - 1) * query.pageSize;
      const walk = ((offset + query.pageSize) * Math.max(counted.size, matched)) / Math.max(matched, 1) <= INDEX_WALK_ROWS;
      rows = matched > offset ? await this.run<DatasetRow>(pageSql('0::real', !walk), pageParams) : [];
    }
    const tally = { theme: new Map<string, number>(), owner: new Map<string, number>(), sensitivity: new Map<string, number>(), geoLevel: new Map<string, number>() };
    const label = new Map<string, string>();
    const add = (map: Map<string, number>, key: string, count: number) => map.set(key, (map.get(key) ?? 0) + count);
    let total = 0;
    for (const [kind, value, ownerName, otherThemes, count] of tuples) {
      if (kind === 'total') total = count;
      if (count <= 0 || value === null) continue;
      if (kind === 'owner') {
        add(tally.owner, String(value), count);
        if (ownerName !== null) label.set(String(value), ownerName);
      } else if (kind === 'sensitivity') add(tally.sensitivity, FACET_CODES.sensitivities[Number(value)], count);
      else if (kind === 'geoLevel') add(tally.geoLevel, FACET_CODES.geoLevels[Number(value)], count);
      else if (kind === 'themes') {
        FACET_CODES.themes.forEach((theme, bit) => {
          if (Number(value) & (1 << bit)) add(tally.theme, theme, count);
        });
        for (const theme of otherThemes ?? []) add(tally.theme, theme, count);
      }
    }
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

  /** The CASL filter on `dataset_facet_counts`, or null when the rules read a field it lacks (dataset ids). */
  private facetCountPolicy(ability: AppAbility): { sql: string; params: Record<string, unknown> } | null {
    try {
      return abilityToSql(ability, 'read', 'Dataset', FACET_COUNT_SQL_FIELDS, { paramPrefix: 'facetpolicy' });
    } catch {
      return null;
    }
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
