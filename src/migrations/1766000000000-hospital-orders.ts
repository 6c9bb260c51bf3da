import type { MigrationInterface, QueryRunner } from "typeorm";

// A restricted hospital order's stages are told (leave, conditional discharge, recall to hospital,
// absolute discharge), and a victim may ask for conditions of the patient's discharge, decided by
// the tribunal or the Secretary of State (DVCVA 2004 ss.36-44).
export class HospitalOrders1766000000000 implements MigrationInterface {
  name = "HospitalOrders1766000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'RELEASE_MONTH_FINAL_CONFIRMATION', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'RETURNED_TO_UK', 'HOSPITAL_LEAVE', 'CONDITIONAL_DISCHARGE', 'RECALL_TO_HOSPITAL', 'ABSOLUTE_DISCHARGE', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" DROP CONSTRAINT "chk_lcr_decision_point"`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" ADD CONSTRAINT "chk_lcr_decision_point" CHECK ("decision_point" IN ('LICENCE_RELEASE', 'PAROLE_REVIEW', 'CONDITIONAL_DISCHARGE'))`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" DROP CONSTRAINT "chk_lcr_decision_maker"`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" ADD CONSTRAINT "chk_lcr_decision_maker" CHECK ("decision_maker" IN ('PRISON_GOVERNOR', 'PAROLE_BOARD', 'DISCHARGE_AUTHORITY'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "licence_condition_request" WHERE "decision_point" = 'CONDITIONAL_DISCHARGE'`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" DROP CONSTRAINT "chk_lcr_decision_maker"`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" ADD CONSTRAINT "chk_lcr_decision_maker" CHECK ("decision_maker" IN ('PRISON_GOVERNOR', 'PAROLE_BOARD'))`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" DROP CONSTRAINT "chk_lcr_decision_point"`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" ADD CONSTRAINT "chk_lcr_decision_point" CHECK ("decision_point" IN ('LICENCE_RELEASE', 'PAROLE_REVIEW'))`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "chk_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'EXPECTED_RELEASE_MONTH', 'RELEASE_MONTH_FINAL_CONFIRMATION', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'PAROLE_RECONSIDERATION', 'LICENCE_CONDITION_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'RETURNED_TO_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER'))`);
  }
}
