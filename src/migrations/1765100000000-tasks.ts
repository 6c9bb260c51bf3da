import type { MigrationInterface, QueryRunner } from "typeorm";

// A migration is history: the values and helpers this back-fill used when it was written are
// copied here, so a later change to the live code cannot change what it does. (The invitation
// timings were the defaults, 15 and 20 working days.)
const FIRST_CONTACT_WORKING_DAYS = 20;
const INVITATION_FOLLOW_UP_WORKING_DAYS = 15;
const INVITATION_EXPIRY_WORKING_DAYS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
const BANK_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2018
  "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26",
  // 2019
  "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
  // 2020: early May moved to Friday 8 May (VE Day 75); Boxing Day substitute Mon 28 Dec
  "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
  // 2021: Christmas and Boxing Day (Sat, Sun) substituted on Mon 27 and Tue 28 Dec
  "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
  // 2022: New Year substitute Mon 3 Jan; spring bank holiday moved to Thu 2 Jun, Platinum Jubilee
  // Fri 3 Jun; state funeral of Queen Elizabeth II Mon 19 Sep; Christmas substitute Tue 27 Dec
  "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
  "2022-12-26", "2022-12-27",
  // 2023: New Year substitute Mon 2 Jan; coronation of King Charles III Mon 8 May
  "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
  "2023-12-26",
  // 2024
  "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
  // 2025
  "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
  // 2026: Boxing Day substitute Mon 28 Dec
  "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
  // 2027: Christmas and Boxing Day substituted on Mon 27 and Tue 28 Dec
  "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
  // 2028: New Year substitute Mon 3 Jan
  "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
  // 2029
  "2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26",
  // 2030
  "2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26",

]);

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function addWorkingDays(isoDate: string, days: number): string {
  let time = Date.parse(`${isoDate}T00:00:00Z`);
  for (let counted = 0; counted < days; ) {
    time += DAY_MS;
    const day = new Date(time).toISOString().slice(0, 10);
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !BANK_HOLIDAYS.has(day)) counted += 1;
  }
  return new Date(time).toISOString().slice(0, 10);
}

function invitationFollowUpOn(firstInvitationOn: string): string {
  return addWorkingDays(firstInvitationOn, INVITATION_FOLLOW_UP_WORKING_DAYS);
}

function invitationExpiresOn(firstInvitationOn: string): string {
  return addWorkingDays(invitationFollowUpOn(firstInvitationOn), INVITATION_EXPIRY_WORKING_DAYS);
}

// Officer tasks, listed on the work queue with notifications, and the timers that raise them.
// Working days need the bank-holiday list, so the back-filled dates are counted here in code.
export class Tasks1765100000000 implements MigrationInterface {
  name = "Tasks1765100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "subject_id" uuid NOT NULL, "due_on" date NOT NULL, "status" character varying(16) NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" character varying(200), "closed_reason" character varying(64), CONSTRAINT "chk_task_status" CHECK ("status" IN ('OPEN', 'DONE', 'CANCELLED')), CONSTRAINT "chk_task_kind" CHECK ("kind" IN ('FIRST_CONTACT', 'INVITATION_FOLLOW_UP', 'PERSONAL_STATEMENT', 'CONTACT_VICTIM_DIRECTLY')), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_task_case" ON "task"  ("case_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "idx_task_open" ON "task"  ("status", "due_on") `);
    // One task per occurrence open or done; a cancelled one may be raised afresh (a victim back in the scheme).
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_task_subject" ON "task"  ("case_id", "kind", "subject_id") WHERE "status" <> 'CANCELLED'`);
    await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_1eef56ced1b553720ad0e936be5" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // TypeORM does not see a check constraint's expression change: the new timer kinds by hand.
    await queryRunner.query(`ALTER TABLE "timer" DROP CONSTRAINT "chk_timer_kind"`);
    await queryRunner.query(`ALTER TABLE "timer" ADD CONSTRAINT "chk_timer_kind" CHECK ("kind" IN ('INVITATION_EXPIRY', 'ANNUAL_LETTER', 'ACKNOWLEDGEMENT_DUE', 'INVITATION_FOLLOW_UP', 'VICTIM_COMES_OF_AGE'))`);
    await this.backFill(queryRunner);
    // Tasks are work-queue items: their changes are announced to live-update subscribers (1765000000000).
    await queryRunner.query(`CREATE TRIGGER "live_task" AFTER INSERT OR DELETE OR UPDATE OF "status", "version", "due_on" ON "task" FOR EACH ROW EXECUTE FUNCTION "vcs_live_case_row"('true')`);
  }

  private async backFill(queryRunner: QueryRunner): Promise<void> {
    // Cases still waiting for their first contact get the task, due 20 working days after referral.
    const referred = (await queryRunner.query(`SELECT "id", "referred_on"::text AS "referred_on" FROM "victim_case" WHERE "status" = 'REFERRED'`)) as { id: string; referred_on: string }[];
    await queryRunner.query(
      `INSERT INTO "task" ("case_id", "kind", "subject_id", "due_on", "status") SELECT x."id", 'FIRST_CONTACT', x."id", x."due_on", 'OPEN' FROM unnest($1::uuid[], $2::date[]) AS x("id", "due_on")
       ON CONFLICT ("case_id", "kind", "subject_id") WHERE "status" <> 'CANCELLED' DO NOTHING`,
      [referred.map((row) => row.id), referred.map((row) => addWorkingDays(row.referred_on, FIRST_CONTACT_WORKING_DAYS))],
    );

    // Cases invited before timers existed have no expiry timer, and none has a follow-up timer:
    // both from the first invitation's day (in England), as a new invitation sets them. A day
    // already past fires at the next run.
    const invited = (await queryRunner.query(
      `SELECT c."id", COALESCE((c."context"->>'invitationsSent')::int, 1) AS "invitations",
              (SELECT (t."occurred_at" AT TIME ZONE 'Europe/London')::date::text FROM "case_transition" t WHERE t."case_id" = c."id" AND t."event" = 'SEND_INVITATION' ORDER BY t."sequence" LIMIT 1) AS "invited_on",
              EXISTS (SELECT 1 FROM "timer" m WHERE m."kind" = 'INVITATION_EXPIRY' AND m."subject_id" = c."id") AS "has_expiry"
         FROM "victim_case" c WHERE c."status" = 'INVITED'`,
    )) as { id: string; invitations: number; invited_on: string | null; has_expiry: boolean }[];
    const timers: { kind: string; subjectId: string; dueOn: string }[] = [];
    for (const row of invited) {
      if (!row.invited_on) continue;
      if (!row.has_expiry) timers.push({ kind: "INVITATION_EXPIRY", subjectId: row.id, dueOn: addDays(invitationExpiresOn(row.invited_on), 1) });
      if (row.invitations <= 1) timers.push({ kind: "INVITATION_FOLLOW_UP", subjectId: row.id, dueOn: invitationFollowUpOn(row.invited_on) });
    }
    await queryRunner.query(
      `INSERT INTO "timer" ("kind", "subject_id", "due_on") SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::date[]) ON CONFLICT ("kind", "subject_id", "due_on") DO NOTHING`,
      [timers.map((timer) => timer.kind), timers.map((timer) => timer.subjectId), timers.map((timer) => timer.dueOn)],
    );

    // Statements invited and not yet sent, for a review with a hearing and no decision, from a victim still in the scheme.
    await queryRunner.query(`INSERT INTO "task" ("case_id", "kind", "subject_id", "due_on", "status")
      SELECT s."case_id", 'PERSONAL_STATEMENT', s."parole_review_id", r."target_hearing_date" - 28, 'OPEN'
        FROM "victim_personal_statement" s
        JOIN "parole_review" r ON r."id" = s."parole_review_id"
        JOIN "victim_case" c ON c."id" = s."case_id"
       WHERE s."status" = 'INVITED' AND r."target_hearing_date" IS NOT NULL AND r."status" IN ('REFERRED', 'HEARING_SCHEDULED')
         AND c."status" IN ('OPTED_IN', 'ACTIVE', 'PAROLE', 'RELEASED', 'RECALLED')
      ON CONFLICT ("case_id", "kind", "subject_id") WHERE "status" <> 'CANCELLED' DO NOTHING`);
    // No child victim needs a coming-of-age timer: until now a case had only its referred contact.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "live_task" ON "task"`);
    await queryRunner.query(`DELETE FROM "timer" WHERE "kind" IN ('INVITATION_FOLLOW_UP', 'VICTIM_COMES_OF_AGE')`);
    await queryRunner.query(`ALTER TABLE "timer" DROP CONSTRAINT "chk_timer_kind"`);
    await queryRunner.query(`ALTER TABLE "timer" ADD CONSTRAINT "chk_timer_kind" CHECK ("kind" IN ('INVITATION_EXPIRY', 'ANNUAL_LETTER', 'ACKNOWLEDGEMENT_DUE'))`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_1eef56ced1b553720ad0e936be5"`);
    await queryRunner.query(`DROP INDEX "public"."uq_task_subject"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_open"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_case"`);
    await queryRunner.query(`DROP TABLE "task"`);
  }
}
