import { holdClock } from "../../src/domain/calendar/clock";
import { addYears } from "../../src/domain/calendar/calendar";
import { addWorkingDays } from "../../src/domain/calendar/working-days";
import { Role } from "../../src/domain/security/role.enum";
import {
  AGREE_CONTACT_PLAN,
  createOffender,
  mutate,
  RECORD_OPT_IN,
  REFER,
  SEND_INVITATION,
  contactInput,
  type CasePayload,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 14 §3: a test holds the service's time and moves it with advanceClock; the timers that come
// due on the way run, in order, once. Nothing here writes a row by hand.
const START = "2026-06-01T09:00:00.000Z";
const ADMIN = asUser("clock.admin", [Role.ADMIN], null);
const CLOCK = `{ clock { now today held } }`;
const ADVANCE = `mutation ($input: AdvanceClockInput!) {
  advanceClock(input: $input) {
    clock { now today held }
    timers { kind subjectId dueOn ranOn outcome }
    userErrors { code message field }
  }
}`;
const CASE = `query ($id: ID!) {
  victimCase(id: $id) {
    status referredOn nextDueOn
    tasks { kind dueOn overdue status }
    notifications { kind status }
    history(first: 50) { nodes { event effectiveOn } }
  }
}`;

interface TimerRunView {
  kind: string;
  subjectId: string;
  dueOn: string;
  ranOn: string;
  outcome: string;
}

interface AdvancePayload {
  clock: { now: string; today: string; held: boolean } | null;
  timers: TimerRunView[];
  userErrors: { code: string; message: string; field: string[] | null }[];
}

interface CaseRead {
  status: string;
  referredOn: string;
  nextDueOn: string | null;
  tasks: { kind: string; dueOn: string; overdue: boolean; status: string }[];
  notifications: { kind: string; status: string }[];
  history: { nodes: { event: string; effectiveOn: string }[] };
}

describe.each(ENGINES)("a clock tests can hold (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => {
    holdClock(null);
    await h.close();
  });
  beforeEach(() => holdClock({ kind: "FIXED", at: new Date(START) }));

  async function advance(input: Record<string, unknown>, as = ADMIN): Promise<AdvancePayload> {
    const result = await h.run<{ advanceClock: AdvancePayload }>(ADVANCE, { input }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.advanceClock;
  }

  async function read(id: string): Promise<CaseRead> {
    const result = await h.run<{ victimCase: CaseRead }>(CASE, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.victimCase;
  }

  /** A case referred today: no referredOn, so the service's today. */
  async function referredCase(): Promise<string> {
    const offender = await createOffender(h);
    const referred = await mutate<CasePayload>(h, REFER, { offenderId: offender.id, contact: contactInput() });
    expect(referred.userErrors).toEqual([]);
    return referred.victimCase!.id;
  }

  /** A case referred today and invited by letter. */
  async function invitedCase(): Promise<string> {
    const caseId = await referredCase();
    await mutate(h, SEND_INVITATION, { caseId, channel: "LETTER" });
    return caseId;
  }

  it("should tell the held time, and date a referral without referredOn by it", async () => {
    const clock = await h.run<{ clock: { now: string; today: string; held: boolean } }>(CLOCK, {});
    expect(clock.data!.clock).toEqual({ now: START, today: "2026-06-01", held: true });

    const caseId = await invitedCase();

    const victimCase = await read(caseId);
    expect(victimCase.referredOn).toBe("2026-06-01");
    expect(victimCase.history.nodes.map((node) => node.effectiveOn)).toEqual(["2026-06-01", "2026-06-01"]);
  });

  it("should expire an unanswered invitation when the clock passes its day, running the follow-up first, once", async () => {
    const caseId = await invitedCase();
    expect((await read(caseId)).status).toBe("INVITED");

    const moved = await advance({ days: 60 });

    expect(moved.userErrors).toEqual([]);
    expect(moved.clock).toEqual({ now: "2026-07-31T09:00:00.000Z", today: "2026-07-31", held: true });
    const mine = moved.timers.filter((timer) => timer.subjectId === caseId);
    expect(mine.map((timer) => [timer.kind, timer.outcome])).toEqual([
      ["INVITATION_FOLLOW_UP", "FIRED"],
      ["INVITATION_EXPIRY", "FIRED"],
    ]);
    // Each ran on the day it fell due, as the clock stepped through the days.
    for (const timer of mine) expect(timer.ranOn).toBe(timer.dueOn);
    const victimCase = await read(caseId);
    expect(victimCase.status).toBe("DECLINED");
    expect(victimCase.history.nodes.at(-1)).toEqual({ event: "INVITATION_EXPIRED", effectiveOn: mine[1].dueOn });

    // Once: moving on again runs neither a second time.
    const again = await advance({ days: 30 });
    expect(again.timers.filter((timer) => timer.subjectId === caseId)).toEqual([]);
  });

  it("should make the annual letter fall due on the plan's anniversary", async () => {
    const caseId = await invitedCase();
    await mutate(h, RECORD_OPT_IN, { caseId });
    await mutate(h, AGREE_CONTACT_PLAN, { caseId, informationLevel: "ANNUAL_LETTER", channels: ["LETTER"] });
    expect((await read(caseId)).notifications.filter((item) => item.kind === "ANNUAL_LETTER")).toEqual([]);

    const moved = await advance({ to: "2027-06-02T09:00:00Z" });

    const anniversary = addYears("2026-06-01", 1);
    // The invitation's timers came due too, and found it answered.
    const mine = moved.timers.filter((timer) => timer.subjectId === caseId);
    expect(mine.map(({ kind, outcome }) => [kind, outcome])).toEqual([
      ["INVITATION_FOLLOW_UP", "SKIPPED"],
      ["INVITATION_EXPIRY", "SKIPPED"],
      ["ANNUAL_LETTER", "FIRED"],
    ]);
    expect(mine[2]).toMatchObject({ dueOn: anniversary, ranOn: anniversary });
    expect((await read(caseId)).notifications.filter((item) => item.kind === "ANNUAL_LETTER")).toEqual([
      { kind: "ANNUAL_LETTER", status: "DUE" },
    ]);
  });

  it("should make the first contact go overdue once its day has passed", async () => {
    const caseId = await referredCase();
    const dueOn = addWorkingDays("2026-06-01", 20);
    expect((await read(caseId)).tasks).toEqual([{ kind: "FIRST_CONTACT", dueOn, overdue: false, status: "OPEN" }]);

    await advance({ to: `${dueOn}T09:00:00Z` });
    expect((await read(caseId)).tasks[0].overdue).toBe(false);
    await advance({ days: 1 });

    const victimCase = await read(caseId);
    expect(victimCase.tasks[0]).toMatchObject({ kind: "FIRST_CONTACT", dueOn, overdue: true });
    expect(victimCase.nextDueOn! < (await h.run<{ clock: { today: string } }>(CLOCK, {})).data!.clock.today).toBe(true);
  });

  it("should refuse a move backwards, or to now, as INVALID_INPUT on to, and leave the clock where it was", async () => {
    for (const to of ["2026-05-31T09:00:00Z", START]) {
      const refused = await advance({ to });
      expect(refused).toEqual({
        clock: null,
        timers: [],
        userErrors: [{ code: "INVALID_INPUT", message: expect.stringContaining("later"), field: ["input", "to"] }],
      });
    }
    const far = await advance({ to: "2040-01-01T00:00:00Z" });
    expect(far.userErrors.map((error) => [error.code, error.field])).toEqual([["INVALID_INPUT", ["input", "to"]]]);
    expect((await h.run<{ clock: { now: string } }>(CLOCK, {})).data!.clock.now).toBe(START);
  });

  it.each([
    ["no days and no to", {}],
    ["both days and to", { days: 1, to: "2026-06-02T09:00:00Z" }],
    ["0 days", { days: 0 }],
    ["more than ten years", { days: 3661 }],
    ["a to that is no moment", { to: "next tuesday" }],
  ])("should refuse %s, and leave the clock where it was", async (_label, input) => {
    const result = await h.run<{ advanceClock: AdvancePayload | null }>(ADVANCE, { input }, ADMIN);

    const refusals = [
      ...(result.errors ?? []).map((error) => error.extensions?.code),
      ...(result.data?.advanceClock?.userErrors ?? []).map((error) => error.code),
    ];
    expect(refusals).toHaveLength(1);
    expect(["BAD_USER_INPUT", "INVALID_INPUT"]).toContain(refusals[0]);
    expect((await h.run<{ clock: { now: string } }>(CLOCK, {})).data!.clock.now).toBe(START);
  });

  it("should let only an administrator move the clock", async () => {
    const caseId = await invitedCase();
    for (const as of [asUser("clock.vlo", [Role.VLO]), asUser("clock.manager", [Role.MANAGER])]) {
      const result = await h.run<{ advanceClock: AdvancePayload | null }>(ADVANCE, { input: { days: 60 } }, as);
      expect(result.data?.advanceClock ?? null).toBeNull();
      expect(result.errors![0].extensions?.code).toBe("FORBIDDEN");
    }
    expect((await h.run<{ clock: { now: string } }>(CLOCK, {})).data!.clock.now).toBe(START);
    expect((await read(caseId)).status).toBe("INVITED");
  });

  it("should refuse to move the system clock with CLOCK_NOT_HELD, running nothing", async () => {
    holdClock(null);
    const caseId = await invitedCase();

    const refused = await advance({ days: 60 });

    expect(refused).toEqual({
      clock: null,
      timers: [],
      userErrors: [{ code: "CLOCK_NOT_HELD", message: expect.stringContaining("system clock"), field: ["input"] }],
    });
    expect((await h.run<{ clock: { held: boolean } }>(CLOCK, {})).data!.clock.held).toBe(false);
    expect((await read(caseId)).status).toBe("INVITED");
  });
});
