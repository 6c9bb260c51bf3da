import type { DataSource } from "typeorm";
import { selectRows } from "./sql";

/** What a seeded database holds, counted: the same seed gives the same counts. */
export interface SeedCounts {
  officers: number;
  offenders: number;
  contacts: number;
  casesByStatus: Record<string, number>;
  transitionsByEvent: Record<string, number>;
  custodyEventsByType: Record<string, number>;
  notificationsByKind: Record<string, number>;
  notificationsByStatus: Record<string, number>;
  tasksByKind: Record<string, number>;
  tasksByStatus: Record<string, number>;
  timersByStatus: Record<string, number>;
  timersFiredByKind: Record<string, number>;
  paroleReviewsByStatus: Record<string, number>;
  statementsByStatus: Record<string, number>;
  licenceConditionsByStatus: Record<string, number>;
}

// Table and column names are this module's own constants, never input.
const GROUPS: Record<Exclude<keyof SeedCounts, "officers" | "offenders" | "contacts">, [string, string, string?]> = {
  casesByStatus: ["victim_case", "status"],
  transitionsByEvent: ["case_transition", "event"],
  custodyEventsByType: ["custody_event", "type"],
  notificationsByKind: ["notification", "kind"],
  notificationsByStatus: ["notification", "status"],
  tasksByKind: ["task", "kind"],
  tasksByStatus: ["task", "status"],
  timersByStatus: ["timer", "status"],
  timersFiredByKind: ["timer", "kind", `"status" = 'FIRED'`],
  paroleReviewsByStatus: ["parole_review", "status"],
  statementsByStatus: ["victim_personal_statement", "status"],
  licenceConditionsByStatus: ["licence_condition_request", "status"],
};

export async function countSeededData(dataSource: DataSource): Promise<SeedCounts> {
  const [totals] = await selectRows<{ officers: number; offenders: number; contacts: number }>(
    dataSource.manager,
    `SELECT (SELECT count(*) FROM "officer")::int AS "officers", (SELECT count(*) FROM "offender")::int AS "offenders",
            (SELECT count(*) FROM "case_contact")::int AS "contacts"`,
  );
  const counts = { ...totals } as SeedCounts;
  for (const [name, [table, column, where]] of Object.entries(GROUPS)) {
    const rows = await selectRows<{ value: string; count: number }>(
      dataSource.manager,
      `SELECT "${column}" AS "value", count(*)::int AS "count" FROM "${table}" ${where ? `WHERE ${where}` : ""}
        GROUP BY "${column}" ORDER BY "${column}"`,
    );
    counts[name as keyof typeof GROUPS] = Object.fromEntries(rows.map((row) => [row.value, row.count]));
  }
  return counts;
}
