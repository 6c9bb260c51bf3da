import type { MigrationInterface, QueryRunner } from "typeorm";

// A set lead time before the expected release, a timer sends every victim a final confirmation of
// the month (RELEASE_CONFIRMATION, RELEASE_MONTH_FINAL_CONFIRMATION).
export class ReleaseConfirmation1765800000000 implements MigrationInterface {
  name = "ReleaseConfirmation1765800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "timer" DROP CONSTRAINT "chk_timer_kind"`);
    await queryRunner.query(`ALTER TABLE "timer" ADD CONSTRAINT "chk_timer_kind" CHECK ("kind" IN ('INVITATION_EXPIRY', 'ANNUAL_LETTER', 'ACKNOWLEDGEMENT_DUE', 'INVITATION_FOLLOW_UP', 'VICTIM_COMES_OF_AGE', 'RELEASE_CONFIRMATION'))`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'RELEASE_MONTH_FINAL_CONFIRMATION', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "timer" WHERE "kind" = 'RELEASE_CONFIRMATION'`);
    await queryRunner.query(`ALTER TABLE "timer" DROP CONSTRAINT "chk_timer_kind"`);
    await queryRunner.query(`ALTER TABLE "timer" ADD CONSTRAINT "chk_timer_kind" CHECK ("kind" IN ('INVITATION_EXPIRY', 'ANNUAL_LETTER', 'ACKNOWLEDGEMENT_DUE', 'INVITATION_FOLLOW_UP', 'VICTIM_COMES_OF_AGE'))`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }
}
