import type { MigrationInterface, QueryRunner } from "typeorm";

// Key dates with their history: the forecast, then each recording from HMPPS; append-only.
export class KeyDateRecords1764600000000 implements MigrationInterface {
  name = "KeyDateRecords1764600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "key_date_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "offender_id" uuid NOT NULL, "sequence" integer NOT NULL, "source" character varying(16) NOT NULL, "dates" jsonb NOT NULL, "release_month" character varying(7), "actor" character varying(200) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_89ae65863c4a22d878a82b8a679" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_key_date_record_seq" ON "key_date_record"  ("offender_id", "sequence") `);
    await queryRunner.query(`ALTER TABLE "key_date_record" ADD CONSTRAINT "FK_feb1c65165f422f51da4b5fd185" FOREIGN KEY ("offender_id") REFERENCES "offender"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE TRIGGER "key_date_record_append_only" BEFORE UPDATE OR DELETE ON "key_date_record" FOR EACH ROW EXECUTE FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`CREATE TRIGGER "key_date_record_no_truncate" BEFORE TRUNCATE ON "key_date_record" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_rewrite"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "key_date_record_no_truncate" ON "key_date_record"`);
    await queryRunner.query(`DROP TRIGGER "key_date_record_append_only" ON "key_date_record"`);
    await queryRunner.query(`ALTER TABLE "key_date_record" DROP CONSTRAINT "FK_feb1c65165f422f51da4b5fd185"`);
    await queryRunner.query(`DROP INDEX "public"."uq_key_date_record_seq"`);
    await queryRunner.query(`DROP TABLE "key_date_record"`);
  }
}
