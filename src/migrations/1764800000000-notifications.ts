import type { MigrationInterface, QueryRunner } from "typeorm";

// Notifications owed to victims: the outbox written with the events that cause them.
export class Notifications1764800000000 implements MigrationInterface {
  name = "Notifications1764800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "channel" character varying(16) NOT NULL, "urgent" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL, "due_on" date NOT NULL, "trigger_id" uuid NOT NULL, "facts" jsonb NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "sent_on" date, "acknowledged_on" date, "escalated_on" date, "last_failure" character varying(32), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_notification_channel" CHECK ("channel" IN ('LETTER', 'PHONE', 'EMAIL')), CONSTRAINT "chk_notification_status" CHECK ("status" IN ('DUE', 'SENT', 'ACKNOWLEDGED', 'FAILED', 'ESCALATED', 'CANCELLED')), CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('RELEASE_MONTH_CHANGED', 'OPEN_CONDITIONS', 'TEMPORARY_RELEASE', 'PAROLE_REFERRAL', 'PAROLE_DECISION', 'RELEASE', 'RECALL', 'LICENCE_END', 'UNLAWFULLY_AT_LARGE', 'RETURNED_TO_CUSTODY', 'REMOVED_FROM_UK', 'OFFENDER_DIED', 'ANNUAL_LETTER')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_trigger" ON "notification"  ("case_id", "trigger_id", "kind") `);
    await queryRunner.query(`CREATE INDEX "idx_notification_open" ON "notification"  ("status", "due_on") `);
    await queryRunner.query(`CREATE INDEX "idx_notification_case" ON "notification"  ("case_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_ac5f81d86d3eeb07664b674f794" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "notify_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "dispatch_attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "next_dispatch_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "next_dispatch_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "dispatch_attempts"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "notify_id"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_ac5f81d86d3eeb07664b674f794"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_open"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_trigger"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
