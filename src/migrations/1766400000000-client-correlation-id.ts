import type { MigrationInterface, QueryRunner } from "typeorm";

// The access log's correlation id is the server's own (issue 13 §6); an id the client sent in
// x-correlation-id is kept beside it, sanitised, never in its place. Older rows have none.
export class ClientCorrelationId1766400000000 implements MigrationInterface {
  name = "ClientCorrelationId1766400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_log" ADD "client_correlation_id" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_log" DROP COLUMN "client_correlation_id"`);
  }
}
