import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1764590400000 implements MigrationInterface {
  name = 'Catalog1764590400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Spanish full-text search that ignores accents ("poblacion" finds "población").
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`
      CREATE FUNCTION "convenio_unaccent"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await queryRunner.query(`
      CREATE TABLE "datasets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_organization_id" uuid NOT NULL,
        "steward_id" uuid,
        "title" text NOT NULL,
        "title_en" text,
        "description" text NOT NULL,
        "description_en" text,
        "themes" text[] NOT NULL,
        "keywords" text[] NOT NULL DEFAULT '{}',
        "sensitivity" text NOT NULL,
        "geo_level" text NOT NULL,
        "geo_codes" text[] NOT NULL DEFAULT '{}',
        "sector_level" integer,
        "sector_codes" text[] NOT NULL DEFAULT '{}',
        "periodicity" text NOT NULL,
        "time_from" date,
        "time_to" date,
        "columns" jsonb NOT NULL DEFAULT '[]',
        "quality_notes" text,
        "lineage_namespace" text,
        "lineage_name" text,
        "status" text NOT NULL DEFAULT 'draft',
        "search_vector" tsvector,
        "published_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_datasets" PRIMARY KEY ("id"),
        CONSTRAINT "FK_datasets_owner" FOREIGN KEY ("owner_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_datasets_steward" FOREIGN KEY ("steward_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_datasets_sensitivity" CHECK ("sensitivity" IN ('public', 'internal', 'confidential', 'restricted')),
        CONSTRAINT "CHK_datasets_geo_level" CHECK ("geo_level" IN ('national', 'state', 'municipality', 'locality')),
        CONSTRAINT "CHK_datasets_status" CHECK ("status" IN ('draft', 'published', 'retired')),
        CONSTRAINT "CHK_datasets_sector_level" CHECK ("sector_level" IS NULL OR "sector_level" BETWEEN 2 AND 6)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_datasets_owner" ON "datasets" ("owner_organization_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_datasets_lineage" ON "datasets" ("lineage_namespace", "lineage_name") WHERE "lineage_namespace" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_datasets_search" ON "datasets" USING GIN ("search_vector")`);
    await queryRunner.query(`CREATE INDEX "IDX_datasets_themes" ON "datasets" USING GIN ("themes")`);
    await queryRunner.query(`CREATE INDEX "IDX_datasets_sector_codes" ON "datasets" USING GIN ("sector_codes")`);
    // Browsing without a query pages by recency: an index makes the first page a few rows read.
    await queryRunner.query(`CREATE INDEX "IDX_datasets_updated" ON "datasets" ("updated_at" DESC, "id")`);
    await queryRunner.query(`
      CREATE FUNCTION "datasets_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('spanish', convenio_unaccent(coalesce(NEW.title, ''))), 'A') ||
          setweight(to_tsvector('spanish', convenio_unaccent(array_to_string(NEW.keywords, ' '))), 'B') ||
          setweight(to_tsvector('spanish', convenio_unaccent(coalesce(NEW.description, ''))), 'C') ||
          setweight(to_tsvector('simple', convenio_unaccent(coalesce(NEW.title_en, '') || ' ' || coalesce(NEW.description_en, ''))), 'D');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "datasets_search_vector" BEFORE INSERT OR UPDATE ON "datasets" FOR EACH ROW EXECUTE FUNCTION "datasets_search_vector"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "datasets"`);
    await queryRunner.query(`DROP FUNCTION "datasets_search_vector"()`);
    await queryRunner.query(`DROP FUNCTION "convenio_unaccent"(text)`);
  }
}
