import type { MigrationInterface, QueryRunner } from "typeorm";

// The officer's task to ask the victim's views when the offender is being considered for open
// conditions, temporary release or a curfew (Victims' Code right 11).
export class SeekVictimViews1765500000000 implements MigrationInterface {
  name = "SeekVictimViews1765500000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "chk_task_kind"`);
    await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "chk_task_kind" CHECK ("kind" IN ('FIRST_CONTACT', 'INVITATION_FOLLOW_UP', 'PERSONAL_STATEMENT', 'CONTACT_VICTIM_DIRECTLY', 'SEEK_VICTIM_VIEWS'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "chk_task_kind"`);
    await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "chk_task_kind" CHECK ("kind" IN ('FIRST_CONTACT', 'INVITATION_FOLLOW_UP', 'PERSONAL_STATEMENT', 'CONTACT_VICTIM_DIRECTLY'))`);
  }
}
