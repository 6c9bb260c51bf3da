import type { MigrationInterface, QueryRunner } from "typeorm";

// Officers, and the officer and region of each case: the region is what scopes access.
export class Officers1764400000000 implements MigrationInterface {
  name = "Officers1764400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "officer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "region" character varying(32), "team" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_76cc8ff9afd1cec54b4884501e8" UNIQUE ("username"), CONSTRAINT "chk_officer_region" CHECK ("region" IS NULL OR "region" IN ('NORTH_EAST', 'NORTH_WEST', 'YORKSHIRE_AND_THE_HUMBER', 'GREATER_MANCHESTER', 'EAST_MIDLANDS', 'WEST_MIDLANDS', 'EAST_OF_ENGLAND', 'LONDON', 'KENT_SURREY_AND_SUSSEX', 'SOUTH_CENTRAL', 'SOUTH_WEST', 'WALES')), CONSTRAINT "PK_b9bab694da36794c5065085936c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "victim_case" ADD "officer_id" uuid`);
    await queryRunner.query(`ALTER TABLE "victim_case" ADD "region" character varying(32)`);
    await queryRunner.query(`CREATE INDEX "idx_victim_case_region_status" ON "victim_case"  ("region", "status") `);
    await queryRunner.query(`ALTER TABLE "victim_case" ADD CONSTRAINT "FK_7e310927162b45fc3e70e115890" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "victim_case" DROP CONSTRAINT "FK_7e310927162b45fc3e70e115890"`);
    await queryRunner.query(`DROP INDEX "public"."idx_victim_case_region_status"`);
    await queryRunner.query(`ALTER TABLE "victim_case" DROP COLUMN "region"`);
    await queryRunner.query(`ALTER TABLE "victim_case" DROP COLUMN "officer_id"`);
    await queryRunner.query(`DROP TABLE "officer"`);
  }
}
