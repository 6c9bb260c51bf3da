import { toGlobalId } from "../../src/domain/ids/global-id";
import { availableActionsOf } from "./available-actions";
import type { BaselineContext } from "./request-context";

/*
 * W3, a caseload page: victimCases(first: 50) with each case's status, availableActions, offender
 * and lastTransition (its newest history entry). The service's statements (captured; 1:
 * src/services/cases/caseload.ts, listCaseload with relations offender and lastTransition):
 *   1. the region's case count, LEFT JOIN LATERAL the first 51 cases by reference (each with its
 *      next due date from tasks and notifications, although the document asks for none),
 *      LEFT JOIN "offender", LEFT JOIN LATERAL the case's newest "case_transition" row
 * No transaction, no officer lookup (kept from the user's first request), no access-log row (no
 * personal field is read).
 */

const OFFENDER_COLUMNS = `o."id" AS "offender.id", o."name" AS "offender.name", o."prison_number" AS "offender.prisonNumber", o."crn" AS "offender.crn", o."custody_phase" AS "offender.custodyPhase", o."custody_context" AS "offender.custodyContext", o."version" AS "offender.version", o."created_at" AS "offender.createdAt", o."updated_at" AS "offender.updatedAt"`;

const LAST_TRANSITION_COLUMNS = `h."id" AS "lastTransition.id", h."case_id" AS "lastTransition.caseId", h."sequence" AS "lastTransition.sequence", h."event" AS "lastTransition.event", h."from_status" AS "lastTransition.fromStatus", h."to_status" AS "lastTransition.toStatus", h."actor" AS "lastTransition.actor", h."reason" AS "lastTransition.reason", h."payload" AS "lastTransition.payload", h."occurred_at" AS "lastTransition.occurredAt", h."effective_on"::text AS "lastTransition.effectiveOn", h."from_status_since"::text AS "lastTransition.fromStatusSince"`;

const CASE_COLUMNS = `c."id", c."reference", c."offender_id" AS "offenderId", c."officer_id" AS "officerId", c."region", c."status", c."context", c."machine_version" AS "machineVersion", c."version", c."eligibility_route" AS "eligibilityRoute", c."discretionary_ground" AS "discretionaryGround", c."referred_on"::text AS "referredOn", c."created_at" AS "createdAt", c."updated_at" AS "updatedAt"`;

const NEXT_DUE_ON = `(SELECT min(w."due_on") FROM ( SELECT t."due_on" FROM "task" t WHERE t."case_id" = c."id" AND t."status" = 'OPEN' UNION ALL SELECT n."due_on" FROM "notification" n WHERE n."case_id" = c."id" AND n."status" IN ('DUE', 'FAILED', 'ESCALATED') ) w)::text AS "nextDueOn"`;

const CASELOAD_PAGE = `SELECT t."totalCount", p.*, ${OFFENDER_COLUMNS}, h.* FROM (SELECT count(*)::int AS "totalCount" FROM "victim_case" c WHERE c."region" = $1) t LEFT JOIN LATERAL ( SELECT ${CASE_COLUMNS}, ${NEXT_DUE_ON}, c."reference" AS "orderValue", c."reference" AS "cursorValue" FROM "victim_case" c WHERE c."region" = $1 AND TRUE ORDER BY c."reference" ASC, c."id" ASC LIMIT $2 ) p ON TRUE LEFT JOIN "offender" o ON o."id" = p."offenderId" LEFT JOIN LATERAL ( SELECT ${LAST_TRANSITION_COLUMNS} FROM "case_transition" h WHERE h."case_id" = p."id" ORDER BY h."sequence" DESC LIMIT 1 ) h ON TRUE ORDER BY p."orderValue" ASC, p."id" ASC`;

export async function caseloadPage(context: BaselineContext, first: number) {
  // One more than asked, as the service reads, to know whether there is a next page.
  const page = await context.pool.query(CASELOAD_PAGE, [context.officer.region, first + 1]);
  const cases = page.rows.filter((row) => row.id !== null).slice(0, first);
  return {
    nodes: cases.map((row) => ({
      id: toGlobalId("VictimCase", row.id),
      status: row.status,
      availableActions: availableActionsOf(row.status, row.context),
      offender: { name: row["offender.name"] },
      lastTransition: {
        event: row["lastTransition.event"],
        toStatus: row["lastTransition.toStatus"],
        occurredAt: (row["lastTransition.occurredAt"] as Date).toISOString(),
      },
    })),
  };
}
