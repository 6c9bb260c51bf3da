import type { MigrationInterface, QueryRunner } from "typeorm";

// Two facts a court records on a sentence that change its release: an offence flagged as domestic
// abuse (excluded from 40% release at any length) and a whole-life order (no tariff, no parole).
// Sentences recorded before this had neither.
export class SentenceFlags1765400000000 implements MigrationInterface {
  name = "SentenceFlags1765400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sentence" ADD "domestic_abuse" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "sentence" ADD "whole_life_order" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sentence" DROP COLUMN "whole_life_order"`);
    await queryRunner.query(`ALTER TABLE "sentence" DROP COLUMN "domestic_abuse"`);
  }
}
