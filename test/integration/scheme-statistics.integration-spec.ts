import { holdClock } from "../../src/domain/calendar/clock";
import { addWorkingDays } from "../../src/domain/calendar/working-days";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  createOffender,
  mutate,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  referCase,
  SEND_INVITATION,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 14 §1: the measures the scheme is judged by. A history made through the API under a held
// clock; the statistics are checked against figures worked out by hand from it, and every measure
// against the same measure computed here in plain code from the rows.
const ANALYST = asUser("stats.analyst", [Role.ANALYST], null);
const ADMIN = asUser("stats.admin", [Role.ADMIN], null);
const LONDON_VLO = asUser("stats.london.vlo", [Role.VLO], Region.LONDON);

const ALL_FIELDS = `region month referrals invitations optIns declines optOuts closures optInRate
  declinesByReason { reason count }
  referralToFirstContactDays { median p90 count } invitationToDecisionDays { median p90 count }
  firstContactsWithin20WorkingDays { onTime late share } notificationsSentByDueDate { onTime late share }
  overdueNotifications overdueTasks timeInStatus { status days { median p90 count } }
  notifications { kind channel outcome count }
  personalStatementsInvited personalStatementsOnTime personalStatementsLate decisionSummariesRequested`;
const STATISTICS = `query ($filter: StatisticsFilter, $groupBy: [StatisticsDimension!]) {
  statistics(filter: $filter, groupBy: $groupBy) { ${ALL_FIELDS} }
}`;

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
interface Group {
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

describe.each(ENGINES)("the scheme's statistics (%s)", (engine) => {
  let h: Harness;
  const ids: Record<"a" | "b" | "c" | "d" | "e", string> = { a: "", b: "", c: "", d: "", e: "" };

  async function moveTo(day: string): Promise<void> {
    const moved = await h.run<{ advanceClock: { userErrors: unknown[] } }>(
      `mutation ($input: AdvanceClockInput!) { advanceClock(input: $input) { userErrors { code } } }`,
      { input: { to: `${day}T09:00:00Z` } },
      ADMIN,
    );
    expect(moved.data!.advanceClock.userErrors).toEqual([]);
  }

  async function statistics(variables: Record<string, unknown>, as = ANALYST): Promise<Group[]> {
    const result = await h.run<{ statistics: Group[] }>(STATISTICS, variables, as);
    expect(result.errors).toBeUndefined();
    return result.data!.statistics;
  }

  // Five victims of the North East, January to March 2026 (see each step's day).
  beforeAll(async () => {
    h = await startHarness(engine);
    holdClock({ kind: "FIXED", at: new Date("2026-01-05T09:00:00Z") });
    for (const key of ["a", "b", "c", "d"] as const)
      ids[key] = (await referCase(h, (await createOffender(h)).id, { referredOn: null })).id;
    await moveTo("2026-01-07");
    for (const key of ["a", "b", "c"] as const)
      await mutate(h, SEND_INVITATION, { caseId: ids[key], channel: "LETTER" });
    await moveTo("2026-01-12");
    await mutate(h, RECORD_OPT_IN, { caseId: ids.a });
    await mutate(h, AGREE_CONTACT_PLAN, { caseId: ids.a, informationLevel: "KEY_STAGES", channels: ["LETTER"] });
    await moveTo("2026-01-14");
    await mutate(h, RECORD_DECLINE, { caseId: ids.b });
    await moveTo("2026-02-02");
    ids.e = (await referCase(h, (await createOffender(h)).id, { referredOn: null })).id;
    await moveTo("2026-02-03");
    await mutate(h, SEND_INVITATION, { caseId: ids.e, channel: "LETTER" });
    await moveTo("2026-02-04");
    await mutate(h, RECORD_OPT_IN, { caseId: ids.e });
    await mutate(h, AGREE_CONTACT_PLAN, { caseId: ids.e, informationLevel: "KEY_STAGES", channels: ["LETTER"] });
    await moveTo("2026-02-20");
    await mutate(h, RECORD_OPT_OUT, { caseId: ids.e });
    await mutate(h, CLOSE_CASE, { caseId: ids.e, reason: "VICTIM_REQUEST" });
    // C never answers: its invitation expires through its timer on the way.
    await moveTo("2026-03-16");
  }, 120_000);
  afterAll(async () => {
    holdClock(null);
    await h.close();
  });

  // The last day a reply to C's invitation was on time; it expired the next working day's run.
  const replyDue = addWorkingDays(addWorkingDays("2026-01-07", 15), 20);

  it("should count the scheme's steps by the month each happened", async () => {
    const groups = await statistics({ groupBy: ["MONTH"] });

    const byMonth = Object.fromEntries(groups.map((group) => [group.month, group]));
    expect(byMonth["2026-01"]).toMatchObject({
      referrals: 4,
      invitations: 3,
      optIns: 1,
      declines: 1,
      declinesByReason: [{ reason: "DECLINED", count: 1 }],
      optOuts: 0,
      closures: 0,
      optInRate: 0.5,
    });
    expect(byMonth["2026-02"]).toMatchObject({
      referrals: 1,
      invitations: 1,
      optIns: 1,
      optOuts: 1,
      closures: 1,
    });
    const expiredIn = groups.find((group) => group.declinesByReason.some((reason) => reason.reason === "NO_RESPONSE"));
    expect(expiredIn!.month! > replyDue.slice(0, 7) || expiredIn!.month === replyDue.slice(0, 7)).toBe(true);
  });

  it("should time first contacts and decisions, and judge first contact against 20 working days", async () => {
    const [january] = await statistics({ groupBy: ["MONTH"], filter: { from: "2026-01-01", to: "2026-01-31" } });

    expect(january.month).toBe("2026-01");
    // A, B and C were invited two days after referral; D never was, and is past its 20 working days.
    expect(january.referralToFirstContactDays).toEqual({ median: 2, p90: 2, count: 3 });
    expect(january.firstContactsWithin20WorkingDays).toEqual({ onTime: 3, late: 1, share: 0.75 });
    // A decided after 5 days, B after 7, C's expiry after many more: the median is B's.
    expect(january.invitationToDecisionDays).toMatchObject({ median: 7, count: 3 });
    expect(january.invitationToDecisionDays.p90!).toBeGreaterThan(7);
    // D's first-contact task is open past its day.
    expect(january.overdueTasks).toBe(0);
    const [february] = await statistics({ groupBy: ["MONTH"], filter: { from: "2026-02-01", to: "2026-02-28" } });
    expect(february.overdueTasks).toBeGreaterThanOrEqual(1);
    expect(february.referralToFirstContactDays).toEqual({ median: 1, p90: 1, count: 1 });
  });

  it("should measure the days spent in each status from the history", async () => {
    const [january] = await statistics({ groupBy: ["MONTH"], filter: { from: "2026-01-01", to: "2026-01-31" } });
    const stay = Object.fromEntries(january.timeInStatus.map((entry) => [entry.status, entry.days]));

    expect(stay.REFERRED).toEqual({ median: 2, p90: 2, count: 3 });
    expect(stay.INVITED).toMatchObject({ median: 7, count: 3 });
    expect(stay.OPTED_IN).toEqual({ median: 0, p90: 0, count: 1 });
    // A is still ACTIVE: a stay not yet ended is not counted.
    expect(stay.ACTIVE).toBeUndefined();
    const [february] = await statistics({ groupBy: ["MONTH"], filter: { from: "2026-02-01", to: "2026-02-28" } });
    expect(february.timeInStatus.find((entry) => entry.status === "ACTIVE")!.days).toEqual({
      median: 16,
      p90: 16,
      count: 1,
    });
  });

  it("should agree, measure by measure and group by group, with the same measures worked out from the rows", async () => {
    for (const groupBy of [[], ["REGION"], ["MONTH"], ["REGION", "MONTH"]]) {
      const groups = await statistics({ groupBy });
      expect(groups).toEqual(await worked(h, groupBy));
    }
  });

  it("should narrow to a region, an officer, a route and a sentence type, and scope a VLO to their own region", async () => {
    const all = await statistics({});
    expect(all).toHaveLength(1);
    expect(all[0].referrals).toBe(5);
    expect(await statistics({ filter: { region: ["LONDON"] } })).toEqual([]);
    expect(await statistics({ filter: { eligibilityRoute: ["DISCRETIONARY"] } })).toEqual([]);
    expect((await statistics({ filter: { sentenceType: ["SDS"] } }))[0].referrals).toBe(5);
    expect(await statistics({ filter: { sentenceType: ["LIFE"] } })).toEqual([]);
    expect(await statistics({ filter: { officerId: "T2ZmaWNlcjpub3QtYS11dWlk" } })).toEqual([]);
    expect(await statistics({}, LONDON_VLO)).toEqual([]);
    const own = await statistics({}, asUser("stats.ne.vlo", [Role.VLO], Region.NORTH_EAST));
    expect(own[0].referrals).toBe(5);
  });

  it("should refuse a range that ends before it starts, and a caller who may not read cases", async () => {
    const backwards = await h.run(STATISTICS, { filter: { from: "2026-02-01", to: "2026-01-01" } }, ANALYST);
    expect(backwards.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: ["filter", "from"] });
    const auditor = await h.run(STATISTICS, {}, asUser("stats.auditor", [Role.AUDITOR], null));
    expect(auditor.errors![0].extensions?.code).toBe("FORBIDDEN");
  });

  it("should cost one statement per family of measures asked for, whatever the number of groups", async () => {
    const count = async (fields: string) => {
      h.statements.reset();
      const result = await h.run(`{ statistics(groupBy: [REGION, MONTH]) { ${fields} } }`, {}, ANALYST);
      expect(result.errors).toBeUndefined();
      return h.statements.count;
    };
    const base = await count("month");
    expect(await count("month referrals optIns closures optInRate")).toBe(base + 1);
    expect(await count(ALL_FIELDS)).toBe(base + 9);
  });
});

// ---- The same measures in plain code, from the rows --------------------------------------------

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

async function worked(h: Harness, groupBy: string[]): Promise<Group[]> {
  const q = (sql: string) => h.dataSource.query(sql) as Promise<Row[]>;
  const cases = await q(`SELECT "id", "region", "referred_on"::text AS "referred" FROM "victim_case"`);
  const history = await q(
    `SELECT "case_id", "sequence", "event", "from_status", "to_status", "reason", "payload", "effective_on"::text AS "day" FROM "case_transition" ORDER BY "case_id", "sequence"`,
  );
  const notifications = await q(
    `SELECT "case_id", "kind", "channel", "status", "due_on"::text AS "due", "sent_on"::text AS "sent" FROM "notification"`,
  );
  const tasks = await q(`SELECT "case_id", "kind", "status", "subject_id", "due_on"::text AS "due" FROM "task"`);
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
