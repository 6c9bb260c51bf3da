import type { EntityManager } from "typeorm";
import { notifiedLicenceConditions, type NotifiedLicenceCondition } from "../../domain/disclosure/disclosure";
import type {
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
  LicenceConditionRequestStatus,
} from "../../domain/licence-conditions/licence-condition.enums";
import { selectRows } from "../platform/sql";

/**
 * The licence conditions each case's victim asked for, as a letter lists them, for many cases in
 * one statement (a release reaches every case of the offender at once). Oldest request first.
 */
export async function notifiedLicenceConditionsByCase(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<Map<string, NotifiedLicenceCondition[]>> {
  const byCase = new Map<string, NotifiedLicenceCondition[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const rows = await selectRows<{
    id: string;
    case_id: string;
    kind: LicenceConditionKind;
    status: LicenceConditionRequestStatus;
    ends_on: string | null;
    decision_point: LicenceConditionDecisionPoint;
  }>(
    manager,
    `SELECT "id", "case_id", "kind", "status", "ends_on"::text AS "ends_on", "decision_point" FROM "licence_condition_request"
     WHERE "case_id" = ANY($1::uuid[]) ORDER BY "created_at", "id"`,
    [caseIds],
  );
  for (const row of rows) {
    byCase
      .get(row.case_id)
      ?.push(
        ...notifiedLicenceConditions([
          { id: row.id, kind: row.kind, status: row.status, endsOn: row.ends_on, decisionPoint: row.decision_point },
        ]),
      );
  }
  return byCase;
}
