import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a job's original upload — the data with its personal identifiers — was deleted (by the
 * retention sweep, or at once by a steward). The anonymized result, the report and the audit stay.
 */
export class AnonymizationInputRetention1766145600000 implements MigrationInterface {
  name = 'AnonymizationInputRetention1766145600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "anonymization_jobs" ADD COLUMN "input_purged_at" timestamptz`);
    await queryRunner.query(`CREATE INDEX "IDX_anonymization_jobs_input_retention" ON "anonymization_jobs" ("finished_at") WHERE "input_purged_at" IS NULL AND "finished_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_anonymization_jobs_input_retention"`);
    await queryRunner.query(`ALTER TABLE "anonymization_jobs" DROP COLUMN "input_purged_at"`);
  }
}
