import type { CaseStatus } from "../../domain/cases/case.enums";
import { selectRows, type SqlExecutor } from "../platform/sql";
import { summary, type DaysSummary } from "./first-contact";
import {
  C_ORDER,
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
 * the status to the day the next change left it (the leaving row keeps both), grouped by the month
 * it was entered. Stays not yet ended are not counted (their length is not known).
 */
export async function statusDurations(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<StatusDuration[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`t."from_status_since"`);
  // The stays (300k at 100k cases) are gathered into one array of days per group by hashing, and
  // each group's few dozen days are sorted on their own for the percentiles: sorting every stay by
  // region, month and status first took twice as long. The planner hashes only when it expects few
  // groups: migration StatisticsAtScale keeps statistics on the months.
  const rows = await selectRows<
    GroupKeys & { status: CaseStatus; median: string | null; p90: string | null; count: string }
  >(
    db,
    `SELECT g."region", g."month", g."status", p."median", p."p90", cardinality(g."days") AS "count"
       FROM (
         SELECT ${keys.select}, t."from_status" ${C_ORDER} AS "status", array_agg(t."effective_on" - t."from_status_since") AS "days"
           FROM "case_transition" t JOIN "victim_case" c ON c."id" = t."case_id"
          WHERE ${sql.within(`t."from_status_since"`)} AND ${sql.caseConditions()}
          GROUP BY ${keys.groupBy}, 3
       ) g
       CROSS JOIN LATERAL (
         SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS "median", percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS "p90"
           FROM unnest(g."days") d
       ) p`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    status: row.status,
    days: summary(row.median, row.p90, row.count),
  }));
}
