import type { MigrationInterface, QueryRunner } from "typeorm";

// Reading GOV.UK Notify's delivery status back: when to ask next, how often asked, when delivered.
// Notifications sent before this are not asked about: their acknowledgement timers still run.
export class NotifyDeliveryStatus1765200000000 implements MigrationInterface {
  name = "NotifyDeliveryStatus1765200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "next_status_check_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "status_checks" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "delivered_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_notification_status_check" ON "notification"  ("next_status_check_at") WHERE "next_status_check_at" IS NOT NULL`);
    // Announce only what officers see (status, version, deliveredAt): the sender's leases and the
    // checks' own bookkeeping change no one's page or queue.
    await queryRunner.query(`DROP TRIGGER "live_notification" ON "notification"`);
    await queryRunner.query(`CREATE TRIGGER "live_notification" AFTER INSERT OR DELETE OR UPDATE OF "status", "version", "delivered_at" ON "notification" FOR EACH ROW EXECUTE FUNCTION "vcs_live_case_row"('true')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "live_notification" ON "notification"`);
    await queryRunner.query(`CREATE TRIGGER "live_notification" AFTER INSERT OR UPDATE OR DELETE ON "notification" FOR EACH ROW EXECUTE FUNCTION "vcs_live_case_row"('true')`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_status_check"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "delivered_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "status_checks"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "next_status_check_at"`);
  }
}
