import { toGlobalId } from "../../src/domain/ids/global-id";
import { availableActionsOf } from "./available-actions";
import { offendersById } from "./loader-statements";
import type { BaselineContext } from "./request-context";

/*
 * W3, a caseload page: victimCases(first: 50) with each case's offender, status, availableActions
 * and first history entry. The service's statements, in order (captured):
 *   1. SELECT … FROM "officer" WHERE username = $1 LIMIT 1
 *   2. the page: the region's case count joined to the first 51 cases by reference, each with its
 *      next due date (tasks and notifications), although the document asks for neither
 *   3. SELECT … FROM "offender" WHERE id IN (the page's distinct offenders) } sent together, on
 *   4. the first 2 history rows of each case (row_number over all its rows)  } three pooled
 *   5. each case's history count, although the document asks for none      } connections
 * No transaction, no access-log row (no personal field is read).
 */

const CASELOAD_PAGE = `SELECT t."totalCount", p.* FROM (SELECT count(*)::int AS "totalCount" FROM "victim_case" c WHERE c."region" = $1) t LEFT JOIN LATERAL ( SELECT c."id", c."reference", c."offender_id" AS "offenderId", c."officer_id" AS "officerId", c."region", c."status", c."context", c."machine_version" AS "machineVersion", c."version", c."eligibility_route" AS "eligibilityRoute", c."discretionary_ground" AS "discretionaryGround", c."referred_on"::text AS "referredOn", c."created_at" AS "createdAt", c."updated_at" AS "updatedAt", (SELECT min(w."due_on") FROM ( SELECT t."due_on" FROM "task" t WHERE t."case_id" = c."id" AND t."status" = 'OPEN' UNION ALL SELECT n."due_on" FROM "notification" n WHERE n."case_id" = c."id" AND n."status" IN ('DUE', 'FAILED', 'ESCALATED') ) w)::text AS "nextDueOn", c."reference" AS "orderValue", c."reference" AS "cursorValue" FROM "victim_case" c WHERE c."region" = $1 AND TRUE ORDER BY c."reference" ASC, c."id" ASC LIMIT $2 ) p ON TRUE ORDER BY p."orderValue" ASC, p."id" ASC`;

const HISTORY_PAGES = `SELECT * FROM ( SELECT t."case_id" AS "parent", t."id", t."case_id" AS "caseId", t."sequence", t."event", t."from_status" AS "fromStatus", t."to_status" AS "toStatus", t."actor", t."reason", t."payload", t."occurred_at" AS "occurredAt", t."effective_on"::text AS "effectiveOn", row_number() OVER (PARTITION BY t."case_id" ORDER BY t."sequence") AS "position" FROM "case_transition" t WHERE t."case_id" = ANY($1::uuid[]) AND t."sequence" > $2 ) page WHERE page."position" <= $3 ORDER BY page."parent", page."sequence"`;

const HISTORY_COUNTS = `SELECT "case_id" AS "parent", count(*) AS "n" FROM "case_transition" WHERE "case_id" = ANY($1::uuid[]) AND TRUE GROUP BY "case_id"`;

export async function caseloadPage(context: BaselineContext, first: number) {
  const { pool } = context;
  // One more than asked, as the service reads, to know whether there is a next page.
  const page = await pool.query(CASELOAD_PAGE, [context.officer.region, first + 1]);
  const cases = page.rows.filter((row) => row.id !== null).slice(0, first);
  const caseIds = cases.map((row) => row.id as string);
  const offenderIds = [...new Set(cases.map((row) => row.offenderId as string))];
  const [offenders, histories] = await Promise.all([
    pool.query(offendersById(offenderIds.length), offenderIds),
    pool.query(HISTORY_PAGES, [caseIds, 0, 2]),
    pool.query(HISTORY_COUNTS, [caseIds]),
  ]);
  const offenderNames = new Map(offenders.rows.map((row) => [row.OffenderEntity_id, row.OffenderEntity_name]));
  const firstEntries = new Map<string, Record<string, unknown>>();
  for (const entry of histories.rows) if (!firstEntries.has(entry.parent)) firstEntries.set(entry.parent, entry);
  return {
    nodes: cases.map((row) => {
      const entry = firstEntries.get(row.id);
      return {
        id: toGlobalId("VictimCase", row.id),
        status: row.status,
        availableActions: availableActionsOf(row.status, row.context),
        offender: { name: offenderNames.get(row.offenderId) },
        history: {
          nodes: entry
            ? [{ event: entry.event, toStatus: entry.toStatus, occurredAt: (entry.occurredAt as Date).toISOString() }]
            : [],
        },
      };
    }),
  };
}
