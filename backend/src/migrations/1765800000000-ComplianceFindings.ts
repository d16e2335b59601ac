import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compliance findings on lineage runs (one per rule and subject, so re-checking a run never
 * duplicates one; its status survives), their status history, and when each run was last checked.
 */
export class ComplianceFindings1765800000000 implements MigrationInterface {
  name = 'ComplianceFindings1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lineage_runs" ADD COLUMN "compliance_checked_at" timestamptz`);
    await queryRunner.query(`CREATE INDEX "IDX_lineage_runs_compliance_pending" ON "lineage_runs" ("updated_at") WHERE "compliance_checked_at" IS NULL OR "compliance_checked_at" < "updated_at"`);
    await queryRunner.query(`
      CREATE TABLE "compliance_findings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "fingerprint" text NOT NULL,
        "rule" text NOT NULL,
        "severity" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "summary" text NOT NULL,
        "run_id" uuid,
        "job_namespace" text,
        "job_name" text,
        "event_time" timestamptz,
        "agreement_id" uuid,
        "agreement_version" integer,
        "evidence" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_compliance_findings" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_compliance_findings_fingerprint" UNIQUE ("fingerprint"),
        CONSTRAINT "FK_compliance_findings_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id"),
        CONSTRAINT "CHK_compliance_findings_rule" CHECK ("rule" IN ('cross_org_flow_without_agreement', 'run_under_inactive_agreement', 'direct_identifier_not_removed', 'release_k_below_minimum')),
        CONSTRAINT "CHK_compliance_findings_severity" CHECK ("severity" IN ('critical', 'high', 'medium', 'low')),
        CONSTRAINT "CHK_compliance_findings_status" CHECK ("status" IN ('open', 'acknowledged', 'resolved'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_compliance_findings_list" ON "compliance_findings" ("status", "severity", "created_at" DESC)`);
    await queryRunner.query(`CREATE INDEX "IDX_compliance_findings_agreement" ON "compliance_findings" ("agreement_id") WHERE "agreement_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_compliance_findings_run" ON "compliance_findings" ("run_id")`);
    await queryRunner.query(`
      CREATE TABLE "compliance_finding_history" (
        "id" bigserial NOT NULL,
        "finding_id" uuid NOT NULL,
        "status" text NOT NULL,
        "comment" text NOT NULL,
        "actor_id" uuid,
        "at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_compliance_finding_history" PRIMARY KEY ("id"),
        CONSTRAINT "FK_compliance_finding_history_finding" FOREIGN KEY ("finding_id") REFERENCES "compliance_findings"("id"),
        CONSTRAINT "FK_compliance_finding_history_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_compliance_finding_history_finding" ON "compliance_finding_history" ("finding_id", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "compliance_finding_history"`);
    await queryRunner.query(`DROP TABLE "compliance_findings"`);
    await queryRunner.query(`DROP INDEX "IDX_lineage_runs_compliance_pending"`);
    await queryRunner.query(`ALTER TABLE "lineage_runs" DROP COLUMN "compliance_checked_at"`);
  }
}
