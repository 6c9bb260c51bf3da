import type { MigrationInterface, QueryRunner } from "typeorm";

const TASK_NOTES = `'TASK_COMPLETED', 'TASK_CANCELLED'`;

// Issue 13 §2: the officer's words on a history row (a task completed by hand or cancelled, a referral
// that is not a duplicate) are personal data. The history is append-only and readable by analysts, so
// they move to their own table, which can be sealed, gated and erased; the history keeps the event
// (and `notDuplicate: true`). The moved text is still plain here: SQL cannot seal it (the key is the
// application's), so the service seals it when it starts (plaintext-sealing.ts), before any request.
export class CaseTransitionNotes1766900000000 implements MigrationInterface {
  name = "CaseTransitionNotes1766900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_transition_note" ("transition_id" uuid NOT NULL, "case_id" uuid NOT NULL, "note" text, "erased_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_dc822e7e89cefc83c3951166f27" PRIMARY KEY ("transition_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_case_transition_note_case" ON "case_transition_note" ("case_id")`);
    await queryRunner.query(
      `ALTER TABLE "case_transition_note" ADD CONSTRAINT "FK_dc822e7e89cefc83c3951166f27" FOREIGN KEY ("transition_id") REFERENCES "case_transition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_transition_note" ADD CONSTRAINT "FK_c4c216806a1cc7c57fb91c2e504" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The service writes notes, seals and erases them (UPDATE), and never deletes one.
    await queryRunner.query(`REVOKE DELETE ON "case_transition_note" FROM "vcs_runtime"`);

    await queryRunner.query(
      `INSERT INTO "case_transition_note" ("transition_id", "case_id", "note")
       SELECT "id", "case_id", "reason" FROM "case_transition" WHERE "event" IN (${TASK_NOTES}) AND "reason" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "case_transition_note" ("transition_id", "case_id", "note")
       SELECT "id", "case_id", "payload"->>'notDuplicateReason' FROM "case_transition" WHERE "event" = 'REFERRED' AND "payload" ? 'notDuplicateReason'`,
    );
    // Only the owner, here, may rewrite history rows; live updates need not hear of it.
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(
      `UPDATE "case_transition" SET "reason" = NULL WHERE "event" IN (${TASK_NOTES}) AND "reason" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "case_transition" SET "payload" = ("payload" - 'notDuplicateReason') || '{"notDuplicate": true}'::jsonb
        WHERE "event" = 'REFERRED' AND "payload" ? 'notDuplicateReason'`,
    );
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "case_transition_append_only"`);
  }

  // The notes go back where they were, sealed as they now are (SQL cannot unseal them); erased ones stay erased.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(
      `UPDATE "case_transition" t SET "reason" = n."note" FROM "case_transition_note" n
        WHERE n."transition_id" = t."id" AND t."event" IN (${TASK_NOTES})`,
    );
    await queryRunner.query(
      `UPDATE "case_transition" t
          SET "payload" = (t."payload" - 'notDuplicate') || jsonb_build_object('notDuplicateReason', COALESCE(n."note", ''))
         FROM "case_transition_note" n
        WHERE n."transition_id" = t."id" AND t."event" = 'REFERRED'`,
    );
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(`DROP TABLE "case_transition_note"`);
  }
}
