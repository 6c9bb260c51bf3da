import type { MigrationInterface, QueryRunner } from "typeorm";

// Each case history row keeps the day its change took effect beside the moment it was recorded:
// a backdated referral, a custody event the feed reports days late, a timer that fired after its
// day. Older rows take it from what they recorded: the referral date, the custody event written in
// the same transaction (same type, same transaction time), the expiry timer fired with it, and
// otherwise the London day of the recording. The append-only and live-update triggers are held
// off for this one backfill of a new column: no recorded value changes and no case is announced.
export class CaseTransitionEffectiveOn1766200000000 implements MigrationInterface {
  name = "CaseTransitionEffectiveOn1766200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_transition" ADD "effective_on" date`);
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(`UPDATE "case_transition" SET "effective_on" = ("payload"->>'referredOn')::date
      WHERE "event" = 'REFERRED' AND "payload"->>'referredOn' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`);
    await queryRunner.query(`UPDATE "case_transition" t SET "effective_on" = e."occurred_on"
      FROM "victim_case" c JOIN "custody_event" e ON e."offender_id" = c."offender_id"
      WHERE t."effective_on" IS NULL AND t."event" = 'CUSTODY_CHANGED' AND c."id" = t."case_id" AND e."type" = t."reason" AND e."recorded_at" = t."occurred_at"`);
    await queryRunner.query(`UPDATE "case_transition" t SET "effective_on" = x."due_on"
      FROM "timer" x
      WHERE t."effective_on" IS NULL AND t."event" = 'INVITATION_EXPIRED' AND x."kind" = 'INVITATION_EXPIRY' AND x."subject_id" = t."case_id" AND x."fired_at" = t."occurred_at"`);
    await queryRunner.query(`UPDATE "case_transition" SET "effective_on" = ("occurred_at" AT TIME ZONE 'Europe/London')::date WHERE "effective_on" IS NULL`);
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "live_case_transition"`);
    await queryRunner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "case_transition_append_only"`);
    await queryRunner.query(`ALTER TABLE "case_transition" ALTER COLUMN "effective_on" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_transition" DROP COLUMN "effective_on"`);
  }
}
