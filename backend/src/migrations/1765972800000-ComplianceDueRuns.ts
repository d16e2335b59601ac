import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runs waiting for a compliance check, in a small table of their own instead of a mark on
 * `lineage_runs`: ingestion upserts a run here (a new `mark` each time the run changes), the
 * worker deletes it once checked as of that mark. Clearing thousands of runs no rule can flag is
 * then a delete from a narrow table, not an update of wide, much-indexed run rows.
 * Also the lookups by run the checks and the explorer make: a run's column edges, the release a
 * run wrote, and the agreements a job's runs ran under.
 */
export class ComplianceDueRuns1765972800000 implements MigrationInterface {
  name = 'ComplianceDueRuns1765972800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "lineage_runs_due_mark"`);
    await queryRunner.query(`
      CREATE TABLE "lineage_runs_due" (
        "run_id" uuid NOT NULL,
        "mark" bigint NOT NULL DEFAULT nextval('lineage_runs_due_mark'),
        CONSTRAINT "PK_lineage_runs_due" PRIMARY KEY ("run_id")
      )`);
    await queryRunner.query(`ALTER SEQUENCE "lineage_runs_due_mark" OWNED BY "lineage_runs_due"."mark"`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_runs_due_mark" ON "lineage_runs_due" ("mark")`);
    await queryRunner.query(`INSERT INTO "lineage_runs_due" ("run_id") SELECT "run_id" FROM "lineage_runs" WHERE "compliance_checked_at" IS NULL OR "compliance_checked_at" < "updated_at" ORDER BY "updated_at"`);
    await queryRunner.query(`DROP INDEX "IDX_lineage_runs_compliance_pending"`);
    await queryRunner.query(`ALTER TABLE "lineage_runs" DROP COLUMN "compliance_checked_at"`);

    await queryRunner.query(`CREATE INDEX "IDX_lineage_column_edges_run" ON "lineage_column_edges" ("run_id") WHERE "run_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_releases_lineage_run" ON "releases" ("lineage_run_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_runs_job_agreement" ON "lineage_runs" ("job_id", "agreement_id") WHERE "agreement_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_lineage_runs_job_agreement"`);
    await queryRunner.query(`DROP INDEX "IDX_releases_lineage_run"`);
    await queryRunner.query(`DROP INDEX "IDX_lineage_column_edges_run"`);
    await queryRunner.query(`ALTER TABLE "lineage_runs" ADD COLUMN "compliance_checked_at" timestamptz`);
    await queryRunner.query(`UPDATE "lineage_runs" r SET "compliance_checked_at" = r."updated_at" WHERE NOT EXISTS (SELECT 1 FROM "lineage_runs_due" d WHERE d."run_id" = r."run_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_runs_compliance_pending" ON "lineage_runs" ("updated_at") WHERE "compliance_checked_at" IS NULL OR "compliance_checked_at" < "updated_at"`);
    await queryRunner.query(`DROP TABLE "lineage_runs_due"`);
  }
}
