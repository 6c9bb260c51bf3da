import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { BANK_HOLIDAYS } from "../../src/domain/calendar/bank-holidays";
import { SUPPORT_SERVICES } from "../../src/domain/support/support-services";
import {
  AGREE_CONTACT_PLAN,
  contactInput,
  createOffender,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  CLOSE_CASE,
  REFER,
  mutate,
  rootField,
  SEND_INVITATION,
  successfulStep,
  type CasePayload,
  type CustodyPayload,
  type Payload,
  type TransitionRow,
  type UserError,
  LIFE_SENTENCE as LIFE,
} from "../support/api";
import { asUser, ENGINES, startHarness, type Harness, type JsonValue, type TestCaller } from "../support/harness";

// Notifications through GraphQL: who is told what when the offender's sentence moves (the outbox
// written with each custody event and each change of release month), when each is due, the
// officer's steps (DUE → SENT → ACKNOWLEDGED; FAILED, and ESCALATED on the third failure), what an
// opt-out cancels, the work queue, and the words a victim reads (months, never days; no prison).

const DAY_MS = 86_400_000;
// The server's today is the date in England (London), whatever the host's zone.
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const today = () => LONDON_DAY.format(new Date());
const daysFromToday = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");
const databaseId = (id: string) => Buffer.from(id, "base64url").toString("utf8").split(":")[1];
const UNKNOWN_NOTIFICATION_ID = globalId("Notification", "00000000-0000-0000-0000-000000000000");

/**
 * `days` working days after `isoDate`, counted here independently of src (only the bank-holiday
 * list, which is data, is shared): used only where the event date is the server's today.
 */
function workingDaysAfter(isoDate: string, days: number): string {
  let time = Date.parse(`${isoDate}T00:00:00Z`);
  for (let counted = 0; counted < days; ) {
    time += DAY_MS;
    const date = new Date(time);
    const iso = date.toISOString().slice(0, 10);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && !BANK_HOLIDAYS.includes(iso)) counted += 1;
  }
  return new Date(time).toISOString().slice(0, 10);
}

// An SDS has automatic release; a LIFE sentence goes to the Parole Board (tariff expired January 2020).
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };

// What the custody feed may put in an event's free text: a prison and a day. Neither may reach a victim.
const FEED_DETAILS = "Moved from HMP Durham on 14 March; see wing notes 2026-03-14.";

const NOTIFICATION = `id kind channel urgent status dueOn overdue attempts sentOn acknowledgedOn escalatedOn version subject body victimCase { id }`;
const CASE_NOTIFICATIONS = `query ($id: ID!) {
  victimCase(id: $id) {
    id status version
    notifications { ${NOTIFICATION} }
    history(first: 100) { totalCount nodes { event fromStatus toStatus actor reason } }
  }
}`;
const ERRORS = `userErrors { code message field }`;
const STEP_PAYLOAD = `notification { ${NOTIFICATION} } transition { id event fromStatus toStatus actor reason } victimCase { id status version } ${ERRORS}`;
const SENT = `mutation ($input: RecordNotificationSentInput!) { recordNotificationSent(input: $input) { ${STEP_PAYLOAD} } }`;
const FAILED = `mutation ($input: RecordNotificationFailedInput!) { recordNotificationFailed(input: $input) { ${STEP_PAYLOAD} } }`;
const ACKNOWLEDGED = `mutation ($input: RecordNotificationAcknowledgedInput!) { recordNotificationAcknowledged(input: $input) { ${STEP_PAYLOAD} } }`;
const WORK_QUEUE = `query ($first: Int, $after: String, $filter: WorkQueueFilter) {
  workQueue(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id action dueOn overdue urgent notification { id kind status channel } victimCase { id } } }
  }
}`;
const RECORD_KEY_DATES = `mutation ($input: RecordKeyDatesInput!) { recordKeyDates(input: $input) { releaseMonthChanged affectedCaseCount ${ERRORS} } }`;
const REVIEWS = `query ($id: ID!) { offender(id: $id) { paroleReviews { id status } } }`;
const PAROLE_DECISION = `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { affectedCaseCount ${ERRORS} } }`;
const VIEWER = `{ viewer { officer { id } } }`;
const NODE = `query ($id: ID!) { node(id: $id) { id ... on Notification { kind status } } }`;

const LONDON_VLO = asUser("london.vlo", [Role.VLO], Region.LONDON);
const ALL_CASE_ROLES = [Role.VLO, Role.MANAGER, Role.CUSTODY_FEED];

type Level = "RELEASE_MONTH_ONLY" | "ANNUAL_LETTER" | "KEY_STAGES";
type Told = [kind: string, channel: string];

interface Notification {
  id: string;
  kind: string;
  channel: string;
  urgent: boolean;
  status: string;
  dueOn: string;
  overdue: boolean;
  attempts: number;
  sentOn: string | null;
  acknowledgedOn: string | null;
  escalatedOn: string | null;
  version: number;
  subject: string;
  body: string;
  victimCase: { id: string };
}

/** STEP_PAYLOAD. */
interface StepPayload extends Payload {
  notification: Notification | null;
  transition: (TransitionRow & { id: string }) | null;
  victimCase: { id: string; status: string; version: number } | null;
}

interface WorkItem {
  id: string;
  action: string;
  dueOn: string;
  overdue: boolean;
  urgent: boolean;
  notification: { id: string; kind: string; status: string; channel: string };
  victimCase: { id: string };
}

// ---- What a victim must never read (checked on every body the scenarios produce)

const MONTH =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";
const DAY_OF_MONTH: readonly RegExp[] = [
  /\d{4}-\d{1,2}-\d{1,2}/, // 2026-03-14
  /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/, // 14/03/2026
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+${MONTH}\b`, "i"), // 14 March, 14th of March
  new RegExp(String.raw`\b${MONTH}\b\.?,?\s+\d{1,2}(?!\d)`, "i"), // March 14 (but not March 2027)
];
const PRISON = /\bHMP\b|\bHMYOI\b|\bYOI\b|\bprison\b|Durham/i;

function expectFitForVictim(notification: Notification, identifiers: readonly string[] = []): void {
  for (const text of [notification.subject, notification.body]) {
    for (const pattern of DAY_OF_MONTH)
      expect({ kind: notification.kind, match: pattern.exec(text)?.[0] ?? null }).toEqual({
        kind: notification.kind,
        match: null,
      });
    expect({ kind: notification.kind, prison: PRISON.exec(text)?.[0] ?? null }).toEqual({
      kind: notification.kind,
      prison: null,
    });
    for (const identifier of identifiers) expect(text).not.toContain(identifier);
  }
  // Any year that appears is a month in words ("March 2027"), never a bare number next to a day.
  // The support services' phone numbers are not dates ("0808 2000 247").
  const body = SUPPORT_SERVICES.reduce((text, service) => text.split(service.phone).join("PHONE"), notification.body);
  for (const match of body.matchAll(/\b(\d{4})\b/g)) {
    const before = body.slice(0, match.index).trimEnd();
    if (/^(19|20)\d{2}$/.test(match[1])) expect(before).toMatch(new RegExp(`${MONTH}$`));
  }
}

describe.each(ENGINES)("notifications (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  const run = <T = JsonValue>(query: string, variables: Record<string, unknown>, as?: TestCaller) =>
    rootField<T>(h, query, variables, as);
  const step = <T extends Payload = Payload>(mutation: string, input: Record<string, unknown>, as?: TestCaller) =>
    successfulStep<T>(h, mutation, input, as);

  async function custody(
    offenderId: string,
    type: string,
    occurredOn: string,
    extra: Record<string, unknown> = {},
  ): Promise<CustodyPayload> {
    return step<CustodyPayload>(RECORD_CUSTODY_EVENT, {
      offenderId,
      type,
      occurredOn,
      details: FEED_DETAILS,
      ...extra,
    });
  }

  /** A referred case, in the referring officer's region and assigned to them. */
  async function referred(offenderId: string, as?: TestCaller): Promise<string> {
    const payload = await step<CasePayload>(
      REFER,
      { offenderId, referredOn: "2025-06-02", contact: contactInput() },
      as,
    );
    return payload.victimCase!.id;
  }

  /** An engaged case (opted in, with this plan). */
  async function engaged(
    offenderId: string,
    informationLevel: Level,
    channels: string[],
    as?: TestCaller,
  ): Promise<string> {
    const caseId = await referred(offenderId, as);
    await step(SEND_INVITATION, { caseId, channel: "LETTER" }, as);
    await step(RECORD_OPT_IN, { caseId }, as);
    const payload = await step<CasePayload>(AGREE_CONTACT_PLAN, { caseId, informationLevel, channels }, as);
    expect(["ACTIVE", "PAROLE", "RELEASED", "RECALLED"]).toContain(payload.victimCase!.status);
    return caseId;
  }

  async function declined(offenderId: string): Promise<string> {
    const caseId = await referred(offenderId);
    await step(SEND_INVITATION, { caseId, channel: "LETTER" });
    expect((await step<CasePayload>(RECORD_DECLINE, { caseId })).victimCase!.status).toBe("DECLINED");
    return caseId;
  }

  /** A victim who agreed a plan, then opted out: the plan is kept, but they are told nothing. */
  async function optedOut(offenderId: string): Promise<string> {
    const caseId = await engaged(offenderId, "KEY_STAGES", ["LETTER", "EMAIL"]);
    expect((await step<CasePayload>(RECORD_OPT_OUT, { caseId })).victimCase!.status).toBe("OPTED_OUT");
    return caseId;
  }

  async function caseOf(
    caseId: string,
    as?: TestCaller,
  ): Promise<{
    id: string;
    status: string;
    version: number;
    notifications: Notification[];
    history: { totalCount: number; nodes: TransitionRow[] };
  }> {
    return run(CASE_NOTIFICATIONS, { id: caseId }, as);
  }

  /** The case's notifications, oldest first (the API lists them newest first). */
  async function notificationsOf(caseId: string): Promise<Notification[]> {
    return [...(await caseOf(caseId)).notifications].reverse();
  }

  const told = (notifications: Notification[]): Told[] =>
    notifications.map((notification) => [notification.kind, notification.channel]);

  async function workQueue(
    variables: Record<string, unknown> = {},
    as?: TestCaller,
  ): Promise<{
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: WorkItem }[];
  }> {
    return run(WORK_QUEUE, { first: 100, ...variables }, as);
  }

  /** Every item of the whole queue the caller sees (all pages), so a test does not depend on what others queued. */
  async function wholeQueue(filter: Record<string, unknown> = {}, as?: TestCaller): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof workQueue>> = await workQueue({ first: 100, after, filter }, as);
      items.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return items;
      after = page.pageInfo.endCursor;
    }
  }

  const queuedIds = async (as?: TestCaller) => (await wholeQueue({}, as)).map((item) => item.id);

  async function officerIdOf(as: TestCaller): Promise<string> {
    return (await run<{ officer: { id: string } | null }>(VIEWER, {}, as)).officer!.id;
  }

  async function count(table: string): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "${table}"`);
    return row.n;
  }

  /** Everything a refused step must leave as it was. */
  async function footprint(caseId: string): Promise<Record<string, unknown>> {
    const victimCase = await caseOf(caseId);
    const [{ changes }] = await h.dataSource.query(
      `SELECT count(*)::int AS "changes" FROM "access_log" WHERE "action" <> 'READ'`,
    );
    return {
      version: victimCase.version,
      status: victimCase.status,
      history: victimCase.history.totalCount,
      notifications: victimCase.notifications,
      changes,
      notificationRows: await count("notification"),
      transitions: await count("case_transition"),
      keys: await count("idempotency_key"),
    };
  }

  async function expectRefused(
    caseId: string,
    mutation: string,
    input: Record<string, unknown>,
    code: string,
    as?: TestCaller,
  ): Promise<UserError> {
    const before = await footprint(caseId);
    const payload = await run<StepPayload>(mutation, { input }, as);
    expect(payload.userErrors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(payload.notification).toBeNull();
    expect(payload.victimCase).toBeNull();
    expect(payload.transition).toBeNull();
    expect(await footprint(caseId)).toEqual(before);
    return payload.userErrors[0];
  }

  // ---- Scenarios, reused by the tests of who is told what and of the words they read

  /**
   * One SDS offender with five victims, driven from a change of release month to the end of the
   * licence. Events are dated in the past, on Mondays and a Wednesday and a Thursday, so each due
   * date is simply the same weekday a week later (no bank holiday falls in those weeks).
   */
  async function sdsScenario() {
    const offender = await createOffender(h, {}, SDS);
    const cases = {
      monthOnly: await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]),
      annual: await engaged(offender.id, "ANNUAL_LETTER", ["EMAIL"]),
      keyStages: await engaged(offender.id, "KEY_STAGES", ["LETTER", "EMAIL"]),
      declined: await declined(offender.id),
      optedOut: await optedOut(offender.id),
    };
    const keyDates = await step(RECORD_KEY_DATES, {
      offenderId: offender.id,
      keyDates: [
        { type: "CRD", date: "2026-06-01" },
        { type: "SLED", date: "2027-03-12" },
      ],
    });
    expect(keyDates).toMatchObject({ releaseMonthChanged: true, affectedCaseCount: 5 });
    await custody(offender.id, "MOVED_TO_OPEN_CONDITIONS", "2026-02-02"); // Mon → due Mon 9 Feb
    await custody(offender.id, "TEMPORARY_RELEASE", "2026-03-02", { temporaryReleaseType: "RESETTLEMENT_DAY_RELEASE" }); // Mon → Mon 9 Mar
    await custody(offender.id, "RELEASED_ON_LICENCE", "2026-06-01"); // Mon → Mon 8 Jun
    await custody(offender.id, "RECALLED", "2026-07-01", { recallType: "STANDARD" }); // Wed → Wed 8 Jul
    await custody(offender.id, "RE_RELEASED", "2026-08-03"); // Mon → Mon 10 Aug
    await custody(offender.id, "LICENCE_ENDED", "2026-10-01"); // Thu → Thu 8 Oct
    return { offender, cases };
  }

  /** One SDS offender with five victims who escapes (on a Saturday) and is back the next day. */
  async function unlawfullyAtLargeScenario() {
    const offender = await createOffender(h, {}, SDS);
    const cases = {
      monthOnly: await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]),
      annual: await engaged(offender.id, "ANNUAL_LETTER", ["EMAIL"]),
      keyStages: await engaged(offender.id, "KEY_STAGES", ["LETTER", "EMAIL"]),
      declined: await declined(offender.id),
      optedOut: await optedOut(offender.id),
    };
    await custody(offender.id, "UNLAWFULLY_AT_LARGE", "2026-11-07", { unlawfullyAtLargeKind: "ESCAPED" });
    await custody(offender.id, "RETURNED_TO_CUSTODY", "2026-11-08");
    return { offender, cases };
  }

  /** A LIFE offender referred to the Parole Board and refused release, with one victim per level. */
  async function paroleScenario(outcome = "NO_RELEASE") {
    const offender = await createOffender(h, {}, LIFE);
    const cases = {
      monthOnly: await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]),
      annual: await engaged(offender.id, "ANNUAL_LETTER", ["EMAIL"]),
      keyStages: await engaged(offender.id, "KEY_STAGES", ["EMAIL", "LETTER"]),
    };
    await custody(offender.id, "REFERRED_TO_PAROLE_BOARD", "2026-05-04");
    const [review] = (await run<{ paroleReviews: { id: string; status: string }[] } | null>(REVIEWS, {
      id: offender.id,
    }))!.paroleReviews;
    await step(PAROLE_DECISION, { paroleReviewId: review.id, outcome, issuedOn: "2026-09-01" });
    return { offender, cases };
  }

  // ---------------------------------------------------------------------------------------------

  describe("who is told what", () => {
    it("should tell each victim of an automatic-release offender only what their level hears, in order, by their plan's first channel", async () => {
      const { cases } = await sdsScenario();

      // Issue 11 §13: the licence's end closes every victim's contact, so every level is told.
      expect(told(await notificationsOf(cases.monthOnly))).toEqual<Told[]>([
        ["RELEASE_MONTH_CHANGED", "LETTER"],
        ["RELEASE", "LETTER"],
        ["RECALL", "LETTER"],
        ["RELEASE", "LETTER"],
        ["LICENCE_END", "LETTER"],
      ]);
      expect(told(await notificationsOf(cases.annual))).toEqual<Told[]>([
        ["RELEASE", "EMAIL"],
        ["RECALL", "EMAIL"],
        ["RELEASE", "EMAIL"],
        ["LICENCE_END", "EMAIL"],
      ]);
      const keyStages = await notificationsOf(cases.keyStages);
      expect(told(keyStages)).toEqual<Told[]>([
        ["RELEASE_MONTH_CHANGED", "LETTER"],
        ["OPEN_CONDITIONS", "LETTER"],
        ["TEMPORARY_RELEASE", "LETTER"],
        ["RELEASE", "LETTER"],
        ["RECALL", "LETTER"],
        ["RELEASE", "LETTER"],
        ["LICENCE_END", "LETTER"],
      ]);
      // Due 5 working days after each event; the change of month was recorded today.
      expect(keyStages.map((notification) => notification.dueOn)).toEqual([
        workingDaysAfter(today(), 5),
        "2026-02-09",
        "2026-03-09",
        "2026-06-08",
        "2026-07-08",
        "2026-08-10",
        "2026-10-08",
      ]);
      expect(
        keyStages.every(
          (notification) =>
            notification.status === "DUE" &&
            !notification.urgent &&
            notification.attempts === 0 &&
            notification.version === 1,
        ),
      ).toBe(true);
      expect(keyStages.every((notification) => notification.victimCase.id === cases.keyStages)).toBe(true);
      expect(await notificationsOf(cases.declined)).toEqual([]);
      expect(await notificationsOf(cases.optedOut)).toEqual([]);
    });

    it("should give every engaged victim an urgent phone call due the same day when the offender is at large, and a call when they are back", async () => {
      const { cases } = await unlawfullyAtLargeScenario();

      for (const caseId of [cases.monthOnly, cases.annual, cases.keyStages]) {
        const notifications = await notificationsOf(caseId);
        expect(
          notifications.map(({ kind, channel, urgent, dueOn, status }) => ({ kind, channel, urgent, dueOn, status })),
        ).toEqual([
          // Same day, even on a Saturday.
          { kind: "UNLAWFULLY_AT_LARGE", channel: "PHONE", urgent: true, dueOn: "2026-11-07", status: "DUE" },
          // Sunday 8 Nov + 5 working days: Mon 9, Tue 10, Wed 11, Thu 12, Fri 13.
          { kind: "RETURNED_TO_CUSTODY", channel: "PHONE", urgent: false, dueOn: "2026-11-13", status: "DUE" },
        ]);
        expect(notifications[0].subject).toMatch(/urgent/i);
      }
      expect(await notificationsOf(cases.declined)).toEqual([]);
      expect(await notificationsOf(cases.optedOut)).toEqual([]);

      // On the work queue the urgent call is a call to make, marked urgent.
      const calls = (await wholeQueue({ kinds: ["UNLAWFULLY_AT_LARGE"] })).filter((item) =>
        [cases.monthOnly, cases.annual, cases.keyStages].includes(item.victimCase.id),
      );
      expect(calls).toHaveLength(3);
      const overdue = "2026-11-07" < today();
      expect(calls.map(({ action, urgent, dueOn, overdue }) => ({ action, urgent, dueOn, overdue }))).toEqual(
        Array(3).fill({ action: "MAKE_CALL", urgent: true, dueOn: "2026-11-07", overdue }),
      );
    });

    // Issue 11 §1: a release direction is not a release (Parole Board Rules 2019 r.25, r.28).
    it("should tell every level that release was directed and may be reconsidered, and send the release letter only when the feed records the release", async () => {
      const { offender, cases } = await paroleScenario("RELEASE");

      expect(told(await notificationsOf(cases.monthOnly))).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "LETTER"],
        ["PAROLE_DECISION", "LETTER"],
      ]);
      expect(told(await notificationsOf(cases.annual))).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "EMAIL"],
        ["PAROLE_DECISION", "EMAIL"],
      ]);
      const keyStages = await notificationsOf(cases.keyStages);
      expect(told(keyStages)).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "EMAIL"],
        ["PAROLE_DECISION", "EMAIL"],
      ]);
      const decision = keyStages[1].body;
      expect(decision).toContain("They have not been released yet: they are still in custody.");
      // Issued Tue 1 Sep 2026 on a life sentence: open to reconsideration through 22 September.
      expect(decision).toContain("If nobody asks, the decision becomes final in September 2026.");
      expect(decision).toContain("You can ask the Secretary of State to apply for reconsideration.");
      // The life sentence's own release point is not the Board's decision.
      expect(decision).not.toMatch(/expected release month/);

      // Released on the last day of the window: refused, the decision is still provisional.
      const early = await mutate<CustodyPayload>(h, RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "RELEASED_ON_LICENCE",
        occurredOn: "2026-09-22",
      });
      expect(early.userErrors.map((error) => error.code)).toEqual(["DECISION_NOT_FINAL"]);
      expect(told(await notificationsOf(cases.monthOnly))).toHaveLength(2);

      const released = await custody(offender.id, "RELEASED_ON_LICENCE", "2026-09-23");
      expect(released.offender?.custodyPhase).toBe("RELEASED");
      for (const caseId of Object.values(cases)) {
        expect(told(await notificationsOf(caseId)).at(-1)).toEqual(["RELEASE", expect.any(String)]);
      }
    });

    it("should tell every level when reconsideration is applied for and when the Board refuses it", async () => {
      const { offender, cases } = await paroleScenario("RELEASE");
      await custody(offender.id, "RECONSIDERATION_APPLIED", "2026-09-15");
      await custody(offender.id, "RECONSIDERATION_REFUSED", "2026-10-20");

      const monthOnly = await notificationsOf(cases.monthOnly);
      expect(told(monthOnly)).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "LETTER"],
        ["PAROLE_DECISION", "LETTER"],
        ["PAROLE_RECONSIDERATION", "LETTER"],
        ["PAROLE_RECONSIDERATION", "LETTER"],
      ]);
      expect(monthOnly[2].body).toContain(
        "The offender will stay in custody while the Board considers the application.",
      );
      expect(monthOnly[3].body).toContain("Its decision that the offender can be released is now final.");
      for (const notification of monthOnly) expectFitForVictim(notification);
    });

    // Issue 11 §7: every opted-in victim may take part in the Board's process, whatever their level.
    it("should tell every level of a parole referral and of the Board's decision, with the body explaining the outcome", async () => {
      const { cases } = await paroleScenario("NO_RELEASE");

      expect(told(await notificationsOf(cases.monthOnly))).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "LETTER"],
        ["PAROLE_DECISION", "LETTER"],
      ]);
      expect(told(await notificationsOf(cases.annual))).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "EMAIL"],
        ["PAROLE_DECISION", "EMAIL"],
      ]);
      const keyStages = await notificationsOf(cases.keyStages);
      expect(told(keyStages)).toEqual<Told[]>([
        ["PAROLE_REFERRAL", "EMAIL"],
        ["PAROLE_DECISION", "EMAIL"],
      ]);
      // Mon 4 May 2026 (a bank holiday, but counting starts the day after): Tue 5, Wed 6, Thu 7, Fri 8, Mon 11.
      // Tue 1 Sep: Wed 2, Thu 3, Fri 4, Mon 7, Tue 8 Sep.
      expect(keyStages.map((notification) => notification.dueOn)).toEqual(["2026-05-11", "2026-09-08"]);
      const decision = keyStages[1];
      expect(decision.body).toContain("will not be released");
      expect(decision.body).toContain("stay in custody");
      expect(decision.body).toMatch(/reconsideration/i);
      expect(decision.body).not.toMatch(/has decided that the offender can be released/);
      // The referral says from when the Board may consider release: the tariff's month, in words,
      // and invites a personal statement whatever the victim's level.
      const monthOnlyReferral = (await notificationsOf(cases.monthOnly))[0].body;
      expect(monthOnlyReferral).toContain("January 2020");
      expect(monthOnlyReferral).toContain("You can write a victim personal statement.");
    });
  });

  // Issue 11 §8: the first level of the scheme is knowing the month of release.
  describe("the month of release", () => {
    // SDS of 60 months for a violent offence from 1 June 2026: excluded from 40% (4 years or more),
    // released at one half, Wednesday 29 November 2028.
    const FUTURE_RELEASE = { type: "SDS", sentenceDate: "2026-06-01", lengthMonths: 60, offenceCategory: "VIOLENT" };

    it.each(["RELEASE_MONTH_ONLY", "ANNUAL_LETTER", "KEY_STAGES"] as const)(
      "should tell a %s victim the expected month as soon as the plan is agreed",
      async (level) => {
        const offender = await createOffender(h, {}, FUTURE_RELEASE);
        const caseId = await engaged(offender.id, level, ["LETTER"]);

        const [letter] = await notificationsOf(caseId);

        expect(letter).toMatchObject({ kind: "EXPECTED_RELEASE_MONTH", channel: "LETTER", status: "DUE" });
        expect(letter.body).toContain("The offender's expected release month is November 2028.");
        expectFitForVictim(letter);
      },
    );

    it("should tell nothing at the plan when no release month is known or the month has passed", async () => {
      const life = await createOffender(h, {}, LIFE);
      const past = await createOffender(h, {}, SDS);
      for (const offender of [life, past]) {
        const caseId = await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]);
        expect(await notificationsOf(caseId)).toEqual([]);
      }
    });

    it("should tell every engaged victim again when HMPPS's own dates first confirm the month, and only the first time", async () => {
      const offender = await createOffender(h, {}, FUTURE_RELEASE);
      const monthOnly = await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]);
      const annual = await engaged(offender.id, "ANNUAL_LETTER", ["EMAIL"]);
      const confirm = (date: string) =>
        step(RECORD_KEY_DATES, {
          offenderId: offender.id,
          keyDates: [
            { type: "CRD", date },
            { type: "SLED", date: "2031-05-31" },
          ],
        });

      expect(await confirm("2028-11-29")).toMatchObject({ releaseMonthChanged: false, affectedCaseCount: 2 });
      await confirm("2028-11-28");

      for (const caseId of [monthOnly, annual]) {
        const letters = await notificationsOf(caseId);
        expect(letters.map((letter) => letter.kind)).toEqual(["EXPECTED_RELEASE_MONTH", "EXPECTED_RELEASE_MONTH"]);
        expect(letters[1].body).toContain("November 2028");
        const history = (await caseOf(caseId)).history.nodes;
        expect(history.filter((row: { event: string }) => row.event === "RELEASE_MONTH_CONFIRMED")).toHaveLength(1);
      }
    });
  });

  describe("due dates", () => {
    it("should make an ordinary notification due 5 working days after the event, skipping weekends and bank holidays", async () => {
      // The sentence was passed in 2019, so the events of Christmas 2020 and 2025 fall within it.
      const offender = await createOffender(h, {}, { ...SDS, sentenceDate: "2019-06-03", lengthMonths: 120 });
      const caseId = await engaged(offender.id, "KEY_STAGES", ["EMAIL"]);

      // Wed 23 Dec 2020 (the same calendar as December 2026): Thu 24 (1); Fri 25 Christmas Day,
      // Sat 26 Boxing Day, Sun 27, Mon 28 the substitute for Boxing Day — none counts; Tue 29 (2),
      // Wed 30 (3), Thu 31 (4); Fri 1 Jan New Year's Day, Sat 2, Sun 3 do not count; Mon 4 Jan 2021 (5).
      await custody(offender.id, "MOVED_TO_OPEN_CONDITIONS", "2020-12-23");
      // Tue 23 Dec 2025: Wed 24 (1); Thu 25, Fri 26 bank holidays; Sat 27, Sun 28; Mon 29 (2),
      // Tue 30 (3), Wed 31 (4); Thu 1 Jan 2026 bank holiday; Fri 2 Jan 2026 (5).
      await custody(offender.id, "RETURNED_TO_CLOSED_CONDITIONS", "2025-12-23");
      // Thu 2 Apr 2026: Fri 3 Good Friday, Sat 4, Sun 5, Mon 6 Easter Monday do not count;
      // Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 Apr (5).
      await custody(offender.id, "TEMPORARY_RELEASE", "2026-04-02", {
        temporaryReleaseType: "SPECIAL_PURPOSE_LICENCE",
      });
      // A Friday: Mon 9 (1) … Thu 12 (4), Fri 13 Feb (5).
      await custody(offender.id, "MOVED_TO_OPEN_CONDITIONS", "2026-02-06");

      const notifications = await notificationsOf(caseId);
      expect(notifications.map(({ kind, dueOn }) => [kind, dueOn])).toEqual([
        ["OPEN_CONDITIONS", "2021-01-04"],
        ["OPEN_CONDITIONS", "2026-01-02"],
        ["TEMPORARY_RELEASE", "2026-04-13"],
        ["OPEN_CONDITIONS", "2026-02-13"],
      ]);
      // All long past, and still to be sent: overdue.
      expect(notifications.every((notification) => notification.overdue)).toBe(true);
    });

    it("should make a change of release month due 5 working days after the day it was recorded", async () => {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "RELEASE_MONTH_ONLY", ["EMAIL"]);

      await step(RECORD_KEY_DATES, { offenderId: offender.id, keyDates: [{ type: "CRD", date: "2027-03-12" }] });

      const [notification] = await notificationsOf(caseId);
      expect(notification).toMatchObject({
        kind: "RELEASE_MONTH_CHANGED",
        channel: "EMAIL",
        urgent: false,
        status: "DUE",
        dueOn: workingDaysAfter(today(), 5),
        overdue: false,
      });
      expect(notification.body).toContain("March 2027");
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("officer steps", () => {
    /** An ACTIVE KEY_STAGES case with `events` key-stage notifications DUE on it, oldest first. */
    async function caseWithDue(
      events = 1,
      as?: TestCaller,
    ): Promise<{ offenderId: string; caseId: string; notifications: Notification[] }> {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "KEY_STAGES", ["LETTER", "EMAIL"], as);
      const kinds = ["MOVED_TO_OPEN_CONDITIONS", "RETURNED_TO_CLOSED_CONDITIONS"];
      for (let index = 0; index < events; index += 1)
        await custody(offender.id, kinds[index % 2], daysFromToday(-30 + index));
      const notifications = await notificationsOf(caseId);
      expect(notifications).toHaveLength(events);
      return { offenderId: offender.id, caseId, notifications };
    }

    it("should record a notification sent, then acknowledged, with the case's history and both versions moving on", async () => {
      const { caseId, notifications } = await caseWithDue();
      const [due] = notifications;
      const before = await caseOf(caseId);

      const sent = await step<StepPayload>(SENT, { notificationId: due.id, expectedVersion: 1 });

      expect(sent.notification).toMatchObject({
        id: due.id,
        status: "SENT",
        version: 2,
        sentOn: today(),
        acknowledgedOn: null,
        attempts: 0,
        overdue: false,
      });
      expect(sent.transition).toMatchObject({
        event: "NOTIFICATION_SENT",
        fromStatus: "ACTIVE",
        toStatus: "ACTIVE",
        actor: "test.officer",
      });
      expect(sent.victimCase).toEqual({ id: caseId, status: "ACTIVE", version: before.version + 1 });
      // Sent: no longer on the work queue.
      expect(await queuedIds()).not.toContain(due.id);

      const acknowledged = await step<StepPayload>(ACKNOWLEDGED, { notificationId: due.id, expectedVersion: 2 });

      expect(acknowledged.notification).toMatchObject({
        status: "ACKNOWLEDGED",
        version: 3,
        sentOn: today(),
        acknowledgedOn: today(),
      });
      expect(acknowledged.transition).toMatchObject({
        event: "NOTIFICATION_ACKNOWLEDGED",
        fromStatus: "ACTIVE",
        toStatus: "ACTIVE",
      });
      const after = await caseOf(caseId);
      expect(after.version).toBe(before.version + 2);
      expect(after.history.totalCount).toBe(before.history.totalCount + 2);
      expect(after.history.nodes.slice(-2).map((row: { event: string }) => row.event)).toEqual([
        "NOTIFICATION_SENT",
        "NOTIFICATION_ACKNOWLEDGED",
      ]);
      expect(after.notifications[0]).toMatchObject({ id: due.id, status: "ACKNOWLEDGED", version: 3 });
      const node = await run(NODE, { id: due.id });
      expect(node).toEqual({ id: due.id, kind: "OPEN_CONDITIONS", status: "ACKNOWLEDGED" });
    });

    it("should count failed attempts and escalate on the third, for the officer to resolve from the work queue", async () => {
      const { caseId, notifications } = await caseWithDue(2);
      const [first, second] = notifications;

      const once = await step<StepPayload>(FAILED, {
        notificationId: first.id,
        failure: "RETURNED_MAIL",
        expectedVersion: 1,
      });
      expect(once.notification).toMatchObject({
        status: "FAILED",
        attempts: 1,
        version: 2,
        escalatedOn: null,
        overdue: true,
      });
      expect(once.transition).toMatchObject({ event: "NOTIFICATION_FAILED", reason: "RETURNED_MAIL" });
      let queued = (await wholeQueue()).find((item) => item.id === first.id);
      expect(queued).toMatchObject({ action: "SEND_LETTER", notification: { status: "FAILED" } });

      const twice = await step<StepPayload>(FAILED, {
        notificationId: first.id,
        failure: "WRONG_DETAILS",
        expectedVersion: 2,
      });
      expect(twice.notification).toMatchObject({ status: "FAILED", attempts: 2, version: 3 });

      const thrice = await step<StepPayload>(FAILED, {
        notificationId: first.id,
        failure: "RETURNED_MAIL",
        expectedVersion: 3,
      });
      expect(thrice.notification).toMatchObject({
        status: "ESCALATED",
        attempts: 3,
        version: 4,
        escalatedOn: today(),
        sentOn: null,
      });
      queued = (await wholeQueue()).find((item) => item.id === first.id);
      expect(queued).toMatchObject({
        action: "RESOLVE_ESCALATION",
        notification: { status: "ESCALATED" },
        victimCase: { id: caseId },
      });

      // An escalated one is closed by reaching the victim: sent another way, then acknowledged.
      const reached = await step<StepPayload>(SENT, { notificationId: first.id, expectedVersion: 4 });
      expect(reached.notification).toMatchObject({
        status: "SENT",
        attempts: 3,
        sentOn: today(),
        escalatedOn: today(),
        version: 5,
      });
      expect(await queuedIds()).not.toContain(first.id);

      // Or acknowledged straight from ESCALATED (the victim was reached by phone).
      for (const failure of ["PROVIDER_ERROR", "EMAIL_BOUNCED", "NO_ANSWER"])
        await step(FAILED, { notificationId: second.id, failure });
      const acknowledged = await step<StepPayload>(ACKNOWLEDGED, { notificationId: second.id, expectedVersion: 4 });
      expect(acknowledged.notification).toMatchObject({ status: "ACKNOWLEDGED", attempts: 3, acknowledgedOn: today() });

      const history = (await caseOf(caseId)).history.nodes
        .slice(-8)
        .map((row: { event: string; reason: string | null }) => [row.event, row.reason]);
      expect(history).toEqual([
        ["NOTIFICATION_FAILED", "RETURNED_MAIL"],
        ["NOTIFICATION_FAILED", "WRONG_DETAILS"],
        ["NOTIFICATION_FAILED", "RETURNED_MAIL"],
        ["NOTIFICATION_SENT", null],
        ["NOTIFICATION_FAILED", "PROVIDER_ERROR"],
        ["NOTIFICATION_FAILED", "EMAIL_BOUNCED"],
        ["NOTIFICATION_FAILED", "NO_ANSWER"],
        ["NOTIFICATION_ACKNOWLEDGED", null],
      ]);
    });

    it("should let the officer send the last notice after the licence ended and closed the case", async () => {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "KEY_STAGES", ["EMAIL"]);
      await custody(offender.id, "RELEASED_ON_LICENCE", daysFromToday(-40));
      await custody(offender.id, "LICENCE_ENDED", daysFromToday(-2));
      const victimCase = await caseOf(caseId);
      expect(victimCase.status).toBe("CLOSED");
      const [release, licenceEnd] = [...victimCase.notifications].reverse();
      expect([release.kind, licenceEnd.kind]).toEqual(["RELEASE", "LICENCE_END"]);
      // The case closed with the event, but what was owed before it is still owed.
      expect(release.status).toBe("DUE");
      expect(await queuedIds()).toEqual(expect.arrayContaining([release.id, licenceEnd.id]));

      const sent = await step<StepPayload>(SENT, { notificationId: licenceEnd.id, expectedVersion: 1 });

      expect(sent.notification).toMatchObject({ kind: "LICENCE_END", status: "SENT", sentOn: today() });
      expect(sent.transition).toMatchObject({ event: "NOTIFICATION_SENT", fromStatus: "CLOSED", toStatus: "CLOSED" });
      expect(sent.victimCase).toMatchObject({ status: "CLOSED", version: victimCase.version + 1 });
    });

    it("should refuse steps the notification's status does not allow, and write nothing", async () => {
      const { caseId, notifications } = await caseWithDue(2);
      const [due, other] = notifications;

      const early = await expectRefused(caseId, ACKNOWLEDGED, { notificationId: due.id }, "TRANSITION_NOT_ALLOWED");
      expect(early.field).toEqual(["input", "notificationId"]);

      await step(SENT, { notificationId: other.id });
      await step(ACKNOWLEDGED, { notificationId: other.id });
      await expectRefused(caseId, SENT, { notificationId: other.id }, "TRANSITION_NOT_ALLOWED");
      await expectRefused(caseId, ACKNOWLEDGED, { notificationId: other.id }, "TRANSITION_NOT_ALLOWED");
      await expectRefused(caseId, FAILED, { notificationId: other.id, failure: "NO_ANSWER" }, "TRANSITION_NOT_ALLOWED");
    });

    it("should take a letter returned after it was sent as a failed attempt, still owed", async () => {
      const { notifications } = await caseWithDue();
      const [due] = notifications;
      await step(SENT, { notificationId: due.id });

      await step(FAILED, { notificationId: due.id, failure: "RETURNED_MAIL" });

      expect(
        await run(
          `query ($id: ID!) { node(id: $id) { ... on Notification { status attempts lastFailure availableActions } } }`,
          { id: due.id },
        ),
      ).toEqual({
        status: "FAILED",
        attempts: 1,
        lastFailure: "RETURNED_MAIL",
        availableActions: ["RECORD_SENT", "RECORD_FAILED"],
      });
    });

    it("should refuse a stale expectedVersion with STALE_VERSION and write nothing", async () => {
      const { caseId, notifications } = await caseWithDue();
      const [due] = notifications;
      await step(FAILED, { notificationId: due.id, failure: "NO_ANSWER", expectedVersion: 1 });

      const stale = await expectRefused(caseId, SENT, { notificationId: due.id, expectedVersion: 1 }, "STALE_VERSION");

      expect(stale.field).toEqual(["input", "expectedVersion"]);
      expect((await notificationsOf(caseId))[0]).toMatchObject({ status: "FAILED", version: 2 });
    });

    it("should answer NOT_FOUND for an unknown, malformed or other-type notification id", async () => {
      const { caseId } = await caseWithDue();

      for (const notificationId of [
        UNKNOWN_NOTIFICATION_ID,
        "not-a-global-id",
        caseId,
        "",
        globalId("Notification", "not-a-uuid"),
      ]) {
        const error = await expectRefused(caseId, SENT, { notificationId }, "NOT_FOUND");
        expect(error.field).toEqual(["input", "notificationId"]);
      }
      expect(await run(NODE, { id: UNKNOWN_NOTIFICATION_ID })).toBeNull();
    });

    it("should replay a step sent again with the same idempotency key, and refuse the key for another request", async () => {
      const { caseId, notifications } = await caseWithDue(2);
      const [due, other] = notifications;
      const input = { notificationId: due.id, failure: "NO_ANSWER", idempotencyKey: "notify-retry-1" };

      const first = await step<StepPayload>(FAILED, input);
      const versionAfterFirst = (await caseOf(caseId)).version;
      const replay = await step<StepPayload>(FAILED, input);

      expect(replay.transition!.id).toBe(first.transition!.id);
      expect(replay.notification).toMatchObject({ id: due.id, status: "FAILED", attempts: 1, version: 2 });
      const after = await caseOf(caseId);
      expect(after.version).toBe(versionAfterFirst);
      expect(after.history.nodes.filter((row: { event: string }) => row.event === "NOTIFICATION_FAILED")).toHaveLength(
        1,
      );

      await expectRefused(caseId, FAILED, { ...input, notificationId: other.id }, "IDEMPOTENCY_KEY_REUSED");
      await expectRefused(caseId, FAILED, { ...input, failure: "WRONG_DETAILS" }, "IDEMPOTENCY_KEY_REUSED");
    });

    it("should reject an unknown failure reason as BAD_USER_INPUT before anything is written", async () => {
      const { caseId, notifications } = await caseWithDue();
      const before = await footprint(caseId);

      const result = await h.run(FAILED, {
        input: { notificationId: notifications[0].id, failure: "LOST_IN_THE_POST" },
      });
      const missing = await h.run(FAILED, { input: { notificationId: notifications[0].id } });

      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(missing.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(await footprint(caseId)).toEqual(before);
    });

    it("should hide a North East notification from a London VLO: NOT_FOUND on every step, absent from their work queue and node", async () => {
      const { caseId, notifications } = await caseWithDue();
      const [due] = notifications;

      expect((await expectRefused(caseId, SENT, { notificationId: due.id }, "NOT_FOUND", LONDON_VLO)).field).toEqual([
        "input",
        "notificationId",
      ]);
      await expectRefused(caseId, FAILED, { notificationId: due.id, failure: "NO_ANSWER" }, "NOT_FOUND", LONDON_VLO);
      await expectRefused(caseId, ACKNOWLEDGED, { notificationId: due.id }, "NOT_FOUND", LONDON_VLO);

      const london = await wholeQueue({}, LONDON_VLO);
      expect(london.map((item) => item.id)).not.toContain(due.id);
      expect(london.every((item) => item.victimCase.id !== caseId)).toBe(true);
      expect(await run(NODE, { id: due.id }, LONDON_VLO)).toBeNull();
      // The North East officer does see it.
      expect(await queuedIds()).toContain(due.id);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("cancellation", () => {
    it("should cancel DUE and FAILED notifications when the victim opts out, keep SENT ones, and queue nothing more", async () => {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "KEY_STAGES", ["LETTER"]);
      await custody(offender.id, "MOVED_TO_OPEN_CONDITIONS", daysFromToday(-20));
      await custody(offender.id, "TEMPORARY_RELEASE", daysFromToday(-15), {
        temporaryReleaseType: "RESETTLEMENT_OVERNIGHT_RELEASE",
      });
      await custody(offender.id, "RETURNED_TO_CLOSED_CONDITIONS", daysFromToday(-10));
      const [due, failed, sent] = await notificationsOf(caseId);
      await step(FAILED, { notificationId: failed.id, failure: "RETURNED_MAIL" });
      await step(SENT, { notificationId: sent.id });
      const queuedBefore = await queuedIds();
      expect(queuedBefore).toEqual(expect.arrayContaining([due.id, failed.id]));

      await step(RECORD_OPT_OUT, { caseId });

      const after = await notificationsOf(caseId);
      expect(after.map(({ id, status, version }) => ({ id, status, version }))).toEqual([
        { id: due.id, status: "CANCELLED", version: 2 },
        { id: failed.id, status: "CANCELLED", version: 3 },
        { id: sent.id, status: "SENT", version: 2 },
      ]);
      expect(after.every((notification) => !notification.overdue)).toBe(true);
      const queuedAfter = await queuedIds();
      expect(queuedAfter).not.toContain(due.id);
      expect(queuedAfter).not.toContain(failed.id);
      // A cancelled one cannot be sent after all.
      await expectRefused(caseId, SENT, { notificationId: due.id }, "TRANSITION_NOT_ALLOWED");
      // The sent one can still be acknowledged.
      await step(ACKNOWLEDGED, { notificationId: sent.id });

      // Nothing more is queued for a victim who opted out.
      await custody(offender.id, "RELEASED_ON_LICENCE", daysFromToday(-1));
      expect(await notificationsOf(caseId)).toHaveLength(3);
    });

    it("should cancel an ESCALATED notification too when the victim opts out, taking it off the work queue", async () => {
      // An escalated notification is still to reach the victim (another way): it is open work, and a
      // victim who opts out is told nothing more, so it must be cancelled like a DUE or FAILED one.
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "KEY_STAGES", ["LETTER"]);
      await custody(offender.id, "MOVED_TO_OPEN_CONDITIONS", daysFromToday(-20));
      const [escalated] = await notificationsOf(caseId);
      for (const failure of ["RETURNED_MAIL", "RETURNED_MAIL", "WRONG_DETAILS"])
        await step(FAILED, { notificationId: escalated.id, failure });
      expect((await wholeQueue()).find((item) => item.id === escalated.id)?.action).toBe("RESOLVE_ESCALATION");

      await step(RECORD_OPT_OUT, { caseId });

      expect((await notificationsOf(caseId)).map(({ id, status }) => ({ id, status }))).toEqual([
        { id: escalated.id, status: "CANCELLED" },
      ]);
      expect(await queuedIds()).not.toContain(escalated.id);
    });

    it("should cancel what is still to be sent when the case is closed on request", async () => {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "RELEASE_MONTH_ONLY", ["EMAIL"]);
      await custody(offender.id, "RELEASED_ON_LICENCE", daysFromToday(-3));
      const [release] = await notificationsOf(caseId);

      await step(CLOSE_CASE, { caseId, reason: "VICTIM_REQUEST" });

      expect((await notificationsOf(caseId)).map(({ id, status }) => ({ id, status }))).toEqual([
        { id: release.id, status: "CANCELLED" },
      ]);
      expect(await queuedIds()).not.toContain(release.id);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("work queue", () => {
    /**
     * An officer of their own with one offender and two cases: so their queue, filtered by
     * officerId, holds exactly what this test made.
     */
    async function queueWorld(username: string) {
      const officer = asUser(username, ALL_CASE_ROLES, Region.NORTH_EAST);
      const officerId = await officerIdOf(officer);
      const offender = await createOffender(h, {}, SDS);
      const keyStages = await engaged(offender.id, "KEY_STAGES", ["LETTER", "EMAIL"], officer);
      const annual = await engaged(offender.id, "ANNUAL_LETTER", ["EMAIL"], officer);
      // A colleague's case of the same offender: told the same things, but not on this officer's queue.
      const colleagues = await engaged(offender.id, "KEY_STAGES", ["EMAIL"]);
      await custody(offender.id, "MOVED_TO_OPEN_CONDITIONS", "2026-01-05"); // KS, due Mon 12 Jan
      await custody(offender.id, "TEMPORARY_RELEASE", "2026-02-02", {
        temporaryReleaseType: "RESETTLEMENT_DAY_RELEASE",
      }); // KS, due Mon 9 Feb
      await custody(offender.id, "UNLAWFULLY_AT_LARGE", today(), { unlawfullyAtLargeKind: "ABSCONDED" }); // both, due today
      await custody(offender.id, "RETURNED_TO_CUSTODY", today()); // both, due in 5 working days
      return { officer, officerId, offenderId: offender.id, keyStages, annual, colleagues };
    }

    const summary = (items: WorkItem[]) =>
      items.map((item) => [item.notification.kind, item.dueOn, item.action, item.urgent, item.overdue]);

    it("should list what is to be done oldest due first, with the action each needs", async () => {
      const { officerId, keyStages, annual } = await queueWorld("queue.order");

      const queue = await workQueue({ filter: { officerId } });

      expect(queue.totalCount).toBe(6);
      const items = queue.edges.map((edge) => edge.node);
      const later = workingDaysAfter(today(), 5);
      expect(summary(items)).toEqual([
        ["OPEN_CONDITIONS", "2026-01-12", "SEND_LETTER", false, true],
        ["TEMPORARY_RELEASE", "2026-02-09", "SEND_LETTER", false, true],
        ["UNLAWFULLY_AT_LARGE", today(), "MAKE_CALL", true, false],
        ["UNLAWFULLY_AT_LARGE", today(), "MAKE_CALL", true, false],
        ["RETURNED_TO_CUSTODY", later, "MAKE_CALL", false, false],
        ["RETURNED_TO_CUSTODY", later, "MAKE_CALL", false, false],
      ]);
      // Equal due dates are ordered by id, so the order is stable.
      for (const [a, b] of [
        [items[2], items[3]],
        [items[4], items[5]],
      ])
        expect(databaseId(a.id) < databaseId(b.id)).toBe(true);
      expect(new Set(items.slice(2, 4).map((item) => item.victimCase.id))).toEqual(new Set([keyStages, annual]));
      expect(items.every((item) => item.id === item.notification.id)).toBe(true);
      expect(queue.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    });

    it("should filter by kinds, by overdue, and by the case's assigned officer", async () => {
      const { officer, officerId, colleagues } = await queueWorld("queue.filter");

      const calls = await workQueue({ filter: { officerId, kinds: ["UNLAWFULLY_AT_LARGE", "RETURNED_TO_CUSTODY"] } });
      expect(calls.totalCount).toBe(4);
      expect(calls.edges.every((edge) => edge.node.action === "MAKE_CALL")).toBe(true);

      const keyStages = await workQueue({ filter: { officerId, kinds: ["TEMPORARY_RELEASE"] } });
      expect(summary(keyStages.edges.map((edge) => edge.node))).toEqual([
        ["TEMPORARY_RELEASE", "2026-02-09", "SEND_LETTER", false, true],
      ]);

      const overdue = await workQueue({ filter: { officerId, overdueOnly: true } });
      expect(overdue.totalCount).toBe(2);
      expect(overdue.edges.map((edge) => edge.node.notification.kind)).toEqual([
        "OPEN_CONDITIONS",
        "TEMPORARY_RELEASE",
      ]);
      expect(overdue.edges.every((edge) => edge.node.overdue)).toBe(true);
      expect((await workQueue({ filter: { officerId, overdueOnly: false } })).totalCount).toBe(6);

      // The whole queue holds this officer's items and others; another officer's filter holds none of them.
      const mine = (await workQueue({ filter: { officerId } })).edges.map((edge) => edge.node.id);
      const everyone = await workQueue({ first: 1 });
      expect(everyone.totalCount).toBeGreaterThan(mine.length);
      const defaultOfficer = await officerIdOf("test.officer");
      const theirs = await wholeQueue({ officerId: defaultOfficer });
      expect(theirs.filter((item) => item.victimCase.id === colleagues).map((item) => item.notification.kind)).toEqual([
        "OPEN_CONDITIONS",
        "TEMPORARY_RELEASE",
        "UNLAWFULLY_AT_LARGE",
        "RETURNED_TO_CUSTODY",
      ]);
      expect(theirs.filter((item) => mine.includes(item.id))).toEqual([]);
      // The officer sees their own queue without a filter too.
      expect((await workQueue({ filter: { officerId } }, officer)).totalCount).toBe(6);

      // An unknown or malformed officer id matches nothing (never everything).
      expect(
        (await workQueue({ filter: { officerId: globalId("Officer", "00000000-0000-0000-0000-000000000000") } }))
          .totalCount,
      ).toBe(0);
      expect((await workQueue({ filter: { officerId: "nobody" } })).totalCount).toBe(0);
    });

    it("should page with after, without duplicates or gaps, even when an earlier item is added between pages", async () => {
      const { officerId, offenderId } = await queueWorld("queue.pages");
      const all = (await workQueue({ filter: { officerId } })).edges.map((edge) => edge.node.id);
      expect(all).toHaveLength(6);

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Awaited<ReturnType<typeof workQueue>> = await workQueue({ first: 2, after, filter: { officerId } });
        expect(page.edges.length).toBeLessThanOrEqual(2);
        seen.push(...page.edges.map((edge) => edge.node.id));
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        pages += 1;
        if (pages === 1) {
          // Due long before the cursor: a new item must not shift the pages that follow.
          await custody(offenderId, "MOVED_TO_OPEN_CONDITIONS", "2025-12-01");
        }
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
        expect(pages).toBeLessThan(10);
      }

      expect(pages).toBe(3);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
      // The new item is first in a fresh listing.
      const fresh = await workQueue({ filter: { officerId } });
      expect(fresh.totalCount).toBe(7);
      expect(fresh.edges[0].node).toMatchObject({ dueOn: "2025-12-08", notification: { kind: "OPEN_CONDITIONS" } });
      expect(fresh.edges.slice(1).map((edge) => edge.node.id)).toEqual(all);
      // An edge's cursor works as well as endCursor.
      const fromEdge = await workQueue({ first: 100, after: fresh.edges[3].cursor, filter: { officerId } });
      expect(fromEdge.edges.map((edge) => edge.node.id)).toEqual(fresh.edges.slice(4).map((edge) => edge.node.id));
    });

    it("should refuse a cursor from another list, or a damaged one, with BAD_USER_INPUT", async () => {
      await queueWorld("queue.cursors");
      const casesPage = await h.run<{ victimCases: { edges: { cursor: string }[] } }>(
        `{ victimCases(first: 1) { edges { cursor } } }`,
      );
      expect(casesPage.errors).toBeUndefined();
      const caseCursor = casesPage.data!.victimCases.edges[0].cursor;
      const forged = Buffer.from("WorkItem|not-a-date|x").toString("base64url");
      // A real work-queue position under another list's name is still another list's cursor.
      const queued = await workQueue({ first: 1 });
      expect(queued.edges).toHaveLength(1);
      const position = Buffer.from(queued.edges[0].cursor, "base64url")
        .toString("utf8")
        .replace(/^WorkItem\|/, "");
      const renamed = Buffer.from(`VictimCase|${position}`).toString("base64url");
      // The cursor itself is accepted (workQueue fails the test on any error).
      await workQueue({ first: 1, after: queued.edges[0].cursor });

      for (const after of [caseCursor, forged, renamed, "garbage"]) {
        const result = await h.run(WORK_QUEUE, { first: 5, after });
        expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      }
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("the words a victim reads", () => {
    it("should put no day of the month, no prison and no identifier in any notification the scenarios produce, and months in words", async () => {
      const sds = await sdsScenario();
      const atLarge = await unlawfullyAtLargeScenario();
      const refused = await paroleScenario("NO_RELEASE");
      const released = await paroleScenario("RELEASE");
      await custody(released.offender.id, "RECONSIDERATION_APPLIED", "2026-09-15");
      await custody(released.offender.id, "DECISION_SET_ASIDE", "2026-10-20");
      const recommended = await paroleScenario("OPEN_CONDITIONS_RECOMMENDED");

      // The ends of a sentence, which every level hears of.
      const endings = [];
      for (const type of ["DIED", "REMOVED_FROM_UK"]) {
        const offender = await createOffender(h, {}, SDS);
        const cases = {
          monthOnly: await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]),
          keyStages: await engaged(offender.id, "KEY_STAGES", ["EMAIL"]),
        };
        await custody(offender.id, type, daysFromToday(-1));
        endings.push({ offender, cases });
      }
      // And contact resuming when a removed offender comes back.
      await custody(endings[1].offender.id, "RETURNED_TO_UK", daysFromToday(0));

      const produced: Notification[] = [];
      for (const scenario of [sds, atLarge, refused, released, recommended, ...endings]) {
        for (const caseId of Object.values(scenario.cases)) produced.push(...(await notificationsOf(caseId)));
      }
      const kinds = new Set(produced.map((notification) => notification.kind));
      expect([...kinds].sort()).toEqual(
        [
          "LICENCE_END",
          "OFFENDER_DIED",
          "OPEN_CONDITIONS",
          "PAROLE_DECISION",
          "PAROLE_RECONSIDERATION",
          "PAROLE_REFERRAL",
          "RECALL",
          "RELEASE",
          "RELEASE_MONTH_CHANGED",
          "REMOVED_FROM_UK",
          "RETURNED_TO_CUSTODY",
          "RETURNED_TO_UK",
          "TEMPORARY_RELEASE",
          "UNLAWFULLY_AT_LARGE",
        ].sort(),
      );

      const offenders = await h.dataSource.query(`SELECT "prison_number", "crn", "name" FROM "offender"`);
      const identifiers = [
        ...offenders.flatMap((row: { prison_number: string | null; crn: string | null }) => [
          row.prison_number,
          row.crn,
        ]),
        "Test Road",
        "Testbury",
        "TE5 7AB",
        "07700 900123",
      ].filter((value): value is string => typeof value === "string");
      for (const notification of produced) {
        expect(notification.body.length).toBeGreaterThan(0);
        expect(notification.subject.length).toBeGreaterThan(0);
        expectFitForVictim(notification, identifiers);
      }

      // The new release month is written as a month and year: CRD 2026-06-01 → "June 2026".
      const monthChanges = produced.filter((notification) => notification.kind === "RELEASE_MONTH_CHANGED");
      expect(monthChanges).toHaveLength(2);
      for (const notification of monthChanges) {
        expect(notification.body).toContain("June 2026");
        expect(notification.body).not.toMatch(/2026-06/);
      }
      const decisions = produced
        .filter((notification) => notification.kind === "PAROLE_DECISION")
        .map((notification) => notification.body);
      // Three parole scenarios, each with three victims: every level hears the Board's decision.
      expect(decisions).toHaveLength(9);
      expect(decisions.some((body) => body.includes("can be released"))).toBe(true);
      expect(decisions.some((body) => body.includes("recommended that they move to open conditions"))).toBe(true);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe("idempotency", () => {
    it("should create no second notification when a custody event is replayed with the same idempotency key", async () => {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "KEY_STAGES", ["LETTER"]);
      const input = {
        offenderId: offender.id,
        type: "MOVED_TO_OPEN_CONDITIONS",
        occurredOn: daysFromToday(-4),
        idempotencyKey: "feed-event-42",
      };

      await step(RECORD_CUSTODY_EVENT, input);
      const rowsAfterFirst = await count("notification");
      const replay = await step<CustodyPayload>(RECORD_CUSTODY_EVENT, input);

      expect(replay.offender!.id).toBe(offender.id);
      expect(await notificationsOf(caseId)).toHaveLength(1);
      expect(await count("notification")).toBe(rowsAfterFirst);
      expect(
        (await caseOf(caseId)).history.nodes.filter(
          (row: { reason: string | null }) => row.reason === "MOVED_TO_OPEN_CONDITIONS",
        ),
      ).toHaveLength(1);
    });

    it("should create no second change-of-month notification when recorded key dates are replayed with the same key", async () => {
      const offender = await createOffender(h, {}, SDS);
      const caseId = await engaged(offender.id, "RELEASE_MONTH_ONLY", ["LETTER"]);
      const input = {
        offenderId: offender.id,
        keyDates: [{ type: "CRD", date: "2027-09-10" }],
        idempotencyKey: "feed-dates-7",
      };

      await step(RECORD_KEY_DATES, input);
      await step(RECORD_KEY_DATES, input);

      const notifications = await notificationsOf(caseId);
      expect(notifications.map((notification) => notification.kind)).toEqual(["RELEASE_MONTH_CHANGED"]);
      expect(notifications[0].body).toContain("September 2027");
    });
  });
});
