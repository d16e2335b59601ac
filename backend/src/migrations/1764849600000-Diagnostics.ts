import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Diagnostics of a policy question, its data needs with the owners assigned, and open data requests. */
export class Diagnostics1764849600000 implements MigrationInterface {
  name = 'Diagnostics1764849600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "diagnostics" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" text NOT NULL,
        "policy_question" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "organization_id" uuid NOT NULL,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_diagnostics" PRIMARY KEY ("id"),
        CONSTRAINT "FK_diagnostics_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_diagnostics_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_diagnostics_status" CHECK ("status" IN ('open', 'closed'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_diagnostics_created" ON "diagnostics" ("created_at" DESC)`);
    await queryRunner.query(`
      CREATE TABLE "diagnostic_needs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "diagnostic_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "topic" text NOT NULL,
        "theme" text NOT NULL,
        "geo_level" text NOT NULL,
        "geo_codes" text[] NOT NULL DEFAULT '{}',
        "sector_level" integer,
        "sector_codes" text[] NOT NULL DEFAULT '{}',
        "period_from" date,
        "period_to" date,
        "personal_data" boolean NOT NULL,
        "assigned_dataset_id" uuid,
        "assigned_organization_id" uuid,
        "assigned_by_id" uuid,
        "assigned_at" timestamptz,
        CONSTRAINT "PK_diagnostic_needs" PRIMARY KEY ("id"),
        CONSTRAINT "FK_diagnostic_needs_diagnostic" FOREIGN KEY ("diagnostic_id") REFERENCES "diagnostics"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_diagnostic_needs_dataset" FOREIGN KEY ("assigned_dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_diagnostic_needs_organization" FOREIGN KEY ("assigned_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_diagnostic_needs_assigned_by" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_diagnostic_needs_geo_level" CHECK ("geo_level" IN ('national', 'state', 'municipality', 'locality')),
        CONSTRAINT "CHK_diagnostic_needs_sector_level" CHECK ("sector_level" IS NULL OR "sector_level" BETWEEN 2 AND 6)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_diagnostic_needs_diagnostic" ON "diagnostic_needs" ("diagnostic_id", "position")`);
    await queryRunner.query(`
      CREATE TABLE "data_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "diagnostic_id" uuid NOT NULL,
        "need_id" uuid NOT NULL,
        "requester_organization_id" uuid NOT NULL,
        "addressed_organization_id" uuid NOT NULL,
        "message" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "response" text,
        "dataset_id" uuid,
        "created_by_id" uuid,
        "answered_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "answered_at" timestamptz,
        CONSTRAINT "PK_data_requests" PRIMARY KEY ("id"),
        CONSTRAINT "FK_data_requests_diagnostic" FOREIGN KEY ("diagnostic_id") REFERENCES "diagnostics"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_data_requests_need" FOREIGN KEY ("need_id") REFERENCES "diagnostic_needs"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_data_requests_requester" FOREIGN KEY ("requester_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_data_requests_addressed" FOREIGN KEY ("addressed_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_data_requests_dataset" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_data_requests_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_data_requests_answered_by" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_data_requests_status" CHECK ("status" IN ('open', 'answered', 'declined'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_data_requests_addressed" ON "data_requests" ("addressed_organization_id", "status", "created_at" DESC)`);
    await queryRunner.query(`CREATE INDEX "IDX_data_requests_need" ON "data_requests" ("need_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_requests"`);
    await queryRunner.query(`DROP TABLE "diagnostic_needs"`);
    await queryRunner.query(`DROP TABLE "diagnostics"`);
  }
}
