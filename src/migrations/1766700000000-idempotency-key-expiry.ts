import type { MigrationInterface, QueryRunner } from "typeorm";

// Idempotency keys expire after IDEMPOTENCY_KEY_RETENTION_DAYS (issue 13 §8): the hourly job takes
// the oldest keys in bounded batches, which this index finds without reading the whole table.
export class IdempotencyKeyExpiry1766700000000 implements MigrationInterface {
  name = "IdempotencyKeyExpiry1766700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_idempotency_key_created_at" ON "idempotency_key" ("created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_idempotency_key_created_at"`);
  }
}
