import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `facet_bits` packs the facet dimensions of a dataset in one integer, so counting groups hashes
 * one int: bit i (0-14) for the i-th theme below, bits 16-19 the index of its sensitivity, bits
 * 20-23 the index of its geographic level. The same lists are in datasets.repository.ts
 * (FACET_CODES); a theme missing here is kept in `other_themes` instead, so facets and filters
 * stay exact either way.
 */
const THEMES = ['economy', 'employment', 'education', 'health', 'security', 'trade', 'population', 'agriculture', 'energy', 'environment', 'finance', 'transport', 'telecommunications', 'tourism', 'government'];
const SENSITIVITIES = ['public', 'internal', 'confidential', 'restricted'];
const GEO_LEVELS = ['national', 'state', 'municipality', 'locality'];
const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(', ')}]::text[]`;
const THEME_ARRAY = sqlArray(THEMES);

/** The columns of dataset_search computed from a row of datasets (alias r). */
const SEARCH_COLUMNS = `r.updated_at, r.id, r.owner_organization_id, convenio_facet_bits(r.themes, r.sensitivity, r.geo_level), r.status, r.sensitivity, r.geo_level,
  convenio_other_themes(r.themes), convenio_sector_prefixes(r.sector_codes), r.search_vector`;
const SEARCH_TARGET = `"dataset_search" ("updated_at", "id", "owner_organization_id", "facet_bits", "status", "sensitivity", "geo_level", "other_themes", "sector_prefixes", "search_vector")`;
/** The dimensions of dataset_facet_counts computed from a row of datasets (alias r). */
const FACET_KEY = `r.owner_organization_id, r.status, r.sensitivity, r.geo_level, convenio_facet_bits(r.themes, r.sensitivity, r.geo_level), coalesce(convenio_other_themes(r.themes), '{}')`;
const FACET_COLUMNS = `"owner_organization_id", "status", "sensitivity", "geo_level", "facet_bits", "other_themes"`;
/** Adds the signed deltas of `source` (rows k1..k6, n) to the counts, in key order (one lock order for concurrent writers). */
const applyFacetDelta = (source: string) => `
  INSERT INTO "dataset_facet_counts" AS c (${FACET_COLUMNS}, "datasets")
  SELECT k1, k2, k3, k4, k5, k6, sum(n) FROM (${source}) delta(k1, k2, k3, k4, k5, k6, n)
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (${FACET_COLUMNS}) DO UPDATE SET "datasets" = c."datasets" + EXCLUDED."datasets"`;

/**
 * Catalog search on a narrow copy of datasets (issue 4: p95 ≤ 50 ms on 100,000 datasets).
 *
 * - `dataset_search`: one small tuple per dataset (the columns the CASL filter, the search
 *   filters, the facets and the ordering read, and the tsvector) with its own GIN index, so a
 *   search touches ~300-byte tuples instead of the ~800-byte rows of `datasets`. Themes are a
 *   bitmask (with sensitivity and level, `facet_bits`), SCIAN codes are stored with all their prefixes ("311" → 31, 311).
 * - `dataset_facet_counts`: datasets per (owner, status, sensitivity, level, themes): exact facets
 *   and totals for browsing without a text query, whenever the caller's CASL filter only reads
 *   owner/status/sensitivity (otherwise the search scans dataset_search).
 *
 * Both are kept by statement-level triggers with transition tables (a bulk insert costs one
 * statement per table, not one per row), in the same transaction as the change to datasets.
 * The GIN index has no pending list (fastupdate off): searches never scan unmerged entries
 * after a bulk insert; inserts pay for it (~1.3 s more per 100,000 rows here).
 */
export class CatalogSearchTable1764763200000 implements MigrationInterface {
  name = 'CatalogSearchTable1764763200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "convenio_facet_bits"(themes text[], sensitivity text, geo_level text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (coalesce(bit_or(1 << (array_position(${THEME_ARRAY}, t) - 1)), 0)
        | (coalesce(array_position(${sqlArray(SENSITIVITIES)}, sensitivity) - 1, 15) << 16)
        | (coalesce(array_position(${sqlArray(GEO_LEVELS)}, geo_level) - 1, 15) << 20))::integer FROM unnest(themes) t $$`);
    await queryRunner.query(`
      CREATE FUNCTION "convenio_other_themes"(text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest($1) t WHERE t IS NOT NULL AND array_position(${THEME_ARRAY}, t) IS NULL $$`);
    // "311110" is found by 31, 311, 3111, 31111 and 311110 (as LIKE '31%' on the codes did).
    await queryRunner.query(`
      CREATE FUNCTION "convenio_sector_prefixes"(text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(array_agg(DISTINCT left(c, n) ORDER BY left(c, n)), '{}') FROM unnest($1) c, generate_series(2, length(c)) n $$`);
    // Fixed-width columns first: the scan deforms a tuple only up to the last column it reads.
    await queryRunner.query(`
      CREATE TABLE "dataset_search" (
        "updated_at" timestamptz NOT NULL,
        "id" uuid NOT NULL,
        "owner_organization_id" uuid NOT NULL,
        "facet_bits" integer NOT NULL,
        "status" text NOT NULL,
        "sensitivity" text NOT NULL,
        "geo_level" text NOT NULL,
        "other_themes" text[],
        "sector_prefixes" text[] NOT NULL,
        "search_vector" tsvector,
        CONSTRAINT "PK_dataset_search" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dataset_search_vector" ON "dataset_search" USING GIN ("search_vector") WITH (fastupdate = off)`);
    await queryRunner.query(`CREATE INDEX "IDX_dataset_search_updated" ON "dataset_search" ("updated_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_dataset_search_sectors" ON "dataset_search" USING GIN ("sector_prefixes") WITH (fastupdate = off)`);
    await queryRunner.query(`
      CREATE TABLE "dataset_facet_counts" (
        "owner_organization_id" uuid NOT NULL,
        "status" text NOT NULL,
        "sensitivity" text NOT NULL,
        "geo_level" text NOT NULL,
        "facet_bits" integer NOT NULL,
        "other_themes" text[] NOT NULL,
        "datasets" integer NOT NULL,
        CONSTRAINT "PK_dataset_facet_counts" PRIMARY KEY (${FACET_COLUMNS})
      )`);

    await queryRunner.query(`
      CREATE FUNCTION "datasets_search_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${SEARCH_TARGET} SELECT ${SEARCH_COLUMNS} FROM new_rows r;
        ${applyFacetDelta(`SELECT ${FACET_KEY}, 1 FROM new_rows r`)};
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "datasets_search_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "dataset_search" s USING old_rows o WHERE s.id = o.id AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id);
        INSERT INTO ${SEARCH_TARGET} SELECT ${SEARCH_COLUMNS} FROM new_rows r
        ON CONFLICT ("id") DO UPDATE SET ("updated_at", "owner_organization_id", "facet_bits", "status", "sensitivity", "geo_level", "other_themes", "sector_prefixes", "search_vector")
          = (EXCLUDED."updated_at", EXCLUDED."owner_organization_id", EXCLUDED."facet_bits", EXCLUDED."status", EXCLUDED."sensitivity", EXCLUDED."geo_level",
             EXCLUDED."other_themes", EXCLUDED."sector_prefixes", EXCLUDED."search_vector");
        ${applyFacetDelta(`SELECT ${FACET_KEY}, 1 FROM new_rows r UNION ALL SELECT ${FACET_KEY}, -1 FROM old_rows r`)};
        DELETE FROM "dataset_facet_counts" WHERE "datasets" = 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "datasets_search_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "dataset_search" s USING old_rows o WHERE s.id = o.id;
        ${applyFacetDelta(`SELECT ${FACET_KEY}, -1 FROM old_rows r`)};
        DELETE FROM "dataset_facet_counts" WHERE "datasets" = 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "datasets_search_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE "dataset_search", "dataset_facet_counts";
        RETURN NULL;
      END $$`);
    // Transition tables allow one event per trigger. search_vector is set by the BEFORE row trigger.
    await queryRunner.query(`CREATE TRIGGER "datasets_search_inserted" AFTER INSERT ON "datasets" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "datasets_search_inserted"()`);
    await queryRunner.query(`CREATE TRIGGER "datasets_search_updated" AFTER UPDATE ON "datasets" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "datasets_search_updated"()`);
    await queryRunner.query(`CREATE TRIGGER "datasets_search_deleted" AFTER DELETE ON "datasets" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "datasets_search_deleted"()`);
    await queryRunner.query(`CREATE TRIGGER "datasets_search_truncated" AFTER TRUNCATE ON "datasets" FOR EACH STATEMENT EXECUTE FUNCTION "datasets_search_truncated"()`);

    // The datasets already there.
    await queryRunner.query(`INSERT INTO ${SEARCH_TARGET} SELECT ${SEARCH_COLUMNS} FROM "datasets" r`);
    await queryRunner.query(applyFacetDelta(`SELECT ${FACET_KEY}, 1 FROM "datasets" r`));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['inserted', 'updated', 'deleted', 'truncated']) {
      await queryRunner.query(`DROP TRIGGER "datasets_search_${event}" ON "datasets"`);
      await queryRunner.query(`DROP FUNCTION "datasets_search_${event}"()`);
    }
    await queryRunner.query(`DROP TABLE "dataset_facet_counts"`);
    await queryRunner.query(`DROP TABLE "dataset_search"`);
    await queryRunner.query(`DROP FUNCTION "convenio_sector_prefixes"(text[])`);
    await queryRunner.query(`DROP FUNCTION "convenio_other_themes"(text[])`);
    await queryRunner.query(`DROP FUNCTION "convenio_facet_bits"(text[], text, text)`);
  }
}
