import type { MigrationInterface, QueryRunner } from "typeorm";

/** The PostgreSQL channel live updates travel on (src/services/live-updates.ts listens to it). */
export const LIVE_UPDATE_CHANNEL = "vcs_live";

// Every committed change to a case, whoever made it and on whichever instance, is announced on
// one channel with NOTIFY, so each instance can tell its own subscribers. Triggers rather than
// calls in each pipeline: no write path can forget one, and NOTIFY is transactional — a change
// rolled back is never announced, and identical announcements in one transaction are sent once.
// The payload holds ids only: who may hear of the case is decided by each subscriber's region.
const TABLES_WITH_CASE = ["case_transition", "case_contact", "contact_plan", "victim_personal_statement", "parole_request", "licence_condition_request"] as const;
const WORK_QUEUE_TABLES = ["notification"] as const;
const OFFENDER_TABLES = ["custody_event", "key_date_record", "parole_review", "sentence"] as const;

export class LiveUpdates1765000000000 implements MigrationInterface {
  name = "LiveUpdates1765000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // One announcement: the case, its region and officer, and whether officers' work queues changed.
    await queryRunner.query(`CREATE FUNCTION "vcs_announce"(case_id uuid, region varchar, officer_id uuid, work_queue boolean) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${LIVE_UPDATE_CHANNEL}', json_build_object('caseId', case_id, 'region', region, 'officerId', officer_id, 'workQueue', work_queue)::text);
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "vcs_announce_case"(changed_case uuid, work_queue boolean) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE c record;
      BEGIN
        SELECT "id", "region", "officer_id" INTO c FROM "victim_case" WHERE "id" = changed_case;
        IF FOUND THEN PERFORM "vcs_announce"(c."id", c."region", c."officer_id", work_queue); END IF;
      END $$`);
    // The case row itself: a move to another officer or region changes both sides' work queues.
    await queryRunner.query(`CREATE FUNCTION "vcs_live_victim_case"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD."region" IS DISTINCT FROM NEW."region" OR OLD."officer_id" IS DISTINCT FROM NEW."officer_id") THEN
          -- The new side first: a subscriber of the case who may not follow it there is ended
          -- before the old side's announcement would make them read a case they can no longer see.
          PERFORM "vcs_announce"(NEW."id", NEW."region", NEW."officer_id", true);
          PERFORM "vcs_announce"(OLD."id", OLD."region", OLD."officer_id", true);
        ELSE
          PERFORM "vcs_announce"(NEW."id", NEW."region", NEW."officer_id", TG_OP = 'INSERT');
        END IF;
        RETURN NULL;
      END $$`);
    // Rows that belong to a case; TG_ARGV[0] says whether they are work-queue items.
    await queryRunner.query(`CREATE FUNCTION "vcs_live_case_row"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM "vcs_announce_case"(OLD."case_id", TG_ARGV[0]::boolean);
        ELSE
          PERFORM "vcs_announce_case"(NEW."case_id", TG_ARGV[0]::boolean);
        END IF;
        RETURN NULL;
      END $$`);
    // Rows that belong to an offender change what every one of the offender's cases shows.
    await queryRunner.query(`CREATE FUNCTION "vcs_live_offender_row"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE c record;
      BEGIN
        FOR c IN SELECT "id", "region", "officer_id" FROM "victim_case" WHERE "offender_id" = NEW."offender_id" LOOP
          PERFORM "vcs_announce"(c."id", c."region", c."officer_id", false);
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "live_victim_case" AFTER INSERT OR UPDATE ON "victim_case" FOR EACH ROW EXECUTE FUNCTION "vcs_live_victim_case"()`);
    for (const table of TABLES_WITH_CASE) {
      await queryRunner.query(`CREATE TRIGGER "live_${table}" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "vcs_live_case_row"('false')`);
    }
    for (const table of WORK_QUEUE_TABLES) {
      await queryRunner.query(`CREATE TRIGGER "live_${table}" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "vcs_live_case_row"('true')`);
    }
    for (const table of OFFENDER_TABLES) {
      await queryRunner.query(`CREATE TRIGGER "live_${table}" AFTER INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "vcs_live_offender_row"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...OFFENDER_TABLES, ...WORK_QUEUE_TABLES, ...TABLES_WITH_CASE, "victim_case"]) {
      await queryRunner.query(`DROP TRIGGER "live_${table}" ON "${table}"`);
    }
    for (const fn of ["vcs_live_offender_row", "vcs_live_case_row", "vcs_live_victim_case"]) await queryRunner.query(`DROP FUNCTION "${fn}"()`);
    await queryRunner.query(`DROP FUNCTION "vcs_announce_case"(uuid, boolean)`);
    await queryRunner.query(`DROP FUNCTION "vcs_announce"(uuid, varchar, uuid, boolean)`);
  }
}
