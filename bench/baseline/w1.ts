import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { writeAccessLog } from "./access-log";
import { availableActionsOf } from "./available-actions";
import { CASE_WITH_OFFENDER_AND_CONTACTS_IN_REGION } from "./loader-statements";
import { openContact } from "./open-contact";
import type { BaselineContext } from "./request-context";

/*
 * W1, one case read with its offender and its contacts' personal fields. The service's
 * statements, in order (captured; 2):
 *   1. SELECT case, offender and contact columns FROM "victim_case" c LEFT JOIN "offender" o
 *      LEFT JOIN "case_contact" k WHERE c."id" = $1 AND c."region" = $2 ORDER BY k."created_at", k."id"
 *   2. INSERT INTO "access_log" … VALUES (…): READ of email, name, phone
 * No transaction, and no officer lookup: the officer's record is kept from the user's first
 * request (officer-lookup.ts). Every sealed column of each contact is decrypted, as the service's
 * entityFromRow does with the entity's column transformers.
 */
export async function readCase(context: BaselineContext, globalId: string) {
  const id = fromGlobalId(globalId, "VictimCase");
  if (!id) return null;
  const { pool } = context;
  const { rows } = await pool.query(CASE_WITH_OFFENDER_AND_CONTACTS_IN_REGION, [id, context.officer.region]);
  if (rows.length === 0) return null;
  // A case with no contact is one row whose contact columns are null.
  const opened = rows.filter((contact) => contact.k_id !== null).map(openContact);
  await writeAccessLog(pool, context, {
    action: "READ",
    operation: "victimCase",
    caseId: id,
    fields: ["email", "name", "phone"],
  });
  const [row] = rows;
  return {
    id: toGlobalId("VictimCase", row.c_id),
    status: row.c_status,
    version: row.c_version,
    availableActions: availableActionsOf(row.c_status, row.c_context),
    offender: { name: row.o_name, custodyPhase: row.o_custodyPhase },
    contacts: opened,
  };
}
