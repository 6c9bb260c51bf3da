import fc from "fast-check";
import { InformationLevel } from "../../src/domain/cases/contact.enums";
import { DeadlineKind, DeadlineState } from "../../src/domain/work/deadline.enums";
import { statementDueOn } from "../../src/domain/parole/parole-deadlines";
import {
  deadlinesFor,
  DEFAULT_INVITATION_TIMINGS,
  type CaseDeadlineFacts,
  type Deadline,
  type InvitationTimings,
} from "../../src/domain/work/deadline-rules";

// The officer's deadlines on a case, worked out by hand (issue "Contact plans in action" §4).
// Every due date below is counted in a comment, day by day, against the England-and-Wales bank
// holidays: the expected values are written out, never computed with src.

const { FIRST_CONTACT, INVITATION_FOLLOW_UP, INVITATION_REPLY, ANNUAL_LETTER, PERSONAL_STATEMENT, LICENCE_END } =
  DeadlineKind;
const { MET, MET_LATE, MISSED, PENDING } = DeadlineState;

/** A case referred on Monday 2 March 2026 and nothing more. */
function facts(overrides: Partial<CaseDeadlineFacts> = {}): CaseDeadlineFacts {
  return {
    referredOn: "2026-03-02",
    invitationsSentOn: [],
    repliedOn: null,
    plan: null,
    annualLettersSentOn: [],
    statements: [],
    licenceExpiresOn: null,
    licenceEndedOn: null,
    closedOn: null,
    ...overrides,
  };
}

function deadline(
  kind: DeadlineKind,
  dueOn: string,
  metOn: string | null,
  state: DeadlineState,
  paroleReviewId: string | null = null,
): Deadline {
  return { kind, dueOn, metOn, state, paroleReviewId };
}

const only = (deadlines: Deadline[], kind: DeadlineKind) => deadlines.filter((entry) => entry.kind === kind);

// Referral Monday 2 March 2026 + 20 working days (no bank holiday in between):
// Mar 3 4 5 6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Mon 30 (20) → 2026-03-30.
const FIRST_CONTACT_DUE = "2026-03-30";
// First invitation Monday 2 March 2026 + 15 working days:
// Mar 3 4 5 6 (4), 9-13 (9), 16-20 (14), Mon 23 (15) → 2026-03-23.
const FOLLOW_UP_DUE = "2026-03-23";
// 2026-03-23 + 20 working days, across Easter (Good Friday 3 April, Easter Monday 6 April):
// Mar 24 25 26 27 (4), 30 31 (6), Apr 1 2 (8), [3 and 6 skipped], Apr 7 8 9 10 (12), 13-17 (17), 20 21 22 (20) → 2026-04-22.
const REPLY_DUE = "2026-04-22";

describe("deadlinesFor", () => {
  describe("worked examples, one per kind", () => {
    it("should make first contact due 20 working days after referral, skipping Christmas, the Boxing Day substitute and New Year's Day", () => {
      // Referral Monday 14 December 2026 + 20 working days:
      // Dec 15 16 17 18 (4), 21 22 23 24 (8), [Fri 25 Christmas, Mon 28 Boxing Day substitute skipped],
      // 29 30 31 (11), [Fri 1 Jan New Year's Day skipped], Jan 4-8 (16), 11 12 13 14 (20) → Thursday 2027-01-14.
      const result = deadlinesFor(facts({ referredOn: "2026-12-14" }), "2026-12-20");

      expect(result).toEqual([deadline(FIRST_CONTACT, "2027-01-14", null, PENDING)]);
    });

    it("should meet first contact with the first invitation", () => {
      const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02"] }), "2026-03-02");

      expect(only(result, FIRST_CONTACT)).toEqual([deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, "2026-03-02", MET)]);
    });

    it("should make the follow-up due 15 working days after the first invitation, met by the second", () => {
      const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02", "2026-03-20"] }), "2026-03-25");

      expect(only(result, INVITATION_FOLLOW_UP)).toEqual([
        deadline(INVITATION_FOLLOW_UP, FOLLOW_UP_DUE, "2026-03-20", MET),
      ]);
    });

    it("should make the reply due 20 working days after the follow-up was due (across Easter), met by the reply", () => {
      const result = deadlinesFor(
        facts({ invitationsSentOn: ["2026-03-02", "2026-03-23"], repliedOn: "2026-04-22" }),
        "2026-05-01",
      );

      expect(result).toEqual([
        deadline(INVITATION_FOLLOW_UP, FOLLOW_UP_DUE, "2026-03-23", MET),
        deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, "2026-03-02", MET),
        deadline(INVITATION_REPLY, REPLY_DUE, "2026-04-22", MET),
      ]);
    });

    it("should list every invitation deadline pending on the day of the first invitation", () => {
      const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02"] }), "2026-03-02");

      expect(result).toEqual([
        deadline(INVITATION_FOLLOW_UP, FOLLOW_UP_DUE, null, PENDING),
        deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, "2026-03-02", MET),
        deadline(INVITATION_REPLY, REPLY_DUE, null, PENDING),
      ]);
    });

    it("should make the annual letter due on the plan's anniversary, met by a letter sent since the plan was agreed", () => {
      // Agreed 10 May 2025; first anniversary 2026-05-10, the next 2027-05-10 (the first after today).
      const result = deadlinesFor(
        facts({
          referredOn: "2025-03-03",
          invitationsSentOn: ["2025-03-03"],
          repliedOn: "2025-03-10",
          plan: { informationLevel: InformationLevel.ANNUAL_LETTER, agreedOn: "2025-05-10" },
          annualLettersSentOn: ["2026-05-01"],
        }),
        "2026-07-01",
      );

      expect(only(result, ANNUAL_LETTER)).toEqual([
        deadline(ANNUAL_LETTER, "2026-05-10", "2026-05-01", MET),
        deadline(ANNUAL_LETTER, "2027-05-10", null, PENDING),
      ]);
    });

    it("should make the personal statement due 28 days before the hearing, with its review, met by submission", () => {
      // Hearing Monday 14 September 2026 − 28 days: − 14 is 31 August, − 14 more is Monday 17 August.
      expect(statementDueOn("2026-09-14")).toBe("2026-08-17");
      const statements = [{ paroleReviewId: "review-1", dueOn: "2026-08-17", submittedOn: "2026-08-10" }];

      const result = deadlinesFor(facts({ statements }), "2026-09-01");

      expect(only(result, PERSONAL_STATEMENT)).toEqual([
        deadline(PERSONAL_STATEMENT, "2026-08-17", "2026-08-10", MET, "review-1"),
      ]);
    });

    it("should keep one personal-statement deadline per review", () => {
      const statements = [
        { paroleReviewId: "review-1", dueOn: "2026-08-17", submittedOn: null },
        { paroleReviewId: "review-2", dueOn: "2027-02-01", submittedOn: null },
      ];

      const result = deadlinesFor(facts({ statements }), "2026-09-01");

      expect(only(result, PERSONAL_STATEMENT)).toEqual([
        deadline(PERSONAL_STATEMENT, "2026-08-17", null, MISSED, "review-1"),
        deadline(PERSONAL_STATEMENT, "2027-02-01", null, PENDING, "review-2"),
      ]);
    });

    it("should make the licence end due at the licence expiry date, met when the licence ended", () => {
      const plan = { informationLevel: InformationLevel.KEY_STAGES, agreedOn: "2026-03-10" };
      expect(only(deadlinesFor(facts({ plan, licenceExpiresOn: "2027-01-14" }), "2026-07-01"), LICENCE_END)).toEqual([
        deadline(LICENCE_END, "2027-01-14", null, PENDING),
      ]);
      expect(
        only(
          deadlinesFor(facts({ plan, licenceExpiresOn: "2027-01-14", licenceEndedOn: "2027-01-14" }), "2027-02-01"),
          LICENCE_END,
        ),
      ).toEqual([deadline(LICENCE_END, "2027-01-14", "2027-01-14", MET)]);
    });

    it("should owe no licence end to a victim who never agreed a contact plan", () => {
      expect(only(deadlinesFor(facts({ licenceExpiresOn: "2027-01-14" }), "2026-07-01"), LICENCE_END)).toEqual([]);
      expect(
        only(
          deadlinesFor(
            facts({
              invitationsSentOn: ["2026-03-02"],
              repliedOn: "2026-03-05",
              licenceExpiresOn: "2027-01-14",
              licenceEndedOn: "2027-01-14",
            }),
            "2027-02-01",
          ),
          LICENCE_END,
        ),
      ).toEqual([]);
    });

    it("should owe nothing but first contact on a case only referred", () => {
      expect(deadlinesFor(facts(), "2026-03-02")).toEqual([deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, null, PENDING)]);
    });
  });

  describe("states", () => {
    // First contact due 2026-03-30 (see FIRST_CONTACT_DUE).
    it.each([
      ["done before the due date", ["2026-03-20"], "2026-04-15", "2026-03-20", MET],
      ["done on the due date", [FIRST_CONTACT_DUE], "2026-04-15", FIRST_CONTACT_DUE, MET],
      ["done the day after the due date", ["2026-03-31"], "2026-04-15", "2026-03-31", MET_LATE],
      ["not done, due yesterday", [], "2026-03-31", null, MISSED],
      ["not done, due today", [], FIRST_CONTACT_DUE, null, PENDING],
      ["not done, due later", [], "2026-03-10", null, PENDING],
    ])("should mark a deadline %s", (_label, invitationsSentOn, today, metOn, state) => {
      const [first] = only(deadlinesFor(facts({ invitationsSentOn }), today), FIRST_CONTACT);

      expect(first).toEqual(deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, metOn, state));
    });

    it("should keep MET_LATE whatever today is, and not call a late reply MISSED", () => {
      const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02"], repliedOn: "2026-04-23" }), "2026-06-01");

      expect(only(result, INVITATION_REPLY)).toEqual([deadline(INVITATION_REPLY, REPLY_DUE, "2026-04-23", MET_LATE)]);
      // The reply came after the follow-up was due, so the follow-up still counts (and was missed).
      expect(only(result, INVITATION_FOLLOW_UP)).toEqual([deadline(INVITATION_FOLLOW_UP, FOLLOW_UP_DUE, null, MISSED)]);
    });
  });

  describe("the follow-up", () => {
    it.each([
      ["opted in", "2026-03-10"],
      ["declined", "2026-03-04"],
    ])("should be omitted when the victim %s before it was due", (_label, repliedOn) => {
      const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02"], repliedOn }), "2026-04-01");

      expect(result).toEqual([
        deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, "2026-03-02", MET),
        deadline(INVITATION_REPLY, REPLY_DUE, repliedOn, MET),
      ]);
    });

    it("should be omitted when the reply came on the day the follow-up was due (it was no longer needed)", () => {
      const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02"], repliedOn: FOLLOW_UP_DUE }), "2026-04-01");

      expect(only(result, INVITATION_FOLLOW_UP)).toEqual([]);
    });

    it("should stay when the reply came after it was due", () => {
      const result = deadlinesFor(
        facts({ invitationsSentOn: ["2026-03-02", "2026-03-23"], repliedOn: "2026-03-24" }),
        "2026-04-01",
      );

      expect(only(result, INVITATION_FOLLOW_UP)).toEqual([
        deadline(INVITATION_FOLLOW_UP, FOLLOW_UP_DUE, "2026-03-23", MET),
      ]);
    });

    it("should not exist before the first invitation", () => {
      expect(deadlinesFor(facts(), "2026-06-01").map((entry) => entry.kind)).toEqual([FIRST_CONTACT]);
    });
  });

  it("should use custom invitation timings", () => {
    const timings: InvitationTimings = { followUpWorkingDays: 5, expiryWorkingDays: 10 };
    // First invitation Monday 2 March 2026 + 5 working days: 3 4 5 6 (4), Mon 9 (5) → 2026-03-09.
    // 2026-03-09 + 10 working days: 10 11 12 13 (4), 16-20 (9), Mon 23 (10) → 2026-03-23.
    const result = deadlinesFor(facts({ invitationsSentOn: ["2026-03-02"] }), "2026-03-02", timings);

    expect(result).toEqual([
      deadline(INVITATION_FOLLOW_UP, "2026-03-09", null, PENDING),
      deadline(INVITATION_REPLY, "2026-03-23", null, PENDING),
      deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, "2026-03-02", MET),
    ]);
    // First contact stays the Victims' Code's 20 working days whatever the timings; the defaults are 15 and 20.
    expect(DEFAULT_INVITATION_TIMINGS).toEqual({ followUpWorkingDays: 15, expiryWorkingDays: 20 });
  });

  describe("annual letters", () => {
    const engaged = (informationLevel: InformationLevel, agreedOn: string, annualLettersSentOn: string[] = []) =>
      facts({
        referredOn: "2024-01-08",
        invitationsSentOn: ["2024-01-08"],
        repliedOn: "2024-01-10",
        plan: { informationLevel, agreedOn },
        annualLettersSentOn,
      });

    it("should owe no annual letter on a release-month-only plan", () => {
      const result = deadlinesFor(engaged(InformationLevel.RELEASE_MONTH_ONLY, "2024-05-10"), "2027-01-01");

      expect(only(result, ANNUAL_LETTER)).toEqual([]);
    });

    it.each([InformationLevel.ANNUAL_LETTER, InformationLevel.KEY_STAGES])(
      "should owe annual letters when the plan's level is %s",
      (level) => {
        expect(only(deadlinesFor(engaged(level, "2024-05-10"), "2024-06-01"), ANNUAL_LETTER)).toEqual([
          deadline(ANNUAL_LETTER, "2025-05-10", null, PENDING),
        ]);
      },
    );

    it("should list every anniversary up to and including the next one after today", () => {
      // Agreed 10 May 2024, today 1 July 2026: anniversaries 2025-05-10, 2026-05-10, and the next, 2027-05-10.
      // The 2025 letter (1 May 2025) meets the first on time; no letter since 10 May 2025, so the second is missed.
      const result = deadlinesFor(engaged(InformationLevel.KEY_STAGES, "2024-05-10", ["2025-05-01"]), "2026-07-01");

      expect(only(result, ANNUAL_LETTER)).toEqual([
        deadline(ANNUAL_LETTER, "2025-05-10", "2025-05-01", MET),
        deadline(ANNUAL_LETTER, "2026-05-10", null, MISSED),
        deadline(ANNUAL_LETTER, "2027-05-10", null, PENDING),
      ]);
    });

    it("should list an anniversary that falls today as pending, and the one after it", () => {
      const result = deadlinesFor(engaged(InformationLevel.KEY_STAGES, "2024-05-10"), "2025-05-10");

      expect(only(result, ANNUAL_LETTER)).toEqual([
        deadline(ANNUAL_LETTER, "2025-05-10", null, PENDING),
        deadline(ANNUAL_LETTER, "2026-05-10", null, PENDING),
      ]);
    });

    it("should count a letter sent late, up to a year after the anniversary, as met late", () => {
      // Due 2025-05-10; a letter on 2026-05-10 is exactly a year late and still counts; 2026-05-11 does not.
      const onTheYear = deadlinesFor(
        engaged(InformationLevel.ANNUAL_LETTER, "2024-05-10", ["2026-05-10"]),
        "2026-05-12",
      );
      const tooLate = deadlinesFor(engaged(InformationLevel.ANNUAL_LETTER, "2024-05-10", ["2026-05-11"]), "2026-05-12");

      expect(only(onTheYear, ANNUAL_LETTER)[0]).toEqual(deadline(ANNUAL_LETTER, "2025-05-10", "2026-05-10", MET_LATE));
      expect(only(tooLate, ANNUAL_LETTER)[0]).toEqual(deadline(ANNUAL_LETTER, "2025-05-10", null, MISSED));
    });

    it("should not count a letter sent on or before the previous anniversary", () => {
      // The plan was agreed 10 May 2024: a letter that very day is not the first anniversary's letter.
      const result = deadlinesFor(engaged(InformationLevel.ANNUAL_LETTER, "2024-05-10", ["2024-05-10"]), "2025-06-01");

      expect(only(result, ANNUAL_LETTER)[0]).toEqual(deadline(ANNUAL_LETTER, "2025-05-10", null, MISSED));
    });

    it("should put a 29 February anniversary on 28 February in other years, and back on 29 February in a leap year", () => {
      // Agreed Thursday 29 February 2024; today 1 March 2028: 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29, and the next, 2029-02-28.
      const result = deadlinesFor(
        engaged(InformationLevel.KEY_STAGES, "2024-02-29", ["2025-02-28", "2026-02-27", "2027-02-26", "2028-02-29"]),
        "2028-03-01",
      );

      expect(only(result, ANNUAL_LETTER)).toEqual([
        deadline(ANNUAL_LETTER, "2025-02-28", "2025-02-28", MET),
        deadline(ANNUAL_LETTER, "2026-02-28", "2026-02-27", MET),
        deadline(ANNUAL_LETTER, "2027-02-28", "2027-02-26", MET),
        deadline(ANNUAL_LETTER, "2028-02-29", "2028-02-29", MET),
        deadline(ANNUAL_LETTER, "2029-02-28", null, PENDING),
      ]);
    });

    it("should count a letter up to 28 February the year after a 29 February anniversary", () => {
      // Due 2028-02-29: a year after it is 2029-02-28 (there is no 29 February 2029).
      const facts2028 = (letter: string) =>
        engaged(InformationLevel.ANNUAL_LETTER, "2024-02-29", ["2025-02-28", "2026-02-28", "2027-02-28", letter]);
      const anniversary = (letter: string) =>
        only(deadlinesFor(facts2028(letter), "2029-03-05"), ANNUAL_LETTER).find(
          (entry) => entry.dueOn === "2028-02-29",
        );

      expect(anniversary("2029-02-28")).toEqual(deadline(ANNUAL_LETTER, "2028-02-29", "2029-02-28", MET_LATE));
      expect(anniversary("2029-03-01")).toEqual(deadline(ANNUAL_LETTER, "2028-02-29", null, MISSED));
    });
  });

  describe("a closed case", () => {
    it("should keep what was met or missed before it closed and owe nothing due after", () => {
      // Referred 2026-03-02, first invitation Tuesday 10 March 2026, closed 20 March 2026.
      // First contact (due 2026-03-30) was met on 10 March: kept.
      // Follow-up: 10 March + 15 working days: 11 12 13 (3), 16-20 (8), 23-27 (13), 30 31 (15) → 2026-03-31, after the close: dropped.
      // Reply: later still, dropped. Licence end 2027-01-14, after the close: dropped.
      // Statement review-1 due 2026-03-16, before the close, never submitted: kept, missed. Review-2 due after: dropped.
      const result = deadlinesFor(
        facts({
          invitationsSentOn: ["2026-03-10"],
          statements: [
            { paroleReviewId: "review-1", dueOn: "2026-03-16", submittedOn: null },
            { paroleReviewId: "review-2", dueOn: "2026-06-01", submittedOn: null },
          ],
          licenceExpiresOn: "2027-01-14",
          closedOn: "2026-03-20",
        }),
        "2026-12-01",
      );

      expect(result).toEqual([
        deadline(PERSONAL_STATEMENT, "2026-03-16", null, MISSED, "review-1"),
        deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, "2026-03-10", MET),
      ]);
    });

    it("should keep a missed first contact and drop one not yet due when it closed", () => {
      expect(deadlinesFor(facts({ closedOn: "2026-04-02" }), "2026-12-01")).toEqual([
        deadline(FIRST_CONTACT, FIRST_CONTACT_DUE, null, MISSED),
      ]);
      expect(deadlinesFor(facts({ closedOn: "2026-03-20" }), "2026-12-01")).toEqual([]);
    });

    it("should stop annual letters at the first anniversary after it closed", () => {
      // Agreed 10 May 2024, closed 1 August 2025, today 1 January 2027: the 2025 anniversary (missed) is kept;
      // 2026-05-10 fell after the close and is not owed, nor is any later one.
      const result = deadlinesFor(
        facts({
          referredOn: "2024-01-08",
          invitationsSentOn: ["2024-01-08"],
          repliedOn: "2024-01-10",
          plan: { informationLevel: InformationLevel.KEY_STAGES, agreedOn: "2024-05-10" },
          closedOn: "2025-08-01",
        }),
        "2027-01-01",
      );

      expect(only(result, ANNUAL_LETTER)).toEqual([deadline(ANNUAL_LETTER, "2025-05-10", null, MISSED)]);
    });
  });

  it("should sort by due date, then by kind", () => {
    // Due the same day as first contact (2026-03-30): a statement and the licence end; the annual letter
    // of a plan agreed 30 March 2025 too. Kinds on one day go in alphabetical order.
    const result = deadlinesFor(
      facts({
        plan: { informationLevel: InformationLevel.ANNUAL_LETTER, agreedOn: "2025-03-30" },
        statements: [{ paroleReviewId: "review-1", dueOn: "2026-03-30", submittedOn: null }],
        licenceExpiresOn: "2026-03-30",
        invitationsSentOn: ["2026-03-02"],
      }),
      "2026-03-02",
    );

    expect(result.map((entry) => [entry.dueOn, entry.kind])).toEqual([
      [FOLLOW_UP_DUE, INVITATION_FOLLOW_UP],
      ["2026-03-30", ANNUAL_LETTER],
      ["2026-03-30", FIRST_CONTACT],
      ["2026-03-30", LICENCE_END],
      ["2026-03-30", PERSONAL_STATEMENT],
      [REPLY_DUE, INVITATION_REPLY],
    ]);
  });

  it("should be pure: the same facts give the same list, and the facts are left as they were", () => {
    const input = facts({
      invitationsSentOn: ["2026-03-02"],
      plan: { informationLevel: InformationLevel.KEY_STAGES, agreedOn: "2025-03-30" },
      annualLettersSentOn: ["2026-03-01", "2025-12-01"],
    });
    const copy = structuredClone(input);

    expect(deadlinesFor(input, "2026-06-01")).toEqual(deadlinesFor(copy, "2026-06-01"));
    expect(input).toEqual(copy);
  });

  describe("properties", () => {
    const DAY_MS = 86_400_000;
    const FROM = Date.parse("2018-01-01T00:00:00Z");
    // Up to mid-2029, so working days counted from any date stay within the bank-holiday list.
    const SPAN_DAYS = 11 * 365 + 150;
    const isoOf = (days: number) => new Date(FROM + days * DAY_MS).toISOString().slice(0, 10);
    const day = fc.integer({ min: 0, max: SPAN_DAYS }).map(isoOf);
    const sortedDays = (max: number) => fc.array(day, { maxLength: max }).map((days) => [...days].sort());

    const factsArbitrary: fc.Arbitrary<CaseDeadlineFacts> = fc.record({
      referredOn: day,
      invitationsSentOn: sortedDays(3),
      repliedOn: fc.option(day, { nil: null }),
      plan: fc.option(
        fc.record({ informationLevel: fc.constantFrom(...Object.values(InformationLevel)), agreedOn: day }),
        { nil: null },
      ),
      annualLettersSentOn: fc.array(day, { maxLength: 4 }),
      statements: fc.array(
        fc.record({ paroleReviewId: fc.uuid(), dueOn: day, submittedOn: fc.option(day, { nil: null }) }),
        { maxLength: 3 },
      ),
      licenceExpiresOn: fc.option(day, { nil: null }),
      licenceEndedOn: fc.option(day, { nil: null }),
      closedOn: fc.option(day, { nil: null }),
    });
    const timingsArbitrary: fc.Arbitrary<InvitationTimings> = fc.record({
      followUpWorkingDays: fc.integer({ min: 1, max: 40 }),
      expiryWorkingDays: fc.integer({ min: 1, max: 40 }),
    });

    // Written out here: the state a deadline must have from its dates alone.
    function expectedState(entry: Deadline, today: string): DeadlineState {
      if (entry.metOn !== null) return entry.metOn <= entry.dueOn ? MET : MET_LATE;
      return entry.dueOn < today ? MISSED : PENDING;
    }

    it("should return a sorted list whose every state agrees with its dates, always with first contact unless the case closed before it was due", () => {
      fc.assert(
        fc.property(factsArbitrary, day, timingsArbitrary, (input, today, timings) => {
          const result = deadlinesFor(input, today, timings);

          const keys = result.map((entry) => `${entry.dueOn} ${entry.kind}`);
          expect(keys).toEqual([...keys].sort());
          for (const entry of result)
            expect({ entry, state: expectedState(entry, today) }).toEqual({ entry, state: entry.state });

          const firstContacts = only(result, FIRST_CONTACT);
          const firstInvitation = input.invitationsSentOn[0] ?? null;
          const droppedByClose =
            input.closedOn !== null &&
            firstInvitation === null &&
            (firstContacts[0]?.dueOn ?? "9999-12-31") > input.closedOn;
          if (!input.closedOn) expect(firstContacts).toHaveLength(1);
          else expect(firstContacts.length).toBeLessThanOrEqual(1);
          if (firstContacts.length === 1) expect(firstContacts[0].metOn).toBe(firstInvitation);
          if (firstContacts.length === 0)
            expect({ closedOn: input.closedOn, firstInvitation }).toEqual({
              closedOn: expect.any(String),
              firstInvitation: null,
            });
          expect(droppedByClose).toBe(firstContacts.length === 0);
        }),
        { numRuns: 300 },
      );
    });

    it("should always list first contact on a case that is not closed", () => {
      fc.assert(
        fc.property(factsArbitrary, day, (input, today) => {
          const result = deadlinesFor({ ...input, closedOn: null }, today);

          expect(only(result, FIRST_CONTACT)).toHaveLength(1);
        }),
        { numRuns: 200 },
      );
    });

    it("should owe nothing unmet due after a closed case closed", () => {
      fc.assert(
        fc.property(factsArbitrary, day, day, (input, closedOn, today) => {
          const result = deadlinesFor({ ...input, closedOn }, today);

          expect(result.filter((entry) => entry.metOn === null && entry.dueOn > closedOn)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    });

    it("should list no annual letter for a release-month-only plan, and for other plans anniversaries up to the first after today", () => {
      fc.assert(
        fc.property(factsArbitrary, day, (input, today) => {
          const result = only(deadlinesFor({ ...input, closedOn: null }, today), ANNUAL_LETTER);

          if (!input.plan || input.plan.informationLevel === InformationLevel.RELEASE_MONTH_ONLY) {
            expect(result).toEqual([]);
            return;
          }
          // Exactly one anniversary after today, and it is the last.
          expect(result.filter((entry) => entry.dueOn > today)).toEqual([result.at(-1)]);
          expect(result.every((entry) => entry.dueOn > input.plan!.agreedOn)).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  });

  it("should count one letter for one anniversary only, so a late letter does not also answer the next", () => {
    // Plan agreed 2024-01-10: anniversaries 2025-01-10 and 2026-01-10. One letter, sent late on
    // 2025-03-01, answers the first (late); the second anniversary is still unmet.
    const annual = only(
      deadlinesFor(
        facts({
          plan: { informationLevel: InformationLevel.ANNUAL_LETTER, agreedOn: "2024-01-10" },
          annualLettersSentOn: ["2025-03-01"],
        }),
        "2026-02-01",
      ),
      ANNUAL_LETTER,
    );
    expect(annual.slice(0, 2)).toEqual([
      deadline(ANNUAL_LETTER, "2025-01-10", "2025-03-01", MET_LATE),
      deadline(ANNUAL_LETTER, "2026-01-10", null, MISSED),
    ]);
  });
});
