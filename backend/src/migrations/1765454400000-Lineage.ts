import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenLineage: raw events kept whole (partitioned by the month they were received, never
 * deleted), an idempotency key per event, and the normalised graph — nodes (datasets and
 * jobs), runs with their state history, per-run inputs/outputs, the dataset↔job edge table
 * the recursive graph query walks, dataset schema versions and column-level edges.
 */
export class Lineage1765454400000 implements MigrationInterface {
  name = 'Lineage1765454400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "lineage_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_hash" text NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('RunEvent', 'DatasetEvent', 'JobEvent')),
        "event_type" text,
        "event_time" timestamptz NOT NULL,
        "run_id" uuid,
        "producer" text NOT NULL,
        "payload" jsonb NOT NULL,
        "warnings" jsonb NOT NULL DEFAULT '[]',
        "received_by_id" uuid,
        "api_key_id" uuid,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lineage_events" PRIMARY KEY ("id", "received_at")
      ) PARTITION BY RANGE ("received_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_events_run" ON "lineage_events" ("run_id", "event_time") WHERE "run_id" IS NOT NULL`);
    // Creates the month's partition when missing; the API calls it once a month per process before inserting.
    await queryRunner.query(`
      CREATE FUNCTION "lineage_ensure_partition"(at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE
        month_start timestamptz := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
        partition_name text := 'lineage_events_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
      BEGIN
        IF to_regclass(partition_name) IS NULL THEN
          BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF "lineage_events" FOR VALUES FROM (%L) TO (%L)',
              partition_name, month_start, month_start + interval '1 month');
          EXCEPTION WHEN duplicate_table THEN NULL;
          END;
        END IF;
        RETURN partition_name;
      END $$`);
    await queryRunner.query(`SELECT "lineage_ensure_partition"(now())`);
    // Raw events are never changed or deleted.
    await queryRunner.query(`
      CREATE FUNCTION "lineage_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'lineage_events are append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER "TRG_lineage_events_append_only" BEFORE UPDATE OR DELETE ON "lineage_events" FOR EACH ROW EXECUTE FUNCTION "lineage_events_append_only"()`);
    // Idempotency: one row per canonical event (unique across partitions, which a partitioned index cannot be).
    await queryRunner.query(`
      CREATE TABLE "lineage_event_keys" (
        "event_hash" text NOT NULL,
        "event_id" uuid NOT NULL,
        "received_at" timestamptz NOT NULL,
        CONSTRAINT "PK_lineage_event_keys" PRIMARY KEY ("event_hash")
      )`);
    await queryRunner.query(`CREATE TABLE "lineage_namespaces" ("name" text NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now(), CONSTRAINT "PK_lineage_namespaces" PRIMARY KEY ("name"))`);
    await queryRunner.query(`
      CREATE TABLE "lineage_nodes" (
        "id" bigserial NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('dataset', 'job')),
        "namespace" text NOT NULL REFERENCES "lineage_namespaces" ("name"),
        "name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lineage_nodes" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_lineage_nodes_identity" UNIQUE ("kind", "namespace", "name")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_nodes_catalog" ON "lineage_nodes" ("namespace", "name") WHERE "kind" = 'dataset'`);
    // Dataset schema versions from the `schema` facet: one row per distinct field list.
    await queryRunner.query(`
      CREATE TABLE "lineage_dataset_versions" (
        "id" bigserial NOT NULL,
        "dataset_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "schema_hash" text NOT NULL,
        "fields" jsonb NOT NULL,
        "run_id" uuid,
        "event_time" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lineage_dataset_versions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_lineage_dataset_versions" UNIQUE ("dataset_id", "schema_hash")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_dataset_versions_latest" ON "lineage_dataset_versions" ("dataset_id", "event_time")`);
    // The state rule, also in lineage/run-state.ts: a state never goes back from terminal; otherwise the later event wins.
    await queryRunner.query(`
      CREATE FUNCTION "lineage_state_rank"(state text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE state WHEN 'START' THEN 1 WHEN 'RUNNING' THEN 2 WHEN 'COMPLETE' THEN 3 WHEN 'FAIL' THEN 3 WHEN 'ABORT' THEN 3 ELSE 0 END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "lineage_state_wins"(old_state text, old_time timestamptz, new_state text, new_time timestamptz) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT new_state IS NOT NULL AND (
          old_state IS NULL
          OR ("lineage_state_rank"(new_state) = 3 AND "lineage_state_rank"(old_state) < 3)
          OR (("lineage_state_rank"(new_state) = 3) = ("lineage_state_rank"(old_state) = 3)
              AND (new_time > old_time OR (new_time = old_time AND "lineage_state_rank"(new_state) > "lineage_state_rank"(old_state))))) $$`);
    await queryRunner.query(`
      CREATE TABLE "lineage_runs" (
        "run_id" uuid NOT NULL,
        "job_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "state" text CHECK ("state" IN ('START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT')),
        "state_time" timestamptz,
        "started_at" timestamptz,
        "ended_at" timestamptz,
        "agreement_id" uuid,
        "parent_run_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lineage_runs" PRIMARY KEY ("run_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_runs_job" ON "lineage_runs" ("job_id", "state_time")`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_runs_agreement" ON "lineage_runs" ("agreement_id") WHERE "agreement_id" IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "lineage_run_states" (
        "run_id" uuid NOT NULL REFERENCES "lineage_runs" ("run_id"),
        "event_type" text,
        "event_time" timestamptz NOT NULL,
        "event_id" uuid NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_run_states_run" ON "lineage_run_states" ("run_id", "event_time")`);
    // Inputs and outputs per run (a JobEvent's have no run: run_id NULL).
    await queryRunner.query(`
      CREATE TABLE "lineage_run_datasets" (
        "run_id" uuid,
        "job_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "dataset_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "direction" text NOT NULL CHECK ("direction" IN ('input', 'output')),
        CONSTRAINT "UQ_lineage_run_datasets" UNIQUE NULLS NOT DISTINCT ("run_id", "job_id", "dataset_id", "direction")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_run_datasets_dataset" ON "lineage_run_datasets" ("dataset_id")`);
    // The graph: input dataset → job, job → output dataset, whatever the run; walked in both directions.
    await queryRunner.query(`
      CREATE TABLE "lineage_edges" (
        "source_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "target_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        CONSTRAINT "PK_lineage_edges" PRIMARY KEY ("source_id", "target_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_edges_target" ON "lineage_edges" ("target_id", "source_id")`);
    await queryRunner.query(`
      CREATE TABLE "lineage_column_edges" (
        "id" bigserial NOT NULL,
        "source_dataset_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "source_field" text NOT NULL,
        "target_dataset_id" bigint NOT NULL REFERENCES "lineage_nodes" ("id"),
        "target_field" text NOT NULL,
        "transformation_type" text NOT NULL DEFAULT '',
        "transformation_subtype" text NOT NULL DEFAULT '',
        "description" text,
        "masking" boolean NOT NULL DEFAULT false,
        "run_id" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lineage_column_edges" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_lineage_column_edges" UNIQUE ("target_dataset_id", "target_field", "source_dataset_id", "source_field", "transformation_type", "transformation_subtype")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_column_edges_source" ON "lineage_column_edges" ("source_dataset_id", "source_field")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['lineage_column_edges', 'lineage_edges', 'lineage_run_datasets', 'lineage_run_states', 'lineage_runs', 'lineage_dataset_versions', 'lineage_nodes', 'lineage_namespaces', 'lineage_event_keys', 'lineage_events']) {
      await queryRunner.query(`DROP TABLE "${table}" CASCADE`);
    }
    await queryRunner.query(`DROP FUNCTION "lineage_events_append_only"()`);
    await queryRunner.query(`DROP FUNCTION "lineage_state_wins"(text, timestamptz, text, timestamptz)`);
    await queryRunner.query(`DROP FUNCTION "lineage_state_rank"(text)`);
    await queryRunner.query(`DROP FUNCTION "lineage_ensure_partition"(timestamptz)`);
  }
}
