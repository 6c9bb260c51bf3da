import type { ContactChannel } from "../../domain/cases/contact.enums";
import type { NotificationKind, NotificationStatus } from "../../domain/notifications/notification.enums";
import { TaskStatus } from "../../domain/work/task.enums";
import { sqlList } from "../../entities/sql-list";
import { selectRows, type SqlExecutor } from "../platform/sql";
import { OPEN_NOTIFICATION_STATUSES } from "../work/open-work";
import type { ComplianceShare } from "./first-contact";
import {
  StatisticsSql,
  type GroupKeys,
  type StatisticsCriteria,
  type StatisticsDimension,
} from "./statistics-criteria";

export interface NotificationOutcomeCount extends GroupKeys {
  kind: NotificationKind;
  channel: ContactChannel;
  outcome: NotificationStatus;
  count: number;
}

export interface NotificationTimeliness extends GroupKeys {
  notificationsOnTime: ComplianceShare;
  overdueNotifications: number;
}

export interface OverdueTasks extends GroupKeys {
  overdueTasks: number;
}

/** What the victims were to be told, by kind, channel and where each stands now, by the month it was due. */
export async function notificationOutcomes(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<NotificationOutcomeCount[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`n."due_on"`);
  const rows = await selectRows<
    GroupKeys & { kind: NotificationKind; channel: ContactChannel; outcome: NotificationStatus; count: string }
  >(
    db,
    `SELECT ${keys.select}, n."kind", n."channel", n."status" AS "outcome", count(*) AS "count"
       FROM "notification" n JOIN "victim_case" c ON c."id" = n."case_id"
      WHERE ${sql.within(`n."due_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}, 3, 4, 5`,
    sql.values,
  );
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/**
 * The Victims' Code's notifications by their due day: sent on or before it, or late (sent after
 * it, or still unsent past it); and those unsent past it now.
 */
export async function notificationTimeliness(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<NotificationTimeliness[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`n."due_on"`);
  const today = sql.today();
  const open = `n."status" IN (${sqlList(OPEN_NOTIFICATION_STATUSES)}) AND n."sent_on" IS NULL AND n."due_on" < ${today}`;
  const rows = await selectRows<GroupKeys & { onTime: string; late: string; overdue: string }>(
    db,
    `SELECT ${keys.select},
            count(*) FILTER (WHERE n."sent_on" <= n."due_on") AS "onTime",
            count(*) FILTER (WHERE n."sent_on" > n."due_on" OR (${open})) AS "late",
            count(*) FILTER (WHERE ${open}) AS "overdue"
       FROM "notification" n JOIN "victim_case" c ON c."id" = n."case_id"
      WHERE n."status" <> 'CANCELLED' AND ${sql.within(`n."due_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}`,
    sql.values,
  );
  return rows.map((row) => ({
    region: row.region,
    month: row.month,
    notificationsOnTime: { onTime: Number(row.onTime), late: Number(row.late) },
    overdueNotifications: Number(row.overdue),
  }));
}

/** Officers' tasks open past their due day now, by the month they fell due. */
export async function overdueTasks(
  db: SqlExecutor,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
): Promise<OverdueTasks[]> {
  const sql = new StatisticsSql(criteria, dimensions);
  const keys = sql.keys(`k."due_on"`);
  const rows = await selectRows<GroupKeys & { overdue: string }>(
    db,
    `SELECT ${keys.select}, count(*) AS "overdue"
       FROM "task" k JOIN "victim_case" c ON c."id" = k."case_id"
      WHERE k."status" = '${TaskStatus.OPEN}' AND k."due_on" < ${sql.today()} AND ${sql.within(`k."due_on"`)} AND ${sql.caseConditions()}
      GROUP BY ${keys.groupBy}`,
    sql.values,
  );
  return rows.map((row) => ({ region: row.region, month: row.month, overdueTasks: Number(row.overdue) }));
}
