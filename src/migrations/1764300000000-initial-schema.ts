import type { MigrationInterface, QueryRunner } from "typeorm";

// Offenders and their sentences, victim cases with their contacts, plans and history, custody
// history and idempotency keys. Generated with scripts/migration-diff.ts against PostgreSQL 15;
// runs unchanged on PGlite.
export class InitialSchema1764300000000 implements MigrationInterface {
  name = "InitialSchema1764300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "name" text NOT NULL, "date_of_birth" text, "address" text, "phone" text, "email" text, "needs" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_82214b763d72506f19a4dfa4f15" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_case_contact_case" ON "case_contact"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "case_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "sequence" integer NOT NULL, "event" character varying(64) NOT NULL, "from_status" character varying(32), "to_status" character varying(32) NOT NULL, "actor" character varying(200) NOT NULL, "reason" text, "payload" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52ec081adb0cb83fcfbb7109fce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_transition_seq" ON "case_transition"  ("case_id", "sequence") `);
    await queryRunner.query(`CREATE TABLE "contact_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "information_level" character varying(32) NOT NULL, "channels" jsonb NOT NULL, "agreed_on" date NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_7b1f645d0cbda2e6e98e9234cc" UNIQUE ("case_id"), CONSTRAINT "PK_28453c8341a75c39be30b69917e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "custody_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "offender_id" uuid NOT NULL, "sequence" integer NOT NULL, "type" character varying(64) NOT NULL, "from_phase" character varying(32) NOT NULL, "to_phase" character varying(32) NOT NULL, "occurred_on" date NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "actor" character varying(200) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_da6996199f63fb40fa47ef3e85d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custody_event_seq" ON "custody_event"  ("offender_id", "sequence") `);
    await queryRunner.query(`CREATE TABLE "idempotency_key" ("key" character varying(200) NOT NULL, "operation" character varying(64) NOT NULL, "request_hash" character(64) NOT NULL, "result" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fc9ce4ebc11d09b2e28198f69b8" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "sentence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "offender_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "sentence_date" date NOT NULL, "length_months" integer, "extension_months" integer, "tariff_months" integer, "remand_days" integer NOT NULL DEFAULT '0', "offence_category" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_250055a6cd78a331a7d80df13e" UNIQUE ("offender_id"), CONSTRAINT "PK_eed8b400064f053f70c004b83e7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "offender" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "prison_number" character varying(7), "crn" character varying(7), "custody_phase" character varying(32) NOT NULL, "custody_context" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_2c1fb6168d420551aeb871f8ce4" UNIQUE ("prison_number"), CONSTRAINT "UQ_819e1d8816a87d3a5a775be7e53" UNIQUE ("crn"), CONSTRAINT "chk_offender_custody_phase" CHECK ("custody_phase" IN ('IN_CUSTODY', 'PAROLE_REVIEW', 'RELEASED', 'RECALLED', 'UNLAWFULLY_AT_LARGE', 'SENTENCE_ENDED', 'DECEASED', 'REMOVED_FROM_UK')), CONSTRAINT "PK_1feac0d905ee30bec1e5c3c9c9d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "victim_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "offender_id" uuid NOT NULL, "status" character varying(32) NOT NULL, "context" jsonb NOT NULL, "machine_version" integer NOT NULL DEFAULT '1', "version" integer NOT NULL DEFAULT '1', "eligibility_route" character varying(32) NOT NULL, "discretionary_reason" text, "referred_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8708ae2e719a0e0058841495299" UNIQUE ("reference"), CONSTRAINT "chk_victim_case_route" CHECK ("eligibility_route" IN ('STATUTORY', 'DISCRETIONARY')), CONSTRAINT "chk_victim_case_status" CHECK ("status" IN ('REFERRED', 'INVITED', 'OPTED_IN', 'DECLINED', 'ACTIVE', 'PAROLE', 'RELEASED', 'RECALLED', 'OPTED_OUT', 'CLOSED')), CONSTRAINT "PK_75897abb3cbd0b95a79fec55620" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_victim_case_offender" ON "victim_case"  ("offender_id") `);
    await queryRunner.query(`CREATE INDEX "idx_victim_case_status" ON "victim_case"  ("status") `);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD CONSTRAINT "FK_a569fe54984f32cbd6648f96094" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_transition" ADD CONSTRAINT "FK_a5884869dc784113e6e3fc635af" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact_plan" ADD CONSTRAINT "FK_7b1f645d0cbda2e6e98e9234cc2" FOREIGN KEY ("case_id") REFERENCES "victim_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "custody_event" ADD CONSTRAINT "FK_a54726647854d7cd4afb0903caf" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sentence" ADD CONSTRAINT "FK_250055a6cd78a331a7d80df13ed" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "victim_case" ADD CONSTRAINT "FK_c2a3a288e9945108f561a64aea3" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE SEQUENCE "victim_case_reference_seq" START WITH 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "victim_case" DROP CONSTRAINT "FK_c2a3a288e9945108f561a64aea3"`);
    await queryRunner.query(`ALTER TABLE "sentence" DROP CONSTRAINT "FK_250055a6cd78a331a7d80df13ed"`);
    await queryRunner.query(`ALTER TABLE "custody_event" DROP CONSTRAINT "FK_a54726647854d7cd4afb0903caf"`);
    await queryRunner.query(`ALTER TABLE "contact_plan" DROP CONSTRAINT "FK_7b1f645d0cbda2e6e98e9234cc2"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DROP CONSTRAINT "FK_a5884869dc784113e6e3fc635af"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP CONSTRAINT "FK_a569fe54984f32cbd6648f96094"`);
    await queryRunner.query(`DROP INDEX "public"."idx_victim_case_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_victim_case_offender"`);
    await queryRunner.query(`DROP TABLE "victim_case"`);
    await queryRunner.query(`DROP TABLE "offender"`);
    await queryRunner.query(`DROP TABLE "sentence"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_custody_event_seq"`);
    await queryRunner.query(`DROP TABLE "custody_event"`);
    await queryRunner.query(`DROP TABLE "contact_plan"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_transition_seq"`);
    await queryRunner.query(`DROP TABLE "case_transition"`);
    await queryRunner.query(`DROP INDEX "public"."idx_case_contact_case"`);
    await queryRunner.query(`DROP TABLE "case_contact"`);
    await queryRunner.query(`DROP SEQUENCE "victim_case_reference_seq"`);
  }
}
