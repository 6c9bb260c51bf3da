import type { MigrationInterface, QueryRunner } from "typeorm";

// Issue 14 §2: the scheme's statistics over 100k cases read the history (880k rows) whole, and the
// time in each status sorted all of it to pair each status change with the next (2.7 s).
//
// A history row that changes the case's status now keeps the day the case entered the status it
// leaves (from_status_since), so a stay is one row: from from_status_since to effective_on. The
// pipeline writes it with the row; older rows take it here from the status change before them.
// The append-only and live-update triggers are held off for this one backfill of a new column: no
// recorded value changes and no case is announced.
//
// Narrow partial indexes cover what each measure reads, so it scans them instead of the history's
// rows (whose payloads are most of their width): the stays; the funnel's steps (referral,
// invitation, decision, opt-out, closure); the first contact (an invitation, or the FIRST_CONTACT
// task done by hand), the decision and the task's due day; the cases' region and the columns the
// statistics filter by; and the notifications' due day, kind, channel and outcome.
export class StatisticsAtScale1767000000000 implements MigrationInterface {
  name = "StatisticsAtScale1767000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_transition" ADD "from_status_since" date`);
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(
      `UPDATE "case_transition" t SET "from_status_since" = s."since"
         FROM (SELECT "id", lag("effective_on") OVER (PARTITION BY "case_id" ORDER BY "sequence") AS "since"
                 FROM "case_transition" WHERE "from_status" IS DISTINCT FROM "to_status") s
        WHERE t."id" = s."id" AND s."since" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(
      `CREATE INDEX "idx_case_transition_stay" ON "case_transition" ("case_id") INCLUDE ("from_status", "from_status_since", "effective_on")
        WHERE "from_status_since" IS NOT NULL`,
    );
    // How many months the stays began in, so the planner expects a few thousand groups, not one per day.
    await queryRunner.query(
      `CREATE STATISTICS "stat_case_transition_since_month" ON (date_trunc('month', "from_status_since"::timestamp)) FROM "case_transition"`,
    );
    // Each partial index's condition is its statement's own, so PostgreSQL needs nothing else of the row.
    await queryRunner.query(
      `CREATE INDEX "idx_case_transition_funnel" ON "case_transition" ("case_id") INCLUDE ("event", "effective_on", "reason", "from_status", "to_status")
        WHERE "event" IN ('REFERRED', 'SEND_INVITATION', 'RECORD_OPT_IN', 'RECORD_DECLINE', 'INVITATION_EXPIRED', 'RECORD_OPT_OUT')
           OR ("to_status" = 'CLOSED' AND "from_status" <> 'CLOSED')`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_case_transition_first_contact" ON "case_transition" ("case_id") INCLUDE ("event", "effective_on")
        WHERE "event" IN ('SEND_INVITATION', 'RECORD_OPT_IN', 'RECORD_DECLINE', 'INVITATION_EXPIRED')
           OR ("event" = 'TASK_COMPLETED' AND "payload"->>'kind' = 'FIRST_CONTACT')`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_task_first_contact" ON "task" ("case_id") INCLUDE ("due_on") WHERE "kind" = 'FIRST_CONTACT'`,
    );
    // What the statistics filter and group cases by, so they need not read the cases' wide rows.
    await queryRunner.query(
      `CREATE INDEX "idx_victim_case_statistics" ON "victim_case" ("id") INCLUDE ("region", "officer_id", "eligibility_route", "offender_id", "referred_on")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_outcome" ON "notification" ("case_id") INCLUDE ("due_on", "kind", "channel", "status", "sent_on")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_notification_outcome"`);
    await queryRunner.query(`DROP INDEX "idx_victim_case_statistics"`);
    await queryRunner.query(`DROP INDEX "idx_task_first_contact"`);
    await queryRunner.query(`DROP INDEX "idx_case_transition_first_contact"`);
    await queryRunner.query(`DROP INDEX "idx_case_transition_funnel"`);
    await queryRunner.query(`DROP STATISTICS "stat_case_transition_since_month"`);
    await queryRunner.query(`DROP INDEX "idx_case_transition_stay"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DROP COLUMN "from_status_since"`);
  }
}
