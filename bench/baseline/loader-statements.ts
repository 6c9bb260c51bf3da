// The statements the service sends to read a case (src/services/cases/case-with-relations.ts,
// columns as src/services/platform/entity-rows.ts lists them from TypeORM's metadata), as
// captured: one text each, so the baseline and bench/pgbench/*.sql say exactly what the service says.

const CASE_COLUMNS = `c."id" AS "c_id", c."reference" AS "c_reference", c."offender_id" AS "c_offenderId", c."status" AS "c_status", c."officer_id" AS "c_officerId", c."region" AS "c_region", c."context" AS "c_context", c."machine_version" AS "c_machineVersion", c."version" AS "c_version", c."eligibility_route" AS "c_eligibilityRoute", c."discretionary_ground" AS "c_discretionaryGround", c."referred_on"::text AS "c_referredOn", c."created_at" AS "c_createdAt", c."updated_at" AS "c_updatedAt"`;

const OFFENDER_COLUMNS = `o."id" AS "o_id", o."name" AS "o_name", o."prison_number" AS "o_prisonNumber", o."crn" AS "o_crn", o."custody_phase" AS "o_custodyPhase", o."custody_context" AS "o_custodyContext", o."version" AS "o_version", o."created_at" AS "o_createdAt", o."updated_at" AS "o_updatedAt"`;

const CONTACT_COLUMNS = `k."id" AS "k_id", k."case_id" AS "k_caseId", k."role" AS "k_role", k."name" AS "k_name", k."date_of_birth" AS "k_dateOfBirth", k."address" AS "k_address", k."phone" AS "k_phone", k."email" AS "k_email", k."needs" AS "k_needs", k."name_index" AS "k_nameIndex", k."identity_index" AS "k_identityIndex", k."email_index" AS "k_emailIndex", k."phone_index" AS "k_phoneIndex", k."postcode_index" AS "k_postcodeIndex", k."index_key_id" AS "k_indexKeyId", k."erased_at" AS "k_erasedAt", k."created_at" AS "k_createdAt", k."updated_at" AS "k_updatedAt"`;

/** A case in the officer's region with no relation: victimCase(id) asking for none of offender or contacts. */
export const CASE_IN_REGION = `SELECT ${CASE_COLUMNS} FROM "victim_case" c WHERE c."id" = $1 AND c."region" = $2`;

/**
 * A case in the officer's region with its offender and its contacts, oldest first: one row per
 * contact (or one with none), the case and offender repeated on each.
 */
export const CASE_WITH_OFFENDER_AND_CONTACTS_IN_REGION = `SELECT ${CASE_COLUMNS}, ${OFFENDER_COLUMNS}, ${CONTACT_COLUMNS} FROM "victim_case" c LEFT JOIN "offender" o ON o."id" = c."offender_id" LEFT JOIN "case_contact" k ON k."case_id" = c."id" WHERE c."id" = $1 AND c."region" = $2 ORDER BY k."created_at", k."id"`;
