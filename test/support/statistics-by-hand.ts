import type { Harness } from "./harness";

// The scheme's measures (issue 14 §1) computed in plain code from the rows, the way an analyst with
// a spreadsheet would: the statistics specs compare the service's SQL with these, group by group.

interface Days {
  median: number | null;
  p90: number | null;
  count: number;
}
interface Share {
  onTime: number;
  late: number;
  share: number | null;
}
export interface Group {
  region: string | null;
  month: string | null;
  referrals: number;
  invitations: number;
  optIns: number;
  declines: number;
  optOuts: number;
  closures: number;
  optInRate: number | null;
  declinesByReason: { reason: string; count: number }[];
  referralToFirstContactDays: Days;
  invitationToDecisionDays: Days;
  firstContactsWithin20WorkingDays: Share;
  notificationsSentByDueDate: Share;
  overdueNotifications: number;
  overdueTasks: number;
  timeInStatus: { status: string; days: Days }[];
  notifications: { kind: string; channel: string; outcome: string; count: number }[];
  personalStatementsInvited: number;
  personalStatementsOnTime: number;
  personalStatementsLate: number;
  decisionSummariesRequested: number;
}

type Row = Record<string, unknown>;

function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

function days(values: number[]): Days {
  return { median: percentile(values, 0.5), p90: percentile(values, 0.9), count: values.length };
}

function share(onTime: number, late: number): Share {
  return { onTime, late, share: onTime + late === 0 ? null : onTime / (onTime + late) };
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Every measure for the whole history, grouped as `groupBy` asks, as `statistics` answers it. */
export async function worked(h: Harness, groupBy: string[]): Promise<Group[]> {
  const q = (sql: string) => h.dataSource.query(sql) as Promise<Row[]>;
  const cases = await q(`SELECT "id", "region", "referred_on"::text AS "referred" FROM "victim_case"`);
  const history = await q(
    `SELECT "case_id", "sequence", "event", "from_status", "to_status", "reason", "payload", "effective_on"::text AS "day" FROM "case_transition" ORDER BY "case_id", "sequence"`,
  );
  const notifications = await q(
    `SELECT "case_id", "kind", "channel", "status", "due_on"::text AS "due", "sent_on"::text AS "sent" FROM "notification"`,
  );
  const tasks = await q(`SELECT "case_id", "kind", "status", "subject_id", "due_on"::text AS "due" FROM "task"`);
  const statements = await q(
    `SELECT "case_id", "parole_review_id", "invited_on"::text AS "invited", "submitted_on"::text AS "submitted" FROM "victim_personal_statement"`,
  );
  const paroleRequests = await q(`SELECT "case_id", "kind", "requested_on"::text AS "requested" FROM "parole_request"`);
  const todayDay = (await h.run<{ clock: { today: string } }>(`{ clock { today } }`, {})).data!.clock.today;
  const regionOf = new Map(cases.map((c) => [c.id as string, c.region as string | null]));

  const groups = new Map<string, Group>();
  const group = (caseId: string, day: string): Group => {
    const region = groupBy.includes("REGION") ? regionOf.get(caseId)! : null;
    const month = groupBy.includes("MONTH") ? day.slice(0, 7) : null;
    const key = `${region}|${month}`;
    if (!groups.has(key))
      groups.set(key, {
        region,
        month,
        referrals: 0,
        invitations: 0,
        optIns: 0,
        declines: 0,
        optOuts: 0,
        closures: 0,
        optInRate: null,
        declinesByReason: [],
        referralToFirstContactDays: days([]),
        invitationToDecisionDays: days([]),
        firstContactsWithin20WorkingDays: share(0, 0),
        notificationsSentByDueDate: share(0, 0),
        overdueNotifications: 0,
        overdueTasks: 0,
        timeInStatus: [],
        notifications: [],
        personalStatementsInvited: 0,
        personalStatementsOnTime: 0,
        personalStatementsLate: 0,
        decisionSummariesRequested: 0,
      });
    return groups.get(key)!;
  };
  const bump = <T>(list: T[], match: (item: T) => boolean, make: () => T, add: (item: T) => void) => {
    let item = list.find(match);
    if (!item) list.push((item = make()));
    add(item);
  };

  for (const row of history) {
    const caseId = row.case_id as string;
    const day = row.day as string;
    const event = row.event as string;
    if (event === "REFERRED") group(caseId, day).referrals += 1;
    if (event === "SEND_INVITATION") group(caseId, day).invitations += 1;
    if (event === "RECORD_OPT_IN") group(caseId, day).optIns += 1;
    if (event === "RECORD_OPT_OUT") group(caseId, day).optOuts += 1;
    if (row.to_status === "CLOSED" && row.from_status !== "CLOSED") group(caseId, day).closures += 1;
    if (event === "RECORD_DECLINE" || event === "INVITATION_EXPIRED") {
      const target = group(caseId, day);
      target.declines += 1;
      const reason = event === "INVITATION_EXPIRED" ? "NO_RESPONSE" : ((row.reason as string) ?? "DECLINED");
      bump(
        target.declinesByReason,
        (item) => item.reason === reason,
        () => ({ reason, count: 0 }),
        (item) => (item.count += 1),
      );
    }
  }

  const firstContact = new Map<string, { contact: number[]; decision: number[]; onTime: number; late: number }>();
  for (const c of cases) {
    const mine = history.filter((row) => row.case_id === c.id);
    const first = (test: (row: Row) => boolean) => mine.find(test)?.day as string | undefined;
    const contacted = first(
      (row) =>
        row.event === "SEND_INVITATION" ||
        (row.event === "TASK_COMPLETED" && (row.payload as { kind?: string }).kind === "FIRST_CONTACT"),
    );
    const invited = first((row) => row.event === "SEND_INVITATION");
    const decided = first((row) =>
      ["RECORD_OPT_IN", "RECORD_DECLINE", "INVITATION_EXPIRED"].includes(row.event as string),
    );
    const due = tasks.find((task) => task.case_id === c.id && task.kind === "FIRST_CONTACT")?.due as string | undefined;
    const target = group(c.id as string, c.referred as string);
    const key = `${target.region}|${target.month}`;
    const entry = firstContact.get(key) ?? { contact: [], decision: [], onTime: 0, late: 0 };
    firstContact.set(key, entry);
    if (contacted) entry.contact.push(dayNumber(contacted) - dayNumber(c.referred as string));
    if (invited && decided) entry.decision.push(dayNumber(decided) - dayNumber(invited));
    if (due && contacted && contacted <= due) entry.onTime += 1;
    if (due && ((contacted && contacted > due) || (!contacted && due < todayDay))) entry.late += 1;
  }
  for (const [key, entry] of firstContact) {
    const target = groups.get(key)!;
    target.referralToFirstContactDays = days(entry.contact);
    target.invitationToDecisionDays = days(entry.decision);
    target.firstContactsWithin20WorkingDays = share(entry.onTime, entry.late);
  }

  const stays = new Map<string, Map<string, number[]>>();
  for (const c of cases) {
    const changes = history.filter((row) => row.case_id === c.id && row.from_status !== row.to_status);
    changes.forEach((row, index) => {
      const next = changes[index + 1];
      if (!next) return;
      const target = group(c.id as string, row.day as string);
      const key = `${target.region}|${target.month}`;
      const byStatus = stays.get(key) ?? new Map<string, number[]>();
      stays.set(key, byStatus);
      const list = byStatus.get(row.to_status as string) ?? [];
      byStatus.set(row.to_status as string, list);
      list.push(dayNumber(next.day as string) - dayNumber(row.day as string));
    });
  }
  for (const [key, byStatus] of stays)
    groups.get(key)!.timeInStatus = [...byStatus]
      .map(([status, values]) => ({ status, days: days(values) }))
      .sort((a, b) => a.status.localeCompare(b.status));

  for (const n of notifications) {
    const target = group(n.case_id as string, n.due as string);
    bump(
      target.notifications,
      (item) => item.kind === n.kind && item.channel === n.channel && item.outcome === n.status,
      () => ({ kind: n.kind as string, channel: n.channel as string, outcome: n.status as string, count: 0 }),
      (item) => (item.count += 1),
    );
    if (n.status === "CANCELLED") continue;
    const open = ["DUE", "FAILED", "ESCALATED"].includes(n.status as string) && !n.sent && (n.due as string) < todayDay;
    const onTime = n.sent != null && (n.sent as string) <= (n.due as string);
    const late = (n.sent != null && (n.sent as string) > (n.due as string)) || open;
    target.notificationsSentByDueDate = share(
      target.notificationsSentByDueDate.onTime + (onTime ? 1 : 0),
      target.notificationsSentByDueDate.late + (late ? 1 : 0),
    );
    if (open) target.overdueNotifications += 1;
  }
  for (const task of tasks)
    if (task.status === "OPEN" && (task.due as string) < todayDay)
      group(task.case_id as string, task.due as string).overdueTasks += 1;

  // A statement is on time when submitted by its PERSONAL_STATEMENT task's due day (the earliest,
  // should a hearing have moved it), counted in the month the victim was invited.
  for (const statement of statements) {
    if (!statement.invited) continue;
    const target = group(statement.case_id as string, statement.invited as string);
    target.personalStatementsInvited += 1;
    const due = tasks
      .filter(
        (task) =>
          task.case_id === statement.case_id &&
          task.subject_id === statement.parole_review_id &&
          task.kind === "PERSONAL_STATEMENT",
      )
      .map((task) => task.due as string)
      .sort()[0];
    const submitted = statement.submitted as string | null;
    if (submitted && due && submitted <= due) target.personalStatementsOnTime += 1;
    if (submitted && due && submitted > due) target.personalStatementsLate += 1;
  }
  for (const request of paroleRequests)
    if (request.kind === "DECISION_SUMMARY")
      group(request.case_id as string, request.requested as string).decisionSummariesRequested += 1;

  for (const target of groups.values()) {
    const decisions = target.optIns + target.declines;
    target.optInRate = decisions === 0 ? null : target.optIns / decisions;
    target.declinesByReason.sort((a, b) => a.reason.localeCompare(b.reason));
    target.notifications.sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) || a.channel.localeCompare(b.channel) || a.outcome.localeCompare(b.outcome),
    );
  }
  return [...groups.values()].sort(
    (a, b) => (a.region ?? "").localeCompare(b.region ?? "") || (a.month ?? "").localeCompare(b.month ?? ""),
  );
}
