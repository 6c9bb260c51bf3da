import type { MigrationInterface, QueryRunner } from "typeorm";

// Keyed blind indexes beside a contact's sealed details, so a duplicate referral and a search by
// name or postcode are exact matches on an index, never a decryption of every row. Existing rows
// are indexed when the service starts (the key is not the database's to know).
export class ContactBlindIndexes1766100000000 implements MigrationInterface {
  name = "ContactBlindIndexes1766100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "name_index" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "identity_index" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "email_index" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "phone_index" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "postcode_index" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "case_contact" ADD "index_key_id" character varying(8)`);
    await queryRunner.query(`CREATE INDEX "idx_case_contact_name_index" ON "case_contact" ("name_index")`);
    await queryRunner.query(`CREATE INDEX "idx_case_contact_identity_index" ON "case_contact" ("identity_index")`);
    await queryRunner.query(`CREATE INDEX "idx_case_contact_email_index" ON "case_contact" ("email_index")`);
    await queryRunner.query(`CREATE INDEX "idx_case_contact_phone_index" ON "case_contact" ("phone_index")`);
    await queryRunner.query(`CREATE INDEX "idx_case_contact_postcode_index" ON "case_contact" ("postcode_index")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_case_contact_postcode_index"`);
    await queryRunner.query(`DROP INDEX "idx_case_contact_phone_index"`);
    await queryRunner.query(`DROP INDEX "idx_case_contact_email_index"`);
    await queryRunner.query(`DROP INDEX "idx_case_contact_identity_index"`);
    await queryRunner.query(`DROP INDEX "idx_case_contact_name_index"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "index_key_id"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "postcode_index"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "phone_index"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "email_index"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "identity_index"`);
    await queryRunner.query(`ALTER TABLE "case_contact" DROP COLUMN "name_index"`);
  }
}
