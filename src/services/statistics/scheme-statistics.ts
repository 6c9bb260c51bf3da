import type { DataSource } from "typeorm";
import { readConnection } from "../platform/read-connection";
import type { SqlExecutor } from "../platform/sql";
import type { CaseStatus, DeclineReason } from "../../domain/cases/case.enums";
import { declinesByReason, funnelCounts, type FunnelCounts } from "./scheme-funnel";
import { firstContactStatistics, type ComplianceShare, type DaysSummary } from "./first-contact";
import {
  notificationOutcomes,
  notificationTimeliness,
  overdueTasks,
  type NotificationOutcomeCount,
} from "./notification-statistics";
import { decisionSummaryRequests, statementStatistics } from "./parole-statistics";
import { statusDurations } from "./status-durations";
import type { GroupKeys, StatisticsCriteria, StatisticsDimension } from "./statistics-criteria";

/** The families of measures, each one statement: only those asked for are run. */
export type MeasureFamily =
  | "FUNNEL"
  | "DECLINE_REASONS"
  | "FIRST_CONTACT"
  | "NOTIFICATION_TIMELINESS"
  | "OVERDUE_TASKS"
  | "STATUS_DURATIONS"
  | "NOTIFICATION_OUTCOMES"
  | "STATEMENTS"
  | "DECISION_SUMMARIES";

/** One group's measures; those of a family not asked for keep their empty values. */
export interface MeasureGroup extends GroupKeys, Omit<FunnelCounts, keyof GroupKeys> {
  declinesByReason: { reason: DeclineReason; count: number }[];
  referralToFirstContact: DaysSummary;
  invitationToDecision: DaysSummary;
  firstContactsOnTime: ComplianceShare;
  notificationsOnTime: ComplianceShare;
  overdueNotifications: number;
  overdueTasks: number;
  timeInStatus: { status: CaseStatus; days: DaysSummary }[];
  notifications: Omit<NotificationOutcomeCount, keyof GroupKeys>[];
  personalStatementsInvited: number;
  personalStatementsOnTime: number;
  personalStatementsLate: number;
  decisionSummariesRequested: number;
}

function emptyGroup(keys: GroupKeys): MeasureGroup {
  const none = () => ({ median: null, p90: null, count: 0 });
  return {
    region: keys.region,
    month: keys.month,
    referrals: 0,
    invitations: 0,
    optIns: 0,
    declines: 0,
    optOuts: 0,
    closures: 0,
    declinesByReason: [],
    referralToFirstContact: none(),
    invitationToDecision: none(),
    firstContactsOnTime: { onTime: 0, late: 0 },
    notificationsOnTime: { onTime: 0, late: 0 },
    overdueNotifications: 0,
    overdueTasks: 0,
    timeInStatus: [],
    notifications: [],
    personalStatementsInvited: 0,
    personalStatementsOnTime: 0,
    personalStatementsLate: 0,
    decisionSummariesRequested: 0,
  };
}

/**
 * The scheme's measures (issue 14 §1), one statement per family asked for, run side by side, then
 * joined by group: a group is in the answer when any measure has something in it. Ordered by
 * region, then month.
 */
export async function schemeStatistics(
  dataSource: DataSource,
  criteria: StatisticsCriteria,
  dimensions: readonly StatisticsDimension[],
  families: ReadonlySet<MeasureFamily>,
): Promise<MeasureGroup[]> {
  // Aggregates a little behind are fine for analysts: the replica carries them when there is one.
  const db = readConnection(dataSource);
  const groups = new Map<string, MeasureGroup>();
  const groupOf = (keys: GroupKeys) => {
    const key = `${keys.region ?? ""}|${keys.month ?? ""}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = emptyGroup(keys)));
    return group;
  };
  const run = async <Row extends GroupKeys>(
    family: MeasureFamily,
    query: (
      db: SqlExecutor,
      criteria: StatisticsCriteria,
      dimensions: readonly StatisticsDimension[],
    ) => Promise<Row[]>,
    merge: (group: MeasureGroup, row: Row) => void,
  ) => {
    if (!families.has(family)) return;
    for (const row of await query(db, criteria, dimensions)) merge(groupOf(row), row);
  };
  await Promise.all([
    run("FUNNEL", funnelCounts, (group, { region: _region, month: _month, ...counts }) => Object.assign(group, counts)),
    run("DECLINE_REASONS", declinesByReason, (group, row) =>
      group.declinesByReason.push({ reason: row.reason, count: row.count }),
    ),
    run("FIRST_CONTACT", firstContactStatistics, (group, row) => {
      group.referralToFirstContact = row.referralToFirstContact;
      group.invitationToDecision = row.invitationToDecision;
      group.firstContactsOnTime = row.firstContactsOnTime;
    }),
    run("NOTIFICATION_TIMELINESS", notificationTimeliness, (group, row) => {
      group.notificationsOnTime = row.notificationsOnTime;
      group.overdueNotifications = row.overdueNotifications;
    }),
    run("OVERDUE_TASKS", overdueTasks, (group, row) => (group.overdueTasks = row.overdueTasks)),
    run("STATUS_DURATIONS", statusDurations, (group, row) =>
      group.timeInStatus.push({ status: row.status, days: row.days }),
    ),
    run("NOTIFICATION_OUTCOMES", notificationOutcomes, (group, { region: _region, month: _month, ...count }) =>
      group.notifications.push(count),
    ),
    run("STATEMENTS", statementStatistics, (group, { region: _region, month: _month, ...counts }) =>
      Object.assign(group, counts),
    ),
    run("DECISION_SUMMARIES", decisionSummaryRequests, (group, row) => {
      group.decisionSummariesRequested = row.decisionSummariesRequested;
    }),
  ]);
  const ordered = [...groups.values()].sort(
    (a, b) => (a.region ?? "").localeCompare(b.region ?? "") || (a.month ?? "").localeCompare(b.month ?? ""),
  );
  for (const group of ordered) {
    group.declinesByReason.sort((a, b) => a.reason.localeCompare(b.reason));
    group.timeInStatus.sort((a, b) => a.status.localeCompare(b.status));
    group.notifications.sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) || a.channel.localeCompare(b.channel) || a.outcome.localeCompare(b.outcome),
    );
  }
  return ordered;
}
