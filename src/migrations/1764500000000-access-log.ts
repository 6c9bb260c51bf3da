import type { MigrationInterface, QueryRunner } from "typeorm";

// The access log (DPA 2018 s.62), append-only like the case and custody histories; contacts can be erased.
export class AccessLog1764500000000 implements MigrationInterface {
  name = "AccessLog1764500000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "access_log" ("sequence" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(200) NOT NULL, "roles" jsonb NOT NULL DEFAULT '[]', "action" character varying(16) NOT NULL, "operation" character varying(64) NOT NULL, "case_id" uuid, "fields" jsonb NOT NULL DEFAULT '[]', "purpose" character varying(40) NOT NULL, "correlation_id" character varying(64) NOT NULL, CONSTRAINT "PK_5b6e723aec50b30373e87b4da2b" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "idx_access_log_actor" ON "access_log"  ("actor", "sequence") `);
    await queryRunner.query(`CREATE INDEX "idx_access_log_case" ON "access_log"  ("case_id", "sequence") `);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_contact" ALTER COLUMN "name" DROP NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION "refuse_history_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $fn$`);
    await queryRunner.query(`CREATE TRIGGER "access_log_append_only" BEFORE UPDATE OR DELETE ON "access_log" FOR EACH ROW EXECUTE FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`CREATE TRIGGER "access_log_no_truncate" BEFORE TRUNCATE ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`CREATE TRIGGER "case_transition_append_only" BEFORE UPDATE OR DELETE ON "case_transition" FOR EACH ROW EXECUTE FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`CREATE TRIGGER "case_transition_no_truncate" BEFORE TRUNCATE ON "case_transition" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`CREATE TRIGGER "custody_event_append_only" BEFORE UPDATE OR DELETE ON "custody_event" FOR EACH ROW EXECUTE FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`CREATE TRIGGER "custody_event_no_truncate" BEFORE TRUNCATE ON "custody_event" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_rewrite"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "custody_event_no_truncate" ON "custody_event"`);
    await queryRunner.query(`DROP TRIGGER "custody_event_append_only" ON "custody_event"`);
    await queryRunner.query(`DROP TRIGGER "case_transition_no_truncate" ON "case_transition"`);
    await queryRunner.query(`DROP TRIGGER "case_transition_append_only" ON "case_transition"`);
    await queryRunner.query(`DROP TRIGGER "access_log_no_truncate" ON "access_log"`);
    await queryRunner.query(`DROP TRIGGER "access_log_append_only" ON "access_log"`);
    await queryRunner.query(`DROP FUNCTION "refuse_history_rewrite"()`);
    await queryRunner.query(`ALTER TABLE "case_contact" ALTER COLUMN "name" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "erased_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_access_log_case"`);
    await queryRunner.query(`DROP INDEX "public"."idx_access_log_actor"`);
    await queryRunner.query(`DROP TABLE "access_log"`);
  }
}
