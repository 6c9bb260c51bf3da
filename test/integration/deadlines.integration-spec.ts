import { addWorkingDays } from "../../src/domain/calendar/working-days";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  createOffender,
  mutate,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  referCase,
  SEND_INVITATION,
  type Payload,
  LIFE_SENTENCE as LIFE,
} from "../support/api";
import { ENGINES, startHarness, type Harness, type JsonValue } from "../support/harness";

// A case's deadlines through GraphQL (VictimCase.deadlines): read from the case's history, its plan,
// the offender's parole reviews and key dates, and dated against the server's today (the date in
// England). Events here happen today, so the due dates are counted from today with addWorkingDays.

const DAY_MS = 86_400_000;
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const today = () => LONDON_DAY.format(new Date());
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysFromToday = (days: number) => addDays(today(), days);
// A year on, 29 February becoming 28 February (an independent reckoning of the anniversary rule).
function aYearAfter(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const leap = (year + 1) % 4 === 0 && ((year + 1) % 100 !== 0 || (year + 1) % 400 === 0);
  return month === 2 && day === 29 && !leap ? `${year + 1}-02-28` : `${year + 1}${isoDate.slice(4)}`;
}

const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };

const DEADLINE = `kind dueOn metOn state paroleReviewId`;
const CASE_DEADLINES = `query ($id: ID!) { victimCase(id: $id) { id status deadlines { ${DEADLINE} } } }`;
const ERRORS = `userErrors { code message field }`;
const REVIEWS = `query ($id: ID!) { offender(id: $id) { paroleReviews { id status targetHearingDate statementDueOn } } }`;
const SCHEDULE = `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { paroleReview { id targetHearingDate } ${ERRORS} } }`;
const SUBMIT = `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { personalStatement { status submittedOn } ${ERRORS} } }`;
const RECORD_KEY_DATES = `mutation ($input: RecordKeyDatesInput!) { recordKeyDates(input: $input) { ${ERRORS} } }`;
const LIST_DEADLINES = `query ($first: Int!) { victimCases(first: $first) { nodes { id status deadlines { ${DEADLINE} } } } }`;

const STATEMENT_WORDS = "Since the attack I have not been able to walk home alone after dark.";

interface Deadline {
  kind: string;
  dueOn: string;
  metOn: string | null;
  state: string;
  paroleReviewId: string | null;
}

const deadline = (
  kind: string,
  dueOn: string,
  metOn: string | null,
  state: string,
  paroleReviewId: string | null = null,
): Deadline => ({ kind, dueOn, metOn, state, paroleReviewId });
const ofKind = (deadlines: Deadline[], kind: string) => deadlines.filter((entry) => entry.kind === kind);
// The offender's licence end is on every case; the invitation tests look past it.
const withoutLicenceEnd = (deadlines: Deadline[]) => deadlines.filter((entry) => entry.kind !== "LICENCE_END");

/** REVIEWS's offender. */
interface ReviewsView {
  paroleReviews: { id: string; status: string; targetHearingDate: string | null; statementDueOn: string | null }[];
}
/** CASE_DEADLINES's case. */
interface CaseDeadlines {
  id: string;
  status: string;
  deadlines: Deadline[];
}

function expectSorted(deadlines: Deadline[]): void {
  const keys = deadlines.map((entry) => `${entry.dueOn} ${entry.kind}`);
  expect(keys).toEqual([...keys].sort());
}

describe.each(ENGINES)("deadlines (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function run<T = JsonValue>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await h.run<Record<string, T>>(query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0];
  }

  /** Runs a mutation that must succeed, and returns its payload. */
  async function step<T extends Payload = Payload>(mutation: string, input: Record<string, unknown>): Promise<T> {
    const payload = await run<T>(mutation, { input });
    expect(payload.userErrors).toEqual([]);
    return payload;
  }

  async function deadlinesOf(caseId: string): Promise<Deadline[]> {
    const victimCase = (await run<CaseDeadlines | null>(CASE_DEADLINES, { id: caseId }))!;
    expectSorted(victimCase.deadlines);
    return victimCase.deadlines;
  }

  /** A LIFE offender referred to the Board ten days ago, with one engaged case (now PAROLE), and the review. */
  async function underReview(): Promise<{ offenderId: string; caseId: string; reviewId: string }> {
    const offender = await createOffender(h, {}, LIFE);
    const victimCase = await optedInCase(h, offender.id, true);
    await step(RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: daysFromToday(-10),
    });
    const [review] = (await run<ReviewsView | null>(REVIEWS, { id: offender.id }))!.paroleReviews;
    return { offenderId: offender.id, caseId: victimCase.id, reviewId: review.id };
  }

  describe("first contact and the invitation", () => {
    it("should show FIRST_CONTACT MISSED on a case referred 60 days ago and never invited", async () => {
      const offender = await createOffender(h, {}, SDS);
      const referredOn = daysFromToday(-60);
      const victimCase = await referCase(h, offender.id, { referredOn });

      const deadlines = await deadlinesOf(victimCase.id);

      expect(withoutLicenceEnd(deadlines)).toEqual([
        deadline("FIRST_CONTACT", addWorkingDays(referredOn, 20), null, "MISSED"),
      ]);
    });

    it("should show FIRST_CONTACT PENDING on a case referred today", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await referCase(h, offender.id, { referredOn: today() });

      expect(withoutLicenceEnd(await deadlinesOf(victimCase.id))).toEqual([
        deadline("FIRST_CONTACT", addWorkingDays(today(), 20), null, "PENDING"),
      ]);
    });

    it("should meet FIRST_CONTACT with an invitation sent the day of referral, and leave the follow-up and the reply pending", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await referCase(h, offender.id, { referredOn: today() });
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      const followUpDue = addWorkingDays(today(), 15);

      const deadlines = await deadlinesOf(victimCase.id);

      expect(withoutLicenceEnd(deadlines)).toEqual([
        deadline("INVITATION_FOLLOW_UP", followUpDue, null, "PENDING"),
        deadline("FIRST_CONTACT", addWorkingDays(today(), 20), today(), "MET"),
        deadline("INVITATION_REPLY", addWorkingDays(followUpDue, 20), null, "PENDING"),
      ]);
    });

    it.each([
      ["an opt-in", RECORD_OPT_IN],
      ["a decline", RECORD_DECLINE],
    ])("should meet INVITATION_REPLY with %s and drop the follow-up no longer needed", async (_label, reply) => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await referCase(h, offender.id, { referredOn: today() });
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await step(reply, { caseId: victimCase.id });
      const followUpDue = addWorkingDays(today(), 15);

      const deadlines = await deadlinesOf(victimCase.id);

      expect(withoutLicenceEnd(deadlines)).toEqual([
        deadline("FIRST_CONTACT", addWorkingDays(today(), 20), today(), "MET"),
        deadline("INVITATION_REPLY", addWorkingDays(followUpDue, 20), today(), "MET"),
      ]);
    });

    it("should meet INVITATION_FOLLOW_UP with the second invitation", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await referCase(h, offender.id, { referredOn: today() });
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
      await step(SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });

      const deadlines = await deadlinesOf(victimCase.id);

      expect(ofKind(deadlines, "INVITATION_FOLLOW_UP")).toEqual([
        deadline("INVITATION_FOLLOW_UP", addWorkingDays(today(), 15), today(), "MET"),
      ]);
    });
  });

  describe("annual letters", () => {
    it("should show the next ANNUAL_LETTER a year after a KEY_STAGES plan agreed today", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await optedInCase(h, offender.id, true);

      const deadlines = await deadlinesOf(victimCase.id);

      expect(ofKind(deadlines, "ANNUAL_LETTER")).toEqual([
        deadline("ANNUAL_LETTER", aYearAfter(today()), null, "PENDING"),
      ]);
    });

    it("should show no ANNUAL_LETTER on a RELEASE_MONTH_ONLY plan", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await optedInCase(h, offender.id);
      await step(AGREE_CONTACT_PLAN, {
        caseId: victimCase.id,
        informationLevel: "RELEASE_MONTH_ONLY",
        channels: ["LETTER"],
      });

      const deadlines = await deadlinesOf(victimCase.id);

      expect(ofKind(deadlines, "ANNUAL_LETTER")).toEqual([]);
      expect(ofKind(deadlines, "INVITATION_REPLY")).toHaveLength(1);
    });
  });

  describe("personal statements", () => {
    it("should show PERSONAL_STATEMENT pending 28 days before a hearing 120 days ahead, for the offender's review, and MET once submitted", async () => {
      const { offenderId, caseId, reviewId } = await underReview();
      const hearing = daysFromToday(120);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: hearing, hearingType: "ORAL" });
      const [review] = (await run<ReviewsView | null>(REVIEWS, { id: offenderId }))!.paroleReviews;

      const before = ofKind(await deadlinesOf(caseId), "PERSONAL_STATEMENT");
      const submitted = await step<
        Payload & { personalStatement: { status: string; submittedOn: string | null } | null }
      >(SUBMIT, {
        caseId,
        paroleReviewId: reviewId,
        format: "READ_BY_PANEL",
        text: STATEMENT_WORDS,
      });
      const after = ofKind(await deadlinesOf(caseId), "PERSONAL_STATEMENT");

      expect(review.id).toBe(reviewId);
      expect(before).toEqual([deadline("PERSONAL_STATEMENT", addDays(hearing, -28), null, "PENDING", review.id)]);
      expect(before[0].dueOn).toBe(review.statementDueOn);
      expect(submitted.personalStatement).toMatchObject({ status: "SUBMITTED", submittedOn: today() });
      expect(after).toEqual([deadline("PERSONAL_STATEMENT", addDays(hearing, -28), today(), "MET", review.id)]);
    });

    it("should owe no PERSONAL_STATEMENT while the review has no hearing date", async () => {
      const { caseId } = await underReview();

      expect(ofKind(await deadlinesOf(caseId), "PERSONAL_STATEMENT")).toEqual([]);
    });

    it("should keep a missed PERSONAL_STATEMENT after the case is closed", async () => {
      // Hearing in 10 days: the statement was due 18 days ago and never sent.
      const { caseId, reviewId } = await underReview();
      const hearing = daysFromToday(10);
      await step(SCHEDULE, { paroleReviewId: reviewId, targetHearingDate: hearing, hearingType: "ORAL" });
      const missed = deadline("PERSONAL_STATEMENT", addDays(hearing, -28), null, "MISSED", reviewId);
      expect(ofKind(await deadlinesOf(caseId), "PERSONAL_STATEMENT")).toEqual([missed]);

      await step(CLOSE_CASE, { caseId, reason: "VICTIM_REQUEST" });

      expect(ofKind(await deadlinesOf(caseId), "PERSONAL_STATEMENT")).toEqual([missed]);
    });
  });

  describe("the licence end", () => {
    it.each([
      [
        "SLED",
        [
          { type: "CRD", date: "2027-03-15" },
          { type: "SLED", date: "2028-09-14" },
        ],
        "2028-09-14",
      ],
      [
        "LED before SED",
        [
          { type: "CRD", date: "2027-03-15" },
          { type: "LED", date: "2028-06-01" },
          { type: "SED", date: "2028-09-14" },
        ],
        "2028-06-01",
      ],
      [
        "SED when there is no licence expiry",
        [
          { type: "CRD", date: "2027-03-15" },
          { type: "SED", date: "2028-09-14" },
        ],
        "2028-09-14",
      ],
    ])("should show LICENCE_END at the recorded %s", async (_label, keyDates, expected) => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await optedInCase(h, offender.id, true);
      await step(RECORD_KEY_DATES, { offenderId: offender.id, keyDates });

      expect(ofKind(await deadlinesOf(victimCase.id), "LICENCE_END")).toEqual([
        deadline("LICENCE_END", expected, null, "PENDING"),
      ]);
    });

    it("should meet LICENCE_END on the day the licence ended, even when the feed records it later", async () => {
      const offender = await createOffender(h, {}, SDS);
      const victimCase = await optedInCase(h, offender.id, true);
      const ended = daysFromToday(-5);
      await step(RECORD_KEY_DATES, {
        offenderId: offender.id,
        keyDates: [
          { type: "CRD", date: daysFromToday(-60) },
          { type: "SLED", date: ended },
        ],
      });
      await step(RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "RELEASED_ON_LICENCE",
        occurredOn: daysFromToday(-60),
      });
      await step(RECORD_CUSTODY_EVENT, { offenderId: offender.id, type: "LICENCE_ENDED", occurredOn: ended });

      const victim = (await run<CaseDeadlines | null>(CASE_DEADLINES, { id: victimCase.id }))!;

      expect(victim.status).toBe("CLOSED");
      expect(ofKind(victim.deadlines, "LICENCE_END")).toEqual([deadline("LICENCE_END", ended, ended, "MET")]);
    });
  });
});

// A page of cases costs a fixed number of statements however many cases show their deadlines.
describe.each(ENGINES)("statements for a page of cases with deadlines (%s)", (engine) => {
  let h: Harness;
  /** A setup step that must succeed. */
  async function setUp(mutation: string, input: Record<string, unknown>): Promise<void> {
    expect((await mutate<Payload>(h, mutation, input)).userErrors).toEqual([]);
  }

  beforeAll(async () => {
    h = await startHarness(engine);
    // A LIFE offender under review with a hearing; an SDS offender with recorded key dates. Three cases each, at different steps.
    const life = await createOffender(h, {}, LIFE);
    const lifeCases = [await referCase(h, life.id), await referCase(h, life.id), await optedInCase(h, life.id, true)];
    await setUp(SEND_INVITATION, { caseId: lifeCases[1].id, channel: "LETTER" });
    await setUp(RECORD_CUSTODY_EVENT, {
      offenderId: life.id,
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: daysFromToday(-10),
    });
    const [review] = (await h.run<{ offender: ReviewsView | null }>(REVIEWS, { id: life.id })).data!.offender!
      .paroleReviews;
    await setUp(SCHEDULE, { paroleReviewId: review.id, targetHearingDate: daysFromToday(120), hearingType: "ORAL" });
    await setUp(SUBMIT, {
      caseId: lifeCases[2].id,
      paroleReviewId: review.id,
      format: "READ_BY_PANEL",
      text: STATEMENT_WORDS,
    });

    const sds = await createOffender(h, {}, SDS);
    await setUp(RECORD_KEY_DATES, {
      offenderId: sds.id,
      keyDates: [
        { type: "CRD", date: "2027-03-15" },
        { type: "SLED", date: "2028-09-14" },
      ],
    });
    const declined = await referCase(h, sds.id);
    await setUp(SEND_INVITATION, { caseId: declined.id, channel: "LETTER" });
    await setUp(RECORD_DECLINE, { caseId: declined.id });
    await optedInCase(h, sds.id, true);
    await referCase(h, sds.id, { referredOn: daysFromToday(-60) });
  });
  afterAll(() => h.close());

  async function statementsFor(first: number): Promise<{ count: number; cases: { deadlines: Deadline[] }[] }> {
    h.statements.reset();
    const result = await h.run<{ victimCases: { nodes: CaseDeadlines[] } }>(LIST_DEADLINES, { first });
    expect(result.errors).toBeUndefined();
    return { count: h.statements.count, cases: result.data!.victimCases.nodes };
  }

  it("should use the same number of SQL statements for 6 cases with their deadlines as for 2", async () => {
    const two = await statementsFor(2);
    const six = await statementsFor(6);

    expect(two.cases).toHaveLength(2);
    expect(six.cases).toHaveLength(6);
    expect(new Set(six.cases.flatMap((victimCase) => victimCase.deadlines.map((entry) => entry.kind)))).toEqual(
      new Set([
        "FIRST_CONTACT",
        "INVITATION_FOLLOW_UP",
        "INVITATION_REPLY",
        "ANNUAL_LETTER",
        "PERSONAL_STATEMENT",
        "LICENCE_END",
      ]),
    );
    expect(six.count).toBe(two.count);
  });
});
