import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAudit1764417600000 implements MigrationInterface {
  name = 'IdentityAndAudit1764417600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "rfc_warning" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_name" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_email" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_phone" text`);

    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "full_name" text NOT NULL,
        "organization_id" uuid NOT NULL,
        "roles" text[] NOT NULL,
        "password_hash" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "last_login_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_users_email" UNIQUE ("email"),
        CONSTRAINT "FK_users_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_users_organization" ON "users" ("organization_id")`);

    await queryRunner.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "family_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "revoked_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "FK_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens" ("family_id")`);

    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" text NOT NULL,
        "organization_id" uuid NOT NULL,
        "created_by_id" uuid NOT NULL,
        "permissions" jsonb NOT NULL,
        "expires_at" timestamptz,
        "revoked_at" timestamptz,
        "last_used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_api_keys_prefix" UNIQUE ("prefix"),
        CONSTRAINT "FK_api_keys_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_api_keys_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_api_keys_organization" ON "api_keys" ("organization_id")`);

    await queryRunner.query(`
      CREATE TABLE "audit_entries" (
        "id" bigint NOT NULL,
        "at" timestamptz NOT NULL,
        "actor_id" uuid,
        "actor_label" text,
        "organization_id" uuid,
        "action" text NOT NULL,
        "subject_type" text NOT NULL,
        "subject_id" text,
        "before" jsonb,
        "after" jsonb,
        "request_id" text,
        "prev_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL,
        CONSTRAINT "PK_audit_entries" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE SEQUENCE "audit_entries_id_seq" OWNED BY "audit_entries"."id"`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_entries_subject" ON "audit_entries" ("subject_type", "subject_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_entries_actor" ON "audit_entries" ("actor_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_entries_organization_at" ON "audit_entries" ("organization_id", "at")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_entries_at" ON "audit_entries" ("at")`);
    await queryRunner.query(`
      CREATE TABLE "audit_chain_head" (
        "singleton" boolean NOT NULL DEFAULT true,
        "last_id" bigint NOT NULL,
        "last_hash" char(64) NOT NULL,
        CONSTRAINT "PK_audit_chain_head" PRIMARY KEY ("singleton"),
        CONSTRAINT "CHK_audit_chain_head_singleton" CHECK ("singleton")
      )`);
    // Append-only: the application can insert audit entries but never change or delete them.
    await queryRunner.query(`
      CREATE FUNCTION "audit_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_entries_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION "audit_entries_append_only"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "audit_entries_append_only"()`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
    for (const column of ['contact_phone', 'contact_email', 'contact_name', 'rfc_warning']) {
      await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "${column}"`);
    }
  }
}
