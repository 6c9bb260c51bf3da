import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import { CASES_BY_ID_IN_REGION } from "./loader-statements";
import type { BaselineContext } from "./request-context";

/*
 * W4, many clients sending a follow-up invitation to one case. The transition is W2's (w2.ts);
 * this is the read a client that lost the race (STALE_VERSION) makes to learn the version.
 * The service's statements for it (captured):
 *   1. SELECT … FROM "officer" WHERE username = $1 LIMIT 1
 *   2. SELECT … FROM "victim_case" "c" WHERE "c"."id" IN ($1) AND c."region" = $2
 */
export async function readVersion(context: BaselineContext, globalId: string) {
  const id = fromGlobalId(globalId, "VictimCase");
  if (!id) return null;
  const { rows } = await context.pool.query(CASES_BY_ID_IN_REGION, [id, context.officer.region]);
  return rows.length === 0 ? null : { id: toGlobalId("VictimCase", rows[0].c_id), version: rows[0].c_version };
}
