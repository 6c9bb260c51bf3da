import { selectRows, type SqlExecutor } from "../platform/sql";
import {
  StatisticsSql,
  type GroupKeys,
  type StatisticsCriteria,
  type StatisticsDimension,
} from "./statistics-criteria";

/** Days between two steps: median and 90th percentile over the cases that took both. */
export interface DaysSummary {
  median: number | null;
  p90: number | null;
  count: number;
}

/** On time, late, and the share on time; what is still pending (not due yet) counts as neither. */
export interface ComplianceShare {
  onTime: number;
  late: number;
}

export interface FirstContactStatistics extends GroupKeys {
  referralToFirstContact: DaysSummary;
  invitationToDecision: DaysSummary;
  firstContactsOnTime: ComplianceShare;
}

// A first contact is the first invitation, or the FIRST_CONTACT task completed by hand (contact
// made another way); a decision is the first opt-in, decline or expiry after the invitation. The
// history rows joined are those and no others: the first-contact partial index's own condition
// (migration StatisticsAtScale), so the statement reads that index alone.
const MILESTONES = `t."event" IN ('SEND_INVITATION', 'RECORD_OPT_IN', 'RECORD_DECLINE', 'INVITATION_EXPIRED') OR (t."event" = 'TASK_COMPLETED' AND t."payload"->>'kind' = 'FIRST_CONTACT')`;
const FIRST_CONTACT = `t."event" IN ('SEND_INVITATION', 'TASK_COMPLETED')`;
const DECISION = `t."event" IN ('RECORD_OPT_IN', 'RECORD_DECLINE', 'INVITATION_EXPIRED')`;

/**
 * Per referral (grouped by the month referred): days from referral to first contact and from the
 * invitation to the victim's decision, and the Victims' Code's first contact within 20 working days
 * (the FIRST_CONTACT task's due day, set at referral), in one statement.
 */
export async function firstContactStatistics(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<FirstContactStatistics[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`f."referred_on"`, `f."region"`);
  const today = sql.today();
  // The FIRST_CONTACT task is joined, not looked up case by case (53k index lookups took a
  // second); every column of "f" is a minimum, so a row the joins repeat changes nothing.
  const rows = await selectRows<GroupKeys & Record<string, string | number | null>>(
    db,
    `WITH "f" AS (
       SELECT c."id", c."region", c."referred_on",
              min(t."effective_on") FILTER (WHERE ${FIRST_CONTACT}) AS "contacted_on",
              min(t."effective_on") FILTER (WHERE t."event" = 'SEND_INVITATION') AS "invited_on",
              min(t."effective_on") FILTER (WHERE ${DECISION}) AS "decided_on",
              min(k."due_on") AS "due_on"
         FROM "victim_case" c
         LEFT JOIN "case_transition" t ON t."case_id" = c."id" AND (${MILESTONES})
         LEFT JOIN "task" k ON k."case_id" = c."id" AND k."kind" = 'FIRST_CONTACT'
        WHERE ${sql.within(`c."referred_on"`)} AND ${sql.caseConditions()}
        GROUP BY c."id"
     )
     SELECT ${keys.select},
            percentile_cont(0.5) WITHIN GROUP (ORDER BY f."contacted_on" - f."referred_on") AS "contactMedian",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY f."contacted_on" - f."referred_on") AS "contactP90",
            count(f."contacted_on") AS "contacted",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY f."decided_on" - f."invited_on") AS "decisionMedian",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY f."decided_on" - f."invited_on") AS "decisionP90",
            count(f."decided_on" - f."invited_on") AS "decided",
            count(*) FILTER (WHERE f."contacted_on" <= f."due_on") AS "onTime",
            count(*) FILTER (WHERE f."contacted_on" > f."due_on" OR (f."contacted_on" IS NULL AND f."due_on" < ${today})) AS "late"
       FROM "f"
      GROUP BY ${keys.groupBy}`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    referralToFirstContact: summary(row.contactMedian, row.contactP90, row.contacted),
    invitationToDecision: summary(row.decisionMedian, row.decisionP90, row.decided),
    firstContactsOnTime: { onTime: Number(row.onTime), late: Number(row.late) },
  }));
}

export function summary(
  median: string | number | null,
  p90: string | number | null,
  count: string | number | null,
): DaysSummary {
  return {
    median: median === null ? null : Number(median),
    p90: p90 === null ? null : Number(p90),
    count: Number(count ?? 0),
  };
}
