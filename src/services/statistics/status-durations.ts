import type { CaseStatus } from "../../domain/cases/case.enums";
import { selectRows, type SqlExecutor } from "../platform/sql";
import { summary, type DaysSummary } from "./first-contact";
import {
  StatisticsSql,
  type GroupKeys,
  type StatisticsCriteria,
  type StatisticsDimension,
} from "./statistics-criteria";

export interface StatusDuration extends GroupKeys {
  status: CaseStatus;
  days: DaysSummary;
}

/**
 * Days cases spent in each status, from the history: each stay runs from the day a change entered
 * the status to the day the next change left it, grouped by the month it was entered. Stays not
 * yet ended are not counted (their length is not known).
 */
export async function statusDurations(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<StatusDuration[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`s."entered_on"`, `s."region"`);
  const rows = await selectRows<
    GroupKeys & { status: CaseStatus; median: string | null; p90: string | null; count: string }
  >(
    db,
    `WITH "s" AS (
       SELECT c."region", t."to_status" AS "status", t."effective_on" AS "entered_on",
              lead(t."effective_on") OVER (PARTITION BY t."case_id" ORDER BY t."sequence") AS "left_on"
         FROM "case_transition" t JOIN "victim_case" c ON c."id" = t."case_id"
        WHERE t."from_status" IS DISTINCT FROM t."to_status" AND ${sql.caseConditions()}
     )
     SELECT ${keys.select}, s."status",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY s."left_on" - s."entered_on") AS "median",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY s."left_on" - s."entered_on") AS "p90",
            count(*) AS "count"
       FROM "s"
      WHERE s."left_on" IS NOT NULL AND ${sql.within(`s."entered_on"`)}
      GROUP BY ${keys.groupBy}, 3`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    status: row.status,
    days: summary(row.median, row.p90, row.count),
  }));
}
