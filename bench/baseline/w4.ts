import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { CASE_IN_REGION } from "./loader-statements";
import type { BaselineContext } from "./request-context";

/*
 * W4, many clients sending a follow-up invitation to one case. The transition is W2's (w2.ts,
 * where a loser finding the case's row locked is refused at once as STALE_VERSION); this is the
 * read a client that lost the race makes to learn the version. The service's statements for it
 * (captured; 1):
 *   1. SELECT case columns FROM "victim_case" c WHERE c."id" = $1 AND c."region" = $2
 * No officer lookup: the officer's record is kept from the user's first request.
 */
export async function readVersion(context: BaselineContext, globalId: string) {
  const id = fromGlobalId(globalId, "VictimCase");
  if (!id) return null;
  const { rows } = await context.pool.query(CASE_IN_REGION, [id, context.officer.region]);
  return rows.length === 0 ? null : { id: toGlobalId("VictimCase", rows[0].c_id), version: rows[0].c_version };
}
