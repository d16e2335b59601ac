import type { MigrationInterface, QueryRunner } from 'typeorm';

/** At most one open data request per need and addressed organization, even when two requests race. */
export class DataRequestOpenUnique1765022400000 implements MigrationInterface {
  name = 'DataRequestOpenUnique1765022400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_data_requests_open_need_org" ON "data_requests" ("need_id", "addressed_organization_id") WHERE "status" = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_data_requests_open_need_org"`);
  }
}
