import type { MigrationInterface, QueryRunner } from "typeorm";

// Indexes for the caseload (issue 12 §4): a case's open work by due date (its next due date), the
// orders a caseload is read in, an officer's cases, and offenders by the words of their name.
export class CaseloadIndexes1766300000000 implements MigrationInterface {
  name = "CaseloadIndexes1766300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_task_case_open" ON "task" ("case_id", "due_on") WHERE "status" = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_case_open" ON "notification" ("case_id", "due_on") WHERE "status" IN ('DUE', 'FAILED', 'ESCALATED')`,
    );
    await queryRunner.query(`CREATE INDEX "idx_victim_case_officer" ON "victim_case" ("officer_id", "reference")`);
    await queryRunner.query(`CREATE INDEX "idx_victim_case_region_reference" ON "victim_case" ("region", "reference")`);
    await queryRunner.query(`CREATE INDEX "idx_victim_case_referred_on" ON "victim_case" ("referred_on", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_victim_case_updated_at" ON "victim_case" ("updated_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "idx_offender_name_words" ON "offender" USING gin (regexp_split_to_array(lower(translate("name", '''’\`', '')), '[^a-z0-9]+'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_offender_name_words"`);
    await queryRunner.query(`DROP INDEX "idx_victim_case_updated_at"`);
    await queryRunner.query(`DROP INDEX "idx_victim_case_referred_on"`);
    await queryRunner.query(`DROP INDEX "idx_victim_case_region_reference"`);
    await queryRunner.query(`DROP INDEX "idx_victim_case_officer"`);
    await queryRunner.query(`DROP INDEX "idx_notification_case_open"`);
    await queryRunner.query(`DROP INDEX "idx_task_case_open"`);
  }
}
