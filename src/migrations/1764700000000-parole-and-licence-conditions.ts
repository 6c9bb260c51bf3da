import type { MigrationInterface, QueryRunner } from "typeorm";

// Parole reviews, victims' personal statements and requests around them, and licence-condition requests.
export class ParoleAndLicenceConditions1764700000000 implements MigrationInterface {
  name = "ParoleAndLicenceConditions1764700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "licence_condition_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "description" text, "decision_point" character varying(32) NOT NULL, "parole_review_id" uuid, "decision_maker" character varying(32) NOT NULL, "status" character varying(32) NOT NULL, "requested_on" date NOT NULL, "forwarded_on" date, "decided_on" date, "reason_not_adopted" text, "ends_on" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_lcr_decision_maker" CHECK ("decision_maker" IN ('PRISON_GOVERNOR', 'PAROLE_BOARD')), CONSTRAINT "chk_lcr_decision_point" CHECK ("decision_point" IN ('LICENCE_RELEASE', 'PAROLE_REVIEW')), CONSTRAINT "chk_lcr_status" CHECK ("status" IN ('REQUESTED', 'FORWARDED', 'ADOPTED', 'NOT_ADOPTED', 'WITHDRAWN')), CONSTRAINT "chk_lcr_kind" CHECK ("kind" IN ('NO_CONTACT', 'EXCLUSION_ZONE', 'NON_ASSOCIATION', 'OTHER')), CONSTRAINT "PK_3b282324ecddd3df50ae29da414" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_lcr_case" ON "licence_condition_request"  ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "parole_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "parole_review_id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "requested_on" date NOT NULL, "actor" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_parole_request_kind" CHECK ("kind" IN ('OBSERVE_HEARING', 'PUBLIC_HEARING', 'RECONSIDERATION', 'DECISION_SUMMARY')), CONSTRAINT "PK_4d8d5482bc7912b1f71c2d1cb92" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_parole_request_case" ON "parole_request"  ("case_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_parole_request" ON "parole_request"  ("parole_review_id", "case_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "parole_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "offender_id" uuid NOT NULL, "status" character varying(32) NOT NULL, "sentence_type" character varying(32) NOT NULL, "referred_on" date NOT NULL, "target_hearing_date" date, "hearing_type" character varying(16), "outcome" character varying(32), "decision_issued_on" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_parole_review_outcome" CHECK ("outcome" IS NULL OR "outcome" IN ('RELEASE', 'NO_RELEASE', 'OPEN_CONDITIONS_RECOMMENDED')), CONSTRAINT "chk_parole_review_hearing_type" CHECK ("hearing_type" IS NULL OR "hearing_type" IN ('PAPER', 'ORAL', 'PUBLIC')), CONSTRAINT "chk_parole_review_status" CHECK ("status" IN ('REFERRED', 'HEARING_SCHEDULED', 'DECIDED', 'ENDED')), CONSTRAINT "PK_da563366bc317bb39386045f5ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_parole_review_open" ON "parole_review"  ("offender_id") WHERE "status" IN ('REFERRED', 'HEARING_SCHEDULED')`);
    await queryRunner.query(`CREATE INDEX "idx_parole_review_offender" ON "parole_review"  ("offender_id", "referred_on") `);
    await queryRunner.query(`CREATE TABLE "victim_personal_statement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "parole_review_id" uuid NOT NULL, "case_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "invited_on" date, "submitted_on" date, "format" character varying(32), "text" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_vps_format" CHECK ("format" IS NULL OR "format" IN ('READ_BY_PANEL', 'READ_BY_VICTIM', 'READ_BY_SOMEONE_ELSE', 'RECORDED')), CONSTRAINT "chk_vps_status" CHECK ("status" IN ('INVITED', 'SUBMITTED')), CONSTRAINT "PK_43be8095ce9e99dfe769a35ef08" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_vps_case" ON "victim_personal_statement"  ("case_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_vps_review_case" ON "victim_personal_statement"  ("parole_review_id", "case_id") `);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" ADD CONSTRAINT "FK_b807fe1117d457bfafa3231fce0" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" ADD CONSTRAINT "FK_7cb91ed8e2f9f8128aa1058cee2" FOREIGN KEY ("parole_review_id") REFERENCES "parole_review"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "parole_request" ADD CONSTRAINT "FK_cfffb43573bf0c3eda298c1b4be" FOREIGN KEY ("parole_review_id") REFERENCES "parole_review"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "parole_request" ADD CONSTRAINT "FK_6832830e37974b74d93e4eba750" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "parole_review" ADD CONSTRAINT "FK_1a6b7a9e0a458dc0d31ece56394" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "victim_personal_statement" ADD CONSTRAINT "FK_441eb9dc5d18d99efc4301aa984" FOREIGN KEY ("parole_review_id") REFERENCES "parole_review"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "victim_personal_statement" ADD CONSTRAINT "FK_4f971f5c10095099222b92897f0" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Offenders already under review when this ran get their open review, referred when the custody event says.
    await queryRunner.query(`INSERT INTO "parole_review" ("offender_id", "status", "sentence_type", "referred_on")
      SELECT o."id", 'REFERRED', s."type", COALESCE((SELECT MAX(e."occurred_on") FROM "custody_event" e WHERE e."offender_id" = o."id" AND e."type" = 'REFERRED_TO_PAROLE_BOARD'), o."updated_at"::date)
      FROM "offender" o JOIN "sentence" s ON s."offender_id" = o."id" WHERE o."custody_phase" = 'PAROLE_REVIEW'`);
    // Decisions of the last six months get their decided review, so a victim's reconsideration or
    // summary request that is still in time can be recorded.
    await queryRunner.query(`INSERT INTO "parole_review" ("offender_id", "status", "sentence_type", "referred_on", "outcome", "decision_issued_on")
      SELECT e."offender_id", 'DECIDED', s."type",
        COALESCE((SELECT MAX(r."occurred_on") FROM "custody_event" r WHERE r."offender_id" = e."offender_id" AND r."type" = 'REFERRED_TO_PAROLE_BOARD' AND r."sequence" < e."sequence"), e."occurred_on"),
        e."details"->>'outcome', e."occurred_on"
      FROM "custody_event" e JOIN "sentence" s ON s."offender_id" = e."offender_id"
      WHERE e."type" = 'PAROLE_DECISION' AND e."details"->>'outcome' IN ('RELEASE', 'NO_RELEASE', 'OPEN_CONDITIONS_RECOMMENDED') AND e."occurred_on" >= CURRENT_DATE - 183`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "victim_personal_statement" DROP CONSTRAINT "FK_4f971f5c10095099222b92897f0"`);
    await queryRunner.query(`ALTER TABLE "victim_personal_statement" DROP CONSTRAINT "FK_441eb9dc5d18d99efc4301aa984"`);
    await queryRunner.query(`ALTER TABLE "parole_review" DROP CONSTRAINT "FK_1a6b7a9e0a458dc0d31ece56394"`);
    await queryRunner.query(`ALTER TABLE "parole_request" DROP CONSTRAINT "FK_6832830e37974b74d93e4eba750"`);
    await queryRunner.query(`ALTER TABLE "parole_request" DROP CONSTRAINT "FK_cfffb43573bf0c3eda298c1b4be"`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" DROP CONSTRAINT "FK_7cb91ed8e2f9f8128aa1058cee2"`);
    await queryRunner.query(`ALTER TABLE "licence_condition_request" DROP CONSTRAINT "FK_b807fe1117d457bfafa3231fce0"`);
    await queryRunner.query(`DROP INDEX "public"."uq_vps_review_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_vps_case"`);
    await queryRunner.query(`DROP TABLE "victim_personal_statement"`);
    await queryRunner.query(`DROP INDEX "public"."idx_parole_review_offender"`);
    await queryRunner.query(`DROP INDEX "public"."uq_parole_review_open"`);
    await queryRunner.query(`DROP TABLE "parole_review"`);
    await queryRunner.query(`DROP INDEX "public"."uq_parole_request"`);
    await queryRunner.query(`DROP INDEX "public"."idx_parole_request_case"`);
    await queryRunner.query(`DROP TABLE "parole_request"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lcr_case"`);
    await queryRunner.query(`DROP TABLE "licence_condition_request"`);
  }
}
