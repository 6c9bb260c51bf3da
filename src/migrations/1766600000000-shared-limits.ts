import type { MigrationInterface, QueryRunner } from "typeorm";

// Limits that hold across instances (issue 13 §8): each caller's request counts per minute, and a
// lease per open subscription connection. Raw tables without entities: only the limit code reads
// them, one statement at a time.
export class SharedLimits1766600000000 implements MigrationInterface {
  name = "SharedLimits1766600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per caller and kind, rewritten on every counted request: unlogged (no WAL), as a
    // rate count is worth nothing after a crash and need not reach the replicas.
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_window" (
        "caller" text NOT NULL,
        "kind" character varying(16) NOT NULL,
        "bucket" bigint NOT NULL,
        "counts" integer[] NOT NULL,
        "granted" boolean NOT NULL,
        CONSTRAINT "PK_rate_window" PRIMARY KEY ("caller", "kind")
      )`,
    );
    // A caller's connections each hold one of their numbered slots until closed, or until the
    // lease expires because its instance stopped renewing it.
    await queryRunner.query(
      `CREATE TABLE "connection_lease" (
        "caller" text NOT NULL,
        "slot" integer NOT NULL,
        "instance_id" uuid NOT NULL,
        "connection_id" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_connection_lease" PRIMARY KEY ("caller", "slot")
      )`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_connection_lease_instance" ON "connection_lease" ("instance_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "connection_lease"`);
    await queryRunner.query(`DROP TABLE "rate_window"`);
  }
}
