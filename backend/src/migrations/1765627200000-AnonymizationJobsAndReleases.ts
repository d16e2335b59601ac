import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymization jobs (the uploaded CSV and its result kept in 1 MiB chunks, so neither the API
 * nor the worker ever holds a file whole) and releases: deliveries under an agreement, each
 * tied to the job whose report met the agreement's terms.
 */
export class AnonymizationJobsAndReleases1765627200000 implements MigrationInterface {
  name = 'AnonymizationJobsAndReleases1765627200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "anonymization_jobs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organization_id" uuid NOT NULL,
        "created_by" uuid NOT NULL,
        "dataset_id" uuid,
        "file_name" text NOT NULL,
        "input_bytes" bigint NOT NULL DEFAULT 0,
        "records" integer NOT NULL DEFAULT 0,
        "policy" jsonb NOT NULL,
        "state" text NOT NULL DEFAULT 'queued',
        "progress" smallint NOT NULL DEFAULT 0,
        "attempts" integer NOT NULL DEFAULT 0,
        "result_attempt" integer,
        "result_bytes" bigint,
        "report" jsonb,
        "error" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        CONSTRAINT "PK_anonymization_jobs" PRIMARY KEY ("id"),
        CONSTRAINT "FK_anonymization_jobs_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id"),
        CONSTRAINT "FK_anonymization_jobs_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id"),
        CONSTRAINT "FK_anonymization_jobs_dataset" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id"),
        CONSTRAINT "CHK_anonymization_jobs_state" CHECK ("state" IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        CONSTRAINT "CHK_anonymization_jobs_progress" CHECK ("progress" BETWEEN 0 AND 100),
        CONSTRAINT "CHK_anonymization_jobs_report" CHECK (("state" = 'completed') = ("report" IS NOT NULL AND "result_attempt" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_anonymization_jobs_organization" ON "anonymization_jobs" ("organization_id", "created_at" DESC)`);
    // Input chunks have attempt 0; each run writes its result under its own attempt number, so a
    // run that a crashed worker left behind can never mix its chunks into the next run's result.
    await queryRunner.query(`
      CREATE TABLE "anonymization_job_chunks" (
        "job_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "attempt" integer NOT NULL,
        "seq" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "PK_anonymization_job_chunks" PRIMARY KEY ("job_id", "kind", "attempt", "seq"),
        CONSTRAINT "FK_anonymization_job_chunks_job" FOREIGN KEY ("job_id") REFERENCES "anonymization_jobs"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_anonymization_job_chunks_kind" CHECK ("kind" IN ('input', 'result'))
      )`);
    // CSV chunks are read and written whole: no compression on the way (speed over space).
    await queryRunner.query(`ALTER TABLE "anonymization_job_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await queryRunner.query(`
      CREATE TABLE "releases" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agreement_id" uuid NOT NULL,
        "agreement_version" integer NOT NULL,
        "name" text NOT NULL,
        "source_dataset_id" uuid NOT NULL,
        "anonymization_job_id" uuid NOT NULL,
        "lineage_namespace" text NOT NULL,
        "lineage_name" text NOT NULL,
        "lineage_run_id" uuid NOT NULL,
        "k_achieved" integer NOT NULL,
        "records" integer NOT NULL,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_releases" PRIMARY KEY ("id"),
        CONSTRAINT "FK_releases_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id"),
        CONSTRAINT "FK_releases_dataset" FOREIGN KEY ("source_dataset_id") REFERENCES "datasets"("id"),
        CONSTRAINT "FK_releases_job" FOREIGN KEY ("anonymization_job_id") REFERENCES "anonymization_jobs"("id"),
        CONSTRAINT "FK_releases_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id"),
        CONSTRAINT "UQ_releases_job" UNIQUE ("agreement_id", "anonymization_job_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_releases_agreement" ON "releases" ("agreement_id", "created_at" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "releases"`);
    await queryRunner.query(`DROP TABLE "anonymization_job_chunks"`);
    await queryRunner.query(`DROP TABLE "anonymization_jobs"`);
  }
}
