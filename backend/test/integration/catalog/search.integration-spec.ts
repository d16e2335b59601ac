import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DatasetSearchQuery, FacetCount, StoredPolicyRule } from '@convenio/contracts';
import { abilityToSql, defineAbilityFor, type AppAbility } from '@convenio/policies';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DATASET_SQL_FIELDS, DatasetsRepository, FACET_CODES } from '../../../src/modules/datasets/datasets.repository';
import { createTestApp } from '../support/create-app';
import { bearer, login } from '../support/personas';

/**
 * The search reads a narrow copy of datasets (dataset_search) and, without a text query, counts
 * from dataset_facet_counts; both are kept by triggers. Every answer here is compared with the
 * straightforward SQL on datasets itself (the previous implementation): same total, same exact
 * facets, same page. The datasets belong to two organizations of this test (or carry a word of
 * its own), so the other suites writing datasets at the same time cannot change the answers.
 */
describe('catalog search: page, total and facets match a direct query on datasets', () => {
  let app: INestApplication;
  let db: DataSource;
  let repository: DatasetsRepository;
  const orgA = randomUUID();
  const orgB = randomUUID();
  const word = `zorblat${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6)}`;
  let confidentialOfA: string;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    repository = app.get(DatasetsRepository);
    await db.query(`INSERT INTO organizations (id, name, sector) VALUES ($1, $2, 'public'), ($3, $4, 'private')`, [orgA, `Búsqueda A ${word}`, orgB, `Búsqueda B ${word}`]);
    // 90 datasets with every combination the search distinguishes, a theme outside the list, SCIAN ranges and no codes.
    await db.query(
      `INSERT INTO datasets (owner_organization_id, title, description, themes, keywords, sensitivity, geo_level, sector_level, sector_codes, periodicity, status, updated_at)
       SELECT CASE WHEN i % 3 = 0 THEN $1::uuid ELSE $2::uuid END,
              (ARRAY['Encuesta de empleo', 'Población por municipio', 'Ventas al menudeo', 'Censo agropecuario'])[1 + i % 4] || CASE WHEN i % 2 = 0 THEN ' ' || $3 ELSE '' END || ' ' || i,
              'Prueba de búsqueda ' || CASE WHEN i % 5 = 0 THEN $3 || ' ' || $3 ELSE 'sin la palabra' END,
              CASE i % 5 WHEN 0 THEN ARRAY['employment'] WHEN 1 THEN ARRAY['health', 'trade'] WHEN 2 THEN ARRAY['economy', 'otro_tema'] WHEN 3 THEN ARRAY['trade', 'trade'] ELSE '{}' END,
              ARRAY['prueba'],
              (ARRAY['public', 'internal', 'confidential', 'restricted'])[1 + i % 4],
              (ARRAY['national', 'state', 'municipality', 'locality'])[1 + (i / 4) % 4],
              CASE WHEN i % 6 = 5 THEN NULL ELSE 3 END,
              CASE i % 6 WHEN 0 THEN ARRAY['311110'] WHEN 1 THEN ARRAY['31-33'] WHEN 2 THEN ARRAY['461', '722'] WHEN 3 THEN ARRAY['311', '4611'] ELSE '{}' END,
              'annual', (ARRAY['published', 'published', 'draft', 'retired'])[1 + (i / 5) % 4],
              now() - (i % 7) * interval '1 day'
       FROM generate_series(1, 90) AS i`,
      [orgA, orgB, word],
    );
    [{ id: confidentialOfA }] = await db.query(`SELECT id FROM datasets WHERE owner_organization_id = $1 AND sensitivity = 'confidential' AND status = 'published' LIMIT 1`, [orgA]);
  });

  afterAll(async () => {
    await db.query('DELETE FROM datasets WHERE owner_organization_id = ANY($1::uuid[])', [[orgA, orgB]]);
    await db.query('DELETE FROM organizations WHERE id = ANY($1::uuid[])', [[orgA, orgB]]);
    await app.close();
  });

  /** The previous implementation: the filters and facets straight on datasets. */
  async function reference(query: DatasetSearchQuery, ability: AppAbility) {
    const policy = abilityToSql(ability, 'read', 'Dataset', DATASET_SQL_FIELDS, { paramPrefix: 'policy' });
    const parts = [`(${policy.sql})`];
    const params: Record<string, unknown> = { ...policy.params };
    const tsquery = `websearch_to_tsquery('spanish', convenio_unaccent(:q))`;
    if (query.q) parts.push(`d.search_vector @@ ${tsquery}`);
    if (query.q) params.q = query.q;
    const conditions: Array<[keyof DatasetSearchQuery, string]> = [
      ['theme', ':theme = ANY(d.themes)'],
      ['owner', 'd.owner_organization_id = :owner'],
      ['sensitivity', 'd.sensitivity = :sensitivity'],
      ['geoLevel', 'd.geo_level = :geoLevel'],
      ['status', 'd.status = :status'],
    ];
    for (const [key, condition] of conditions) {
      if (query[key] === undefined) continue;
      parts.push(condition);
      params[key] = query[key];
    }
    if (query.sectorCode) parts.push(`EXISTS (SELECT 1 FROM unnest(d.sector_codes) c WHERE c LIKE :prefix)`);
    params.prefix = `${query.sectorCode}%`;
    const where = parts.join(' AND ');
    const run = <T>(sql: string, values: Record<string, unknown>) => {
      const [escaped, positional] = db.driver.escapeQueryWithParameters(sql, values);
      return db.query(escaped, positional) as Promise<T[]>;
    };
    const order = query.q ? `ts_rank(d.search_vector, ${tsquery}) DESC, d.updated_at DESC, d.id` : 'd.updated_at DESC, d.id';
    const page = await run<{ id: string }>(`SELECT d.id FROM datasets d WHERE ${where} ORDER BY ${order} LIMIT :limit OFFSET :offset`, {
      ...params,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const rows = await run<{ sensitivity: string; geo_level: string; owner: string; owner_name: string; themes: string[] }>(
      `SELECT d.sensitivity, d.geo_level, d.owner_organization_id::text AS owner, o.name AS owner_name, d.themes FROM datasets d JOIN organizations o ON o.id = d.owner_organization_id WHERE ${where}`,
      params,
    );
    const count = (values: string[]) => {
      const map = new Map<string, number>();
      for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
      return map;
    };
    const facet = (map: Map<string, number>, labels?: Map<string, string>): FacetCount[] =>
      [...map]
        .map(([value, n]) => ({ value, count: n, ...(labels ? { label: labels.get(value) } : {}) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      ids: page.map((row) => row.id),
      total: rows.length,
      facets: {
        themes: facet(count(rows.flatMap((row) => [...new Set(row.themes)]))),
        owners: facet(count(rows.map((row) => row.owner)), new Map(rows.map((row) => [row.owner, row.owner_name]))),
        sensitivities: facet(count(rows.map((row) => row.sensitivity))),
        geoLevels: facet(count(rows.map((row) => row.geo_level))),
      },
    };
  }

  const readers = (): Array<[string, AppAbility]> => {
    const grant: StoredPolicyRule = { action: 'read', subject: 'Dataset', conditions: { id: confidentialOfA }, when: { placeholder: '${user.organizationId}', in: [orgB] }, reason: 'test' };
    const hidden: StoredPolicyRule = { ...grant, fields: ['columns.curp'], inverted: true, when: { placeholder: '${user.anyone}', in: ['true'] } };
    return [
      ['an official', defineAbilityFor({ id: randomUUID(), organizationId: randomUUID(), roles: ['official'] })],
      ['the steward of A', defineAbilityFor({ id: randomUUID(), organizationId: orgA, roles: ['steward'] })],
      ['a signed-in member', defineAbilityFor({ id: randomUUID(), organizationId: randomUUID(), roles: [] })],
      ['the public', defineAbilityFor(null)],
      // A rule naming a dataset: the counts cannot come from dataset_facet_counts.
      ['the steward of B with an access policy on a dataset of A', defineAbilityFor({ id: randomUUID(), organizationId: orgB, roles: ['steward'] }, [grant, hidden])],
    ];
  };

  const queries = (): Array<Partial<DatasetSearchQuery>> => [
    { owner: orgA },
    { owner: orgB },
    { owner: orgA, theme: 'employment' },
    { owner: orgB, theme: 'trade', sensitivity: 'internal' },
    { owner: orgA, geoLevel: 'state', status: 'draft' },
    { owner: orgB, theme: 'security' },
    { owner: orgA, theme: 'otro_tema' as DatasetSearchQuery['theme'] },
    { owner: orgA, sectorCode: '31' },
    { owner: orgB, sectorCode: '3111' },
    { owner: orgB, sectorCode: '46' },
    { owner: orgA, page: 2, pageSize: 4 },
    { owner: orgB, page: 50 },
    { q: word },
    { q: `${word} empleo` },
    { q: `"${word}" -ventas`, theme: 'trade' },
    { q: word, sectorCode: '31', owner: orgB },
    { q: word, page: 2, pageSize: 3 },
    { q: `${word} nada_coincide_aqui` },
  ];

  async function expectSameAnswers(): Promise<void> {
    for (const [who, ability] of readers()) {
      for (const partial of queries()) {
        const query = { page: 1, pageSize: 20, ...partial } as DatasetSearchQuery;
        const [actual, expected] = await Promise.all([repository.search(query, ability), reference(query, ability)]);
        const label = `${who}, ${JSON.stringify(partial)}`;
        expect({ label, total: actual.total, facets: actual.facets }).toEqual({ label, total: expected.total, facets: expected.facets });
        expect({ label, ids: actual.rows.map((row) => row.id) }).toEqual({ label, ids: expected.ids });
      }
    }
  }

  it('answers like a direct query on datasets, for several readers and filters', async () => {
    await expectSameAnswers();
  });

  it('stays exact after updates, owner changes and deletes (the triggers keep the copies)', async () => {
    await db.query(
      `UPDATE datasets SET themes = ARRAY['health', 'otro_tema'], sensitivity = 'public', sector_codes = ARRAY['4611'], updated_at = now()
       WHERE owner_organization_id = $1 AND title LIKE 'Encuesta%'`,
      [orgB],
    );
    await db.query(`UPDATE datasets SET owner_organization_id = $2, status = 'published' WHERE owner_organization_id = $1 AND geo_level = 'locality'`, [orgA, orgB]);
    await db.query(`UPDATE datasets SET title = title || ' ${word}' WHERE owner_organization_id = $1 AND sensitivity = 'restricted'`, [orgA]);
    await db.query(`DELETE FROM datasets WHERE owner_organization_id = $1 AND geo_level = 'national' AND id <> $2`, [orgA, confidentialOfA]);
    await expectSameAnswers();

    // The copies hold exactly what recomputing them from datasets gives.
    const owners = [orgA, orgB];
    const [copy] = await db.query(
      `SELECT
         (SELECT count(*) FROM dataset_search s JOIN datasets d ON d.id = s.id
           WHERE s.owner_organization_id = ANY($1::uuid[]) AND (s.owner_organization_id, s.status, s.sensitivity, s.geo_level, s.updated_at, s.search_vector)
             IS NOT DISTINCT FROM (d.owner_organization_id, d.status, d.sensitivity, d.geo_level, d.updated_at, d.search_vector)
             AND s.facet_bits = convenio_facet_bits(d.themes, d.sensitivity, d.geo_level))::int AS same,
         (SELECT count(*) FROM dataset_search WHERE owner_organization_id = ANY($1::uuid[]))::int AS copied,
         (SELECT count(*) FROM datasets WHERE owner_organization_id = ANY($1::uuid[]))::int AS datasets,
         (SELECT coalesce(sum(datasets), 0) FROM dataset_facet_counts WHERE owner_organization_id = ANY($1::uuid[]))::int AS counted,
         (SELECT count(*) FROM dataset_facet_counts WHERE owner_organization_id = ANY($1::uuid[]) AND datasets <= 0)::int AS empty`,
      [owners],
    );
    expect(copy).toEqual({ same: copy.datasets, copied: copy.datasets, datasets: copy.datasets, counted: copy.datasets, empty: 0 });
  });

  it('keeps the theme, sensitivity and level codes of the SQL function and the repository in step', async () => {
    const codes = await db.query(
      `SELECT convenio_facet_bits(ARRAY[t], 'public', 'national') AS theme, convenio_other_themes(ARRAY[t, 'otro_tema']) AS other FROM unnest($1::text[]) t`,
      [FACET_CODES.themes],
    );
    expect(codes).toEqual(FACET_CODES.themes.map((_theme, bit) => ({ theme: 1 << bit, other: ['otro_tema'] })));
    const levels = await db.query(`SELECT convenio_facet_bits('{}', s, g) AS bits FROM unnest($1::text[]) WITH ORDINALITY a(s, i) JOIN unnest($2::text[]) WITH ORDINALITY b(g, j) ON i = j`, [
      FACET_CODES.sensitivities,
      FACET_CODES.geoLevels,
    ]);
    expect(levels.map((row: { bits: number }) => row.bits)).toEqual(FACET_CODES.sensitivities.map((_s, index) => (index << 16) | (index << 20)));
    const [{ prefixes }] = await db.query(`SELECT convenio_sector_prefixes(ARRAY['311110', '31-33', '4']) AS prefixes`);
    expect(prefixes).toEqual(['31', '31-', '31-3', '31-33', '311', '3111', '31111', '311110']);
  });

  it('serves the same through the API for a signed-in official', async () => {
    const official = await login(app, 'oficial@economia.gob.mx');
    const query = { owner: orgA, page: 1, pageSize: 20 } as DatasetSearchQuery;
    const response = await request(app.getHttpServer()).get('/api/v1/datasets').query({ owner: orgA }).set(bearer(official)).expect(200);
    const expected = await reference(query, defineAbilityFor({ id: official.userId, organizationId: official.organizationId, roles: ['official'] }));
    expect(response.body.total).toBe(expected.total);
    expect(response.body.facets).toEqual(expected.facets);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual(expected.ids);
  });
});
