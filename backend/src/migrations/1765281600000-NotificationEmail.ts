import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail delivery of notifications: attempts and last error, and an index of what is still to send. */
export class NotificationEmail1765281600000 implements MigrationInterface {
  name = 'NotificationEmail1765281600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD COLUMN "email_attempts" integer NOT NULL DEFAULT 0, ADD COLUMN "email_error" text`);
    await queryRunner.query(`CREATE INDEX "IDX_notifications_email_pending" ON "notifications" ("created_at") WHERE "emailed_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notifications_email_pending"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "email_error", DROP COLUMN "email_attempts"`);
  }
}
