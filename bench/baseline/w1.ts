import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { writeAccessLog } from "./access-log";
import { availableActionsOf } from "./available-actions";
import { CASES_BY_ID_IN_REGION, CONTACTS_OF_CASE, offendersById } from "./loader-statements";
import { openContact } from "./open-contact";
import type { BaselineContext } from "./request-context";

/*
 * W1, one case read with its contacts' personal fields. The service's statements, in order
 * (captured; the officer's is sent by the server before any workload):
 *   1. SELECT … FROM "officer" WHERE username = $1 LIMIT 1
 *   2. SELECT … FROM "victim_case" "c" WHERE "c"."id" IN ($1) AND c."region" = $2
 *   3. SELECT … FROM "offender" WHERE id IN ($1)                    } sent together, on two
 *   4. SELECT … FROM "case_contact" WHERE case_id IN ($1) ORDER BY … } pooled connections
 *   5. INSERT INTO "access_log" … VALUES (…): READ of email, name, phone
 * No transaction. Every sealed column of each contact is decrypted, as the entity loads.
 */
export async function readCase(context: BaselineContext, globalId: string) {
  const id = fromGlobalId(globalId, "VictimCase");
  if (!id) return null;
  const { pool } = context;
  const cases = await pool.query(CASES_BY_ID_IN_REGION, [id, context.officer.region]);
  if (cases.rows.length === 0) return null;
  const row = cases.rows[0];
  const [offenders, contacts] = await Promise.all([
    pool.query(offendersById(1), [row.c_offender_id]),
    pool.query(CONTACTS_OF_CASE, [id]),
  ]);
  const opened = contacts.rows.map(openContact);
  await writeAccessLog(pool, context, {
    action: "READ",
    operation: "victimCase",
    caseId: id,
    fields: ["email", "name", "phone"],
  });
  const offender = offenders.rows[0];
  return {
    id: toGlobalId("VictimCase", row.c_id),
    status: row.c_status,
    version: row.c_version,
    availableActions: availableActionsOf(row.c_status, row.c_context),
    offender: { name: offender.OffenderEntity_name, custodyPhase: offender.OffenderEntity_custody_phase },
    contacts: opened,
  };
}
