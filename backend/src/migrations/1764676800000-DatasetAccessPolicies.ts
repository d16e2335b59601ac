import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetAccessPolicies1764676800000 implements MigrationInterface {
  name = 'DatasetAccessPolicies1764676800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dataset_access_policies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "dataset_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "policy" jsonb NOT NULL,
        "rules" jsonb NOT NULL,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dataset_access_policies" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_dataset_access_policies_version" UNIQUE ("dataset_id", "version"),
        CONSTRAINT "FK_dataset_access_policies_dataset" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_dataset_access_policies_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dataset_access_policies_created_at" ON "dataset_access_policies" ("created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dataset_access_policies"`);
  }
}
