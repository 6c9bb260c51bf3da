import type { MigrationInterface, QueryRunner } from "typeorm";

// A Parole Board release direction is not a release (Parole Board Rules 2019 r.25, r.28): the
// offender waits in RELEASE_DIRECTED until the feed records the release, and victims hear of an
// application to reconsider the direction and of its outcome (PAROLE_RECONSIDERATION).
export class ReleaseDirected1765300000000 implements MigrationInterface {
  name = "ReleaseDirected1765300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offender" DROP CONSTRAINT "chk_offender_custody_phase"`);
    await queryRunner.query(`ALTER TABLE "offender" ADD CONSTRAINT "chk_offender_custody_phase" CHECK ("custody_phase" IN ('IN_CUSTODY', 'PAROLE_REVIEW', 'RELEASE_DIRECTED', 'RELEASED', 'RECALLED', 'UNLAWFULLY_AT_LARGE', 'SENTENCE_ENDED', 'DECEASED', 'REMOVED_FROM_UK'))`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
    await queryRunner.query(`ALTER TABLE "offender" DROP CONSTRAINT "chk_offender_custody_phase"`);
    await queryRunner.query(`ALTER TABLE "offender" ADD CONSTRAINT "chk_offender_custody_phase" CHECK ("custody_phase" IN ('IN_CUSTODY', 'PAROLE_REVIEW', 'RELEASED', 'RECALLED', 'UNLAWFULLY_AT_LARGE', 'SENTENCE_ENDED', 'DECEASED', 'REMOVED_FROM_UK'))`);
  }
}
