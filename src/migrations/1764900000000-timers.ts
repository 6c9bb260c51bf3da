import type { MigrationInterface, QueryRunner } from "typeorm";

// Durable timers: deadlines as rows, fired once by the timer runner.
export class Timers1764900000000 implements MigrationInterface {
  name = "Timers1764900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "timer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "subject_id" uuid NOT NULL, "due_on" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "fired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_timer_status" CHECK ("status" IN ('PENDING', 'FIRED', 'SKIPPED')), CONSTRAINT "chk_timer_kind" CHECK ("kind" IN ('INVITATION_EXPIRY', 'ANNUAL_LETTER', 'ACKNOWLEDGEMENT_DUE')), CONSTRAINT "PK_b476163e854c74bff55b29d320a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_timer" ON "timer"  ("kind", "subject_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "idx_timer_due" ON "timer"  ("status", "due_on") `);
    await queryRunner.query(`ALTER TABLE "timer" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "timer" ADD "not_before" date`);
    // Plans agreed before timers existed get their next anniversary.
    await queryRunner.query(`INSERT INTO "timer" ("kind", "subject_id", "due_on")
      SELECT 'ANNUAL_LETTER', p."case_id", (p."agreed_on" + make_interval(years => (EXTRACT(YEAR FROM age(CURRENT_DATE, p."agreed_on"))::int + 1)))::date
      FROM "contact_plan" p JOIN "victim_case" c ON c."id" = p."case_id"
      WHERE c."status" <> 'CLOSED' AND p."information_level" IN ('ANNUAL_LETTER', 'KEY_STAGES')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "timer" DROP COLUMN "not_before"`);
    await queryRunner.query(`ALTER TABLE "timer" DROP COLUMN "attempts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_timer_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_timer"`);
    await queryRunner.query(`DROP TABLE "timer"`);
  }
}
