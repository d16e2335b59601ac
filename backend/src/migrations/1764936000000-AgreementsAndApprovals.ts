import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements with immutable versions, comments, signatures and their state history;
 * versioned workflow definitions, approval tasks, the transactional outbox and in-app
 * notifications.
 */
export class AgreementsAndApprovals1764936000000 implements MigrationInterface {
  name = 'AgreementsAndApprovals1764936000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "workflow_definitions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "key" text NOT NULL,
        "version" integer NOT NULL,
        "name" text NOT NULL,
        "steps" jsonb NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_workflow_definitions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_workflow_definitions_version" UNIQUE ("key", "version"),
        CONSTRAINT "FK_workflow_definitions_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE SEQUENCE "agreement_reference_seq"`);
    await queryRunner.query(`
      CREATE TABLE "agreements" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "reference" text NOT NULL,
        "diagnostic_id" uuid,
        "provider_organization_id" uuid NOT NULL,
        "recipient_organization_id" uuid NOT NULL,
        "state" text NOT NULL DEFAULT 'draft',
        "current_version" integer NOT NULL DEFAULT 1,
        "author_id" uuid,
        "workflow_definition_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "activated_at" timestamptz,
        "ended_at" timestamptz,
        CONSTRAINT "PK_agreements" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_agreements_reference" UNIQUE ("reference"),
        CONSTRAINT "FK_agreements_diagnostic" FOREIGN KEY ("diagnostic_id") REFERENCES "diagnostics"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_agreements_provider" FOREIGN KEY ("provider_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_agreements_recipient" FOREIGN KEY ("recipient_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_agreements_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_agreements_workflow" FOREIGN KEY ("workflow_definition_id") REFERENCES "workflow_definitions"("id") ON DELETE RESTRICT,
        CONSTRAINT "CHK_agreements_parties" CHECK ("provider_organization_id" <> "recipient_organization_id"),
        CONSTRAINT "CHK_agreements_state" CHECK ("state" IN ('draft', 'in_review', 'changes_requested', 'approved', 'awaiting_signatures', 'active', 'expired', 'terminated', 'rejected', 'withdrawn'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_agreements_provider" ON "agreements" ("provider_organization_id", "state")`);
    await queryRunner.query(`CREATE INDEX "IDX_agreements_recipient" ON "agreements" ("recipient_organization_id", "state")`);
    await queryRunner.query(`CREATE INDEX "IDX_agreements_state" ON "agreements" ("state", "updated_at" DESC)`);
    await queryRunner.query(`
      CREATE TABLE "agreement_versions" (
        "agreement_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "terms" jsonb NOT NULL,
        "terms_hash" char(64) NOT NULL,
        "author_id" uuid,
        "change_summary" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_agreement_versions" PRIMARY KEY ("agreement_id", "version"),
        CONSTRAINT "FK_agreement_versions_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_agreement_versions_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    // The datasets of each agreement's current version, for joins (lineage checks, registers).
    await queryRunner.query(`
      CREATE TABLE "agreement_datasets" (
        "agreement_id" uuid NOT NULL,
        "dataset_id" uuid NOT NULL,
        CONSTRAINT "PK_agreement_datasets" PRIMARY KEY ("agreement_id", "dataset_id"),
        CONSTRAINT "FK_agreement_datasets_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_agreement_datasets_dataset" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_agreement_datasets_dataset" ON "agreement_datasets" ("dataset_id")`);
    await queryRunner.query(`
      CREATE TABLE "agreement_comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agreement_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "author_id" uuid,
        "visibility" text NOT NULL,
        "body" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_agreement_comments" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agreement_comments_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_agreement_comments_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_agreement_comments_visibility" CHECK ("visibility" IN ('parties', 'internal'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_agreement_comments_agreement" ON "agreement_comments" ("agreement_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "agreement_signatures" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agreement_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "side" text NOT NULL,
        "signer_id" uuid NOT NULL,
        "organization_id" uuid NOT NULL,
        "terms_hash" char(64) NOT NULL,
        "signed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_agreement_signatures" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_agreement_signatures_side" UNIQUE ("agreement_id", "version", "side"),
        CONSTRAINT "FK_agreement_signatures_version" FOREIGN KEY ("agreement_id", "version") REFERENCES "agreement_versions"("agreement_id", "version") ON DELETE RESTRICT,
        CONSTRAINT "FK_agreement_signatures_signer" FOREIGN KEY ("signer_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_agreement_signatures_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "CHK_agreement_signatures_side" CHECK ("side" IN ('provider', 'recipient'))
      )`);
    // Versions and signatures are evidence: never updated, never deleted.
    await queryRunner.query(`
      CREATE FUNCTION "convenio_immutable_row"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['agreement_versions', 'agreement_signatures']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_immutable" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "convenio_immutable_row"()`);
    }
    await queryRunner.query(`
      CREATE TABLE "agreement_transitions" (
        "id" bigserial NOT NULL,
        "agreement_id" uuid NOT NULL,
        "from_state" text,
        "to_state" text NOT NULL,
        "event" text NOT NULL,
        "version" integer NOT NULL,
        "actor_id" uuid,
        "comment" text,
        "at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_agreement_transitions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agreement_transitions_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_agreement_transitions_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_agreement_transitions_agreement" ON "agreement_transitions" ("agreement_id", "id")`);
    await queryRunner.query(`
      CREATE TABLE "approval_tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agreement_id" uuid NOT NULL,
        "agreement_version" integer NOT NULL,
        "workflow_definition_id" uuid NOT NULL,
        "round" integer NOT NULL,
        "step_index" integer NOT NULL,
        "step_key" text NOT NULL,
        "step_name" text NOT NULL,
        "assignee_ids" uuid[] NOT NULL,
        "escalated_to_ids" uuid[] NOT NULL DEFAULT '{}',
        "status" text NOT NULL DEFAULT 'pending',
        "due_at" timestamptz NOT NULL,
        "remind_at" timestamptz,
        "reminded_at" timestamptz,
        "escalated_at" timestamptz,
        "decision" text,
        "decided_by_id" uuid,
        "comment" text,
        "decided_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_approval_tasks" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_approval_tasks_step" UNIQUE ("agreement_id", "round", "step_index"),
        CONSTRAINT "FK_approval_tasks_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_approval_tasks_workflow" FOREIGN KEY ("workflow_definition_id") REFERENCES "workflow_definitions"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_approval_tasks_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_approval_tasks_status" CHECK ("status" IN ('pending', 'decided', 'cancelled')),
        CONSTRAINT "CHK_approval_tasks_decision" CHECK ("decision" IS NULL OR "decision" IN ('approve', 'reject', 'request_changes'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_approval_tasks_one_pending" ON "approval_tasks" ("agreement_id") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_approval_tasks_assignees" ON "approval_tasks" USING GIN ("assignee_ids") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_approval_tasks_due" ON "approval_tasks" ("due_at") WHERE "status" = 'pending'`);
    // Transactional outbox: a row is written with the change it announces; a relay turns it into a job.
    await queryRunner.query(`
      CREATE TABLE "outbox" (
        "id" bigserial NOT NULL,
        "topic" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz,
        "processed_at" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        CONSTRAINT "PK_outbox" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_outbox_unpublished" ON "outbox" ("id") WHERE "published_at" IS NULL`);
    await queryRunner.query(`
      CREATE TABLE "notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "params" jsonb NOT NULL DEFAULT '{}',
        "link" text,
        "dedupe_key" text,
        "read_at" timestamptz,
        "emailed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "FK_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_notifications_user" ON "notifications" ("user_id", "created_at" DESC)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notifications_dedupe" ON "notifications" ("user_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'outbox', 'approval_tasks', 'agreement_transitions', 'agreement_signatures', 'agreement_comments', 'agreement_datasets', 'agreement_versions', 'agreements', 'workflow_definitions']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "convenio_immutable_row"()`);
    await queryRunner.query(`DROP SEQUENCE "agreement_reference_seq"`);
  }
}
