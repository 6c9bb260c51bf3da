import type { MigrationInterface, QueryRunner } from "typeorm";

/** The histories nobody may rewrite: the runtime role may add to them and read them, nothing more. */
const APPEND_ONLY = ["access_log", "case_transition", "custody_event", "key_date_record"];

// The service runs as `vcs_runtime` (issue 13 §1): a role that owns nothing, so it cannot disable
// a table's triggers, truncate, or drop anything, and is no superuser, so it cannot set
// session_replication_role. The owner (MIGRATION_DATABASE_URL) runs the migrations, and tables it
// makes later get the same grants by default; an append-only table added later revokes them itself.
// A login role is made a member by whoever deploys: CREATE ROLE app LOGIN IN ROLE vcs_runtime.
export class RuntimeRole1766800000000 implements MigrationInterface {
  name = "RuntimeRole1766800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the whole server: another database may have made it already, perhaps just now.
    await queryRunner.query(`DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vcs_runtime') THEN
    CREATE ROLE "vcs_runtime" NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'The role vcs_runtime does not exist and this role may not create it: create it first (CREATE ROLE vcs_runtime NOLOGIN).';
END $$`);
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO "vcs_runtime"`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "vcs_runtime"`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "vcs_runtime"`);
    await queryRunner.query(`REVOKE UPDATE, DELETE ON ${APPEND_ONLY.map((t) => `"${t}"`).join(", ")} FROM "vcs_runtime"`);
    // Which migrations ran is the owner's business.
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON "migrations" FROM "vcs_runtime"`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "vcs_runtime"`,
    );
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "vcs_runtime"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM "vcs_runtime"`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "vcs_runtime"`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "vcs_runtime"`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "vcs_runtime"`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM "vcs_runtime"`);
    // The role itself stays: other databases on the server may use it.
  }
}
