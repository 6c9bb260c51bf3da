import type { MigrationInterface, QueryRunner } from "typeorm";

// A victim is told the decision on a licence condition they asked for (LICENCE_CONDITION_DECISION).
export class LicenceConditionDecision1765700000000 implements MigrationInterface {
  name = "LicenceConditionDecision1765700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }
}
