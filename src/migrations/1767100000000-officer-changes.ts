import type { MigrationInterface, QueryRunner } from "typeorm";

/** The channel officer changes are announced on (src/services/platform/live-updates.ts listens to it). */
const OFFICER_CHANNEL = "vcs_officer";

// Issue 15 §3: each instance keeps the officer records it has read, so a request need not look its
// caller up. Any change to an officer, by any instance or by an operator's SQL, is announced with
// their user name, so every instance forgets the record at once. Triggers, not calls in the
// service: no write can forget to announce, and NOTIFY is sent only when the change commits. A new
// officer is not announced: instances keep no record of a user who has none.
export class OfficerChanges1767100000000 implements MigrationInterface {
  name = "OfficerChanges1767100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "vcs_officer_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OFFICER_CHANNEL}', OLD."username");
        IF TG_OP = 'UPDATE' AND NEW."username" IS DISTINCT FROM OLD."username" THEN
          PERFORM pg_notify('${OFFICER_CHANNEL}', NEW."username");
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "officer_changed" AFTER UPDATE OR DELETE ON "officer" FOR EACH ROW EXECUTE FUNCTION "vcs_officer_changed"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "officer_changed" ON "officer"`);
    await queryRunner.query(`DROP FUNCTION "vcs_officer_changed"()`);
  }
}
