import type { MigrationInterface, QueryRunner } from "typeorm";

// An offender removed from the UK who comes back is detained again, and the cases the removal
// closed reopen: the victim is told (RETURNED_TO_UK).
export class ReturnedToUk1765900000000 implements MigrationInterface {
  name = "ReturnedToUk1765900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'RELEASE_MONTH_FINAL_CONFIRMATION', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'RETURNED_TO_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'RELEASE_MONTH_FINAL_CONFIRMATION', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }
}
