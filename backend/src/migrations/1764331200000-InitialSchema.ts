import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764331200000 implements MigrationInterface {
  name = 'InitialSchema1764331200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "organizations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "sector" text NOT NULL,
        "rfc" text,
        "state_code" char(2),
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organizations" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_organizations_sector" CHECK ("sector" IN ('public', 'private', 'social', 'academic'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_organizations_rfc" ON "organizations" ("rfc") WHERE "rfc" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
