import type { MigrationInterface, QueryRunner } from "typeorm";

// Issue 13 §2: a discretionary admission's reason is personal data, so analysts get its category
// instead. Cases already admitted at discretion get OTHER (their reason says more). Their reasons are
// still plain text here: SQL cannot seal them (the key is the application's), so the service seals
// them when it starts (discretionary-reason-sealing.ts), before it answers any request.
export class DiscretionaryGround1766500000000 implements MigrationInterface {
  name = "DiscretionaryGround1766500000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "victim_case" ADD "discretionary_ground" character varying(32)`);
    await queryRunner.query(
      `UPDATE "victim_case" SET "discretionary_ground" = 'OTHER' WHERE "eligibility_route" = 'DISCRETIONARY' AND "discretionary_ground" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_case" ADD CONSTRAINT "chk_victim_case_ground" CHECK ("discretionary_ground" IN ('STALKING', 'HARASSMENT', 'COERCIVE_CONTROL', 'DOMESTIC_ABUSE', 'HATE_CRIME', 'HIGH_RISK', 'OTHER'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_case" ADD CONSTRAINT "chk_victim_case_discretionary_ground" CHECK ("eligibility_route" <> 'DISCRETIONARY' OR "discretionary_ground" IS NOT NULL)`,
    );
  }

  // Reasons sealed since cannot be unsealed by SQL: a rollback leaves them sealed.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "victim_case" DROP CONSTRAINT "chk_victim_case_discretionary_ground"`);
    await queryRunner.query(`ALTER TABLE "victim_case" DROP CONSTRAINT "chk_victim_case_ground"`);
    await queryRunner.query(`ALTER TABLE "victim_case" DROP COLUMN "discretionary_ground"`);
  }
}
