import { selectRows, type SqlExecutor } from "../platform/sql";
import {
  StatisticsSql,
  type GroupKeys,
  type StatisticsCriteria,
  type StatisticsDimension,
} from "./statistics-criteria";

export interface StatementStatistics extends GroupKeys {
  personalStatementsInvited: number;
  personalStatementsOnTime: number;
  personalStatementsLate: number;
}

export interface DecisionSummaryRequests extends GroupKeys {
  decisionSummariesRequested: number;
}

/**
 * Victims invited to make a personal statement for a parole hearing (by the month invited), and
 * how many submitted by the deadline (the PERSONAL_STATEMENT task's due day, moved with the
 * hearing) or after it.
 */
export async function statementStatistics(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<StatementStatistics[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`v."invited_on"`);
  // The deadline is joined once per statement, not looked up twice per row.
  const rows = await selectRows<GroupKeys & { invited: string; onTime: string; late: string }>(
    db,
    `SELECT ${keys.select}, count(*) AS "invited",
            count(*) FILTER (WHERE v."submitted_on" <= d."due_on") AS "onTime",
            count(*) FILTER (WHERE v."submitted_on" > d."due_on") AS "late"
       FROM "victim_personal_statement" v JOIN "victim_case" c ON c."id" = v."case_id"
       LEFT JOIN LATERAL (
         SELECT min(k."due_on") AS "due_on" FROM "task" k
          WHERE k."case_id" = v."case_id" AND k."subject_id" = v."parole_review_id" AND k."kind" = 'PERSONAL_STATEMENT'
       ) d ON TRUE
      WHERE ${sql.within(`v."invited_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    personalStatementsInvited: Number(row.invited),
    personalStatementsOnTime: Number(row.onTime),
    personalStatementsLate: Number(row.late),
  }));
}

/** Victims' requests for a summary of the Parole Board's decision, by the month requested. */
export async function decisionSummaryRequests(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<DecisionSummaryRequests[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`r."requested_on"`);
  const rows = await selectRows<GroupKeys & { requested: string }>(
    db,
    `SELECT ${keys.select}, count(*) AS "requested"
       FROM "parole_request" r JOIN "victim_case" c ON c."id" = r."case_id"
      WHERE r."kind" = 'DECISION_SUMMARY' AND ${sql.within(`r."requested_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    decisionSummariesRequested: Number(row.requested),
  }));
}
