import { holdClock } from "../../src/domain/calendar/clock";
import { addWorkingDays } from "../../src/domain/calendar/working-days";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { runSeed } from "../../src/services/platform/seed-runner";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  createOffender,
  LIFE_SENTENCE,
  mutate,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  referCase,
  SEND_INVITATION,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";
import { worked, type Group } from "../support/statistics-by-hand";

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

const SCHEDULE_HEARING = `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { userErrors { code } } }`;
const INVITE_STATEMENT = `mutation ($input: InviteVictimPersonalStatementInput!) { inviteVictimPersonalStatement(input: $input) { userErrors { code } } }`;
const SUBMIT_STATEMENT = `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { userErrors { code } } }`;
const RECORD_PAROLE_DECISION = `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { userErrors { code } } }`;
const REQUEST_DECISION_SUMMARY = `mutation ($input: RequestParoleDecisionSummaryInput!) { requestParoleDecisionSummary(input: $input) { userErrors { code } } }`;

/** Moves the service's held clock on to 09:00 on `day`, running the timers that fall due. */
async function moveClockTo(h: Harness, day: string): Promise<void> {
  const moved = await h.run<{ advanceClock: { userErrors: unknown[] } }>(
    `mutation ($input: AdvanceClockInput!) { advanceClock(input: $input) { userErrors { code } } }`,
    { input: { to: `${day}T09:00:00Z` } },
    ADMIN,
  );
  expect(moved.data!.advanceClock.userErrors).toEqual([]);
}

async function statisticsOf(h: Harness, variables: Record<string, unknown>, as = ANALYST): Promise<Group[]> {
  const result = await h.run<{ statistics: Group[] }>(STATISTICS, variables, as);
  expect(result.errors).toBeUndefined();
  return result.data!.statistics;
}

describe.each(ENGINES)("the scheme's statistics (%s)", (engine) => {
  let h: Harness;
  const ids: Record<"a" | "b" | "c" | "d" | "e", string> = { a: "", b: "", c: "", d: "", e: "" };

  const moveTo = (day: string) => moveClockTo(h, day);
  const statistics = (variables: Record<string, unknown>, as = ANALYST) => statisticsOf(h, variables, as);

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

// A seeded history (npm run seed's own runner): three years of paths drawn at the scheme's rates,
// with parole, recalls, late letters and expired invitations the hand-made history above lacks.
describe.each(ENGINES)("the scheme's statistics over a seeded history (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
    holdClock({ kind: "FIXED", at: new Date("2026-11-02T09:00:00Z") });
    await runSeed(h.dataSource, { cases: 80, seed: 7, years: 3, parallel: engine === "postgres" ? 3 : 1 });
  }, 180_000);
  afterAll(async () => {
    holdClock(null);
    await h.close();
  });

  it("should agree, measure by measure and group by group, with the same measures worked out from the rows", async () => {
    for (const groupBy of [[], ["REGION"], ["MONTH"], ["REGION", "MONTH"]]) {
      expect(await statisticsOf(h, { groupBy })).toEqual(await worked(h, groupBy));
    }
    // The seeded history reaches every family of measures.
    const [all] = await statisticsOf(h, {});
    expect(all.referrals).toBe(80);
    const { personalStatementsOnTime, decisionSummariesRequested } = all;
    for (const measure of [
      all.optIns,
      all.declines,
      all.closures,
      personalStatementsOnTime,
      decisionSummariesRequested,
    ])
      expect(measure).toBeGreaterThan(0);
    expect(all.notificationsSentByDueDate.late).toBeGreaterThan(0);
    expect(all.timeInStatus.length).toBeGreaterThanOrEqual(4);
  });
});

// Parole by hand: one lifer's review and two victims invited to make a statement before the same
// deadline (28 days before the hearing); one submits on the deadline day, the other tries the day
// after and is refused, so stays invited.
describe.each(ENGINES)("the scheme's parole statistics (%s)", (engine) => {
  let h: Harness;
  const step = async (mutation: string, input: Record<string, unknown>) => {
    const payload = await mutate<{ userErrors: unknown[] }>(h, mutation, input);
    expect(payload.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    h = await startHarness(engine);
    holdClock({ kind: "FIXED", at: new Date("2026-03-02T09:00:00Z") });
    const offender = await createOffender(h, {}, LIFE_SENTENCE);
    const onTime = await optedInCase(h, offender.id, true);
    const tooLate = await optedInCase(h, offender.id, true);
    await step(RECORD_CUSTODY_EVENT, { offenderId: offender.id, type: "REFERRED_TO_PAROLE_BOARD" });
    const reviews = await h.run<{ offender: { paroleReviews: { id: string }[] } }>(
      `query ($id: ID!) { offender(id: $id) { paroleReviews { id } } }`,
      { id: offender.id },
    );
    const paroleReviewId = reviews.data!.offender.paroleReviews[0].id;
    await step(SCHEDULE_HEARING, { paroleReviewId, targetHearingDate: "2026-05-11", hearingType: "ORAL" });
    for (const victimCase of [onTime, tooLate]) await step(INVITE_STATEMENT, { caseId: victimCase.id, paroleReviewId });
    const statement = { paroleReviewId, format: "READ_BY_PANEL", text: "I still do not feel safe." };
    await moveClockTo(h, "2026-04-13");
    await step(SUBMIT_STATEMENT, { ...statement, caseId: onTime.id });
    await moveClockTo(h, "2026-04-14");
    const refused = await mutate<{ userErrors: { code: string }[] }>(h, SUBMIT_STATEMENT, {
      ...statement,
      caseId: tooLate.id,
    });
    expect(refused.userErrors).toEqual([{ code: "DEADLINE_PASSED" }]);
    await moveClockTo(h, "2026-05-12");
    await step(RECORD_PAROLE_DECISION, { paroleReviewId, outcome: "NO_RELEASE" });
    await step(REQUEST_DECISION_SUMMARY, { caseId: onTime.id, paroleReviewId });
  }, 120_000);
  afterAll(async () => {
    holdClock(null);
    await h.close();
  });

  it("should count a statement submitted on its deadline day as on time, and one never submitted as neither, by the month invited", async () => {
    const parole = (groups: Group[]) =>
      groups.map((group) => ({
        month: group.month,
        invited: group.personalStatementsInvited,
        onTime: group.personalStatementsOnTime,
        late: group.personalStatementsLate,
        summaries: group.decisionSummariesRequested,
      }));
    expect(parole(await statisticsOf(h, {}))).toEqual([{ month: null, invited: 2, onTime: 1, late: 0, summaries: 1 }]);
    expect(parole(await statisticsOf(h, { groupBy: ["MONTH"] }))).toEqual([
      // The referrals' month.
      { month: "2026-01", invited: 0, onTime: 0, late: 0, summaries: 0 },
      { month: "2026-03", invited: 2, onTime: 1, late: 0, summaries: 0 },
      { month: "2026-05", invited: 0, onTime: 0, late: 0, summaries: 1 },
    ]);
    for (const groupBy of [[], ["REGION", "MONTH"]])
      expect(await statisticsOf(h, { groupBy })).toEqual(await worked(h, groupBy));
  });
});
