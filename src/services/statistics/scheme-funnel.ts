import { DeclineReason } from "../../domain/cases/case.enums";
import { sqlList } from "../../entities/sql-list";
import { selectRows, type SqlExecutor } from "../platform/sql";
import {
  StatisticsSql,
  type GroupKeys,
  type StatisticsCriteria,
  type StatisticsDimension,
} from "./statistics-criteria";

export interface FunnelCounts extends GroupKeys {
  referrals: number;
  invitations: number;
  optIns: number;
  declines: number;
  optOuts: number;
  closures: number;
}

export interface DeclineCount extends GroupKeys {
  reason: DeclineReason;
  count: number;
}

// Written into the SQL, not bound, so PostgreSQL can see the statement reads only rows of the
// funnel's partial index (migration StatisticsAtScale).
const FUNNEL_EVENTS = [
  "REFERRED",
  "SEND_INVITATION",
  "RECORD_OPT_IN",
  "RECORD_DECLINE",
  "INVITATION_EXPIRED",
  "RECORD_OPT_OUT",
];

/**
 * How many victims came through each step of the scheme, counted from the history by the day each
 * step took effect: referrals, invitations sent (a follow-up counts again), opt-ins (a return after
 * declining or opting out counts again), declines (an expired invitation too), opt-outs, closures.
 */
export async function funnelCounts(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<FunnelCounts[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`t."effective_on"`);
  const rows = await selectRows<GroupKeys & Record<Exclude<keyof FunnelCounts, keyof GroupKeys>, string>>(
    db,
    `SELECT ${keys.select},
            count(*) FILTER (WHERE t."event" = 'REFERRED') AS "referrals",
            count(*) FILTER (WHERE t."event" = 'SEND_INVITATION') AS "invitations",
            count(*) FILTER (WHERE t."event" = 'RECORD_OPT_IN') AS "optIns",
            count(*) FILTER (WHERE t."event" IN ('RECORD_DECLINE', 'INVITATION_EXPIRED')) AS "declines",
            count(*) FILTER (WHERE t."event" = 'RECORD_OPT_OUT') AS "optOuts",
            count(*) FILTER (WHERE t."to_status" = 'CLOSED' AND t."from_status" IS DISTINCT FROM 'CLOSED') AS "closures"
       FROM "case_transition" t JOIN "victim_case" c ON c."id" = t."case_id"
      WHERE (t."event" IN (${sqlList(FUNNEL_EVENTS)}) OR (t."to_status" = 'CLOSED' AND t."from_status" <> 'CLOSED'))
        AND ${sql.within(`t."effective_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    referrals: Number(row.referrals),
    invitations: Number(row.invitations),
    optIns: Number(row.optIns),
    declines: Number(row.declines),
    optOuts: Number(row.optOuts),
    closures: Number(row.closures),
  }));
}

/** Declines by reason: the victim said no (DECLINED), or the invitation expired unanswered (NO_RESPONSE). */
export async function declinesByReason(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<DeclineCount[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`t."effective_on"`);
  const rows = await selectRows<GroupKeys & { reason: string; count: string }>(
    db,
    `SELECT ${keys.select},
            CASE WHEN t."event" = 'INVITATION_EXPIRED' THEN '${DeclineReason.NO_RESPONSE}' ELSE COALESCE(t."reason", '${DeclineReason.DECLINED}') END AS "reason",
            count(*) AS "count"
       FROM "case_transition" t JOIN "victim_case" c ON c."id" = t."case_id"
      WHERE t."event" IN ('RECORD_DECLINE', 'INVITATION_EXPIRED') AND ${sql.within(`t."effective_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}, 3`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    reason: row.reason as DeclineReason,
    count: Number(row.count),
  }));
}
