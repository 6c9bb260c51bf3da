import fc from "fast-check";
import { createActor, getNextTransitions, initialTransition, transition } from "xstate";
import { ParoleOutcome } from "../../src/domain/custody/custody.enums";
import { statementDueOn } from "../../src/domain/parole/parole-deadlines";
import { HearingType, ParoleReviewStatus } from "../../src/domain/parole/parole.enums";
import { SentenceType } from "../../src/domain/sentences/sentence.enums";
import {
  explainParoleRefusal,
  PAROLE_GUARD_REFUSALS,
  paroleReviewMachine,
} from "../../src/machines/parole-review.machine";
import type { ParoleReviewSnapshot } from "../../src/machines/parole-review.machine";
import type {
  ParoleReviewContext,
  ParoleReviewEvent,
  ParoleReviewRefusalCode,
} from "../../src/machines/parole-review-events";

type EventType = ParoleReviewEvent["type"];

// A Record so that adding an event type without listing it here fails to type-check.
const EVENT_TYPES: Record<EventType, true> = {
  SCHEDULE_HEARING: true,
  DECIDE: true,
  END: true,
  SET_ASIDE: true,
  INVITE_STATEMENT: true,
  SUBMIT_STATEMENT: true,
  APPLY_TO_OBSERVE: true,
  APPLY_FOR_PUBLIC_HEARING: true,
  REQUEST_RECONSIDERATION: true,
  REQUEST_DECISION_SUMMARY: true,
};
const ALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[];
const ALL_STATES = Object.values(ParoleReviewStatus);
const ALL_SENTENCES = Object.values(SentenceType);
const ALL_OUTCOMES = Object.values(ParoleOutcome);
const ALL_HEARING_TYPES = Object.values(HearingType);
const VICTIM_STEPS_BEFORE_DECISION = [
  "INVITE_STATEMENT",
  "SUBMIT_STATEMENT",
  "APPLY_TO_OBSERVE",
  "APPLY_FOR_PUBLIC_HEARING",
] as const;
const STATEMENT_STEPS = ["INVITE_STATEMENT", "SUBMIT_STATEMENT"] as const;

// Hand-counted dates (see parole-deadlines.spec.ts for the same arithmetic):
const HEARING = "2026-09-15";
// 15 Sep − 15 = 31 Aug; − 13 more = 18 Aug (28 days).
const STATEMENT_LAST_DAY = "2026-08-18";
const STATEMENT_FIRST_LATE_DAY = "2026-08-19";
// 15 Sep − 84 days (12 weeks) = 23 Jun.
const APPLICATIONS_LAST_DAY = "2026-06-23";
const APPLICATIONS_FIRST_LATE_DAY = "2026-06-24";
const DECISION_ISSUED = "2026-10-01";
// 1 Oct + 21 = 22 Oct.
const RECONSIDERATION_LAST_DAY = "2026-10-22";
const RECONSIDERATION_FIRST_LATE_DAY = "2026-10-23";
// 1 Oct 2026 + 6 months = 1 Apr 2027.
const SUMMARY_LAST_DAY = "2027-04-01";
const SUMMARY_FIRST_LATE_DAY = "2027-04-02";
// An early day inside every pre-hearing window.
const EARLY_DAY = "2026-03-01";

function reviewContext(overrides: Partial<ParoleReviewContext> = {}): ParoleReviewContext {
  return {
    sentenceType: SentenceType.LIFE,
    referredOn: "2026-01-05",
    targetHearingDate: null,
    hearingType: null,
    outcome: null,
    decisionIssuedOn: null,
    ...overrides,
  };
}

const scheduledContext = (overrides: Partial<ParoleReviewContext> = {}): ParoleReviewContext =>
  reviewContext({ targetHearingDate: HEARING, hearingType: HearingType.ORAL, ...overrides });

const decidedContext = (overrides: Partial<ParoleReviewContext> = {}): ParoleReviewContext =>
  scheduledContext({ outcome: ParoleOutcome.NO_RELEASE, decisionIssuedOn: DECISION_ISSUED, ...overrides });

// A context that could really be stored with each state.
const TYPICAL_CONTEXT: Record<ParoleReviewStatus, ParoleReviewContext> = {
  [ParoleReviewStatus.REFERRED]: reviewContext(),
  [ParoleReviewStatus.HEARING_SCHEDULED]: scheduledContext(),
  [ParoleReviewStatus.DECIDED]: decidedContext(),
  [ParoleReviewStatus.ENDED]: reviewContext(),
};

function resolve(
  state: ParoleReviewStatus,
  context: ParoleReviewContext = TYPICAL_CONTEXT[state],
): ParoleReviewSnapshot {
  return paroleReviewMachine.resolveState({ value: state, context });
}

function sampleEvent(type: EventType, on: string = EARLY_DAY): ParoleReviewEvent {
  switch (type) {
    case "SCHEDULE_HEARING":
      return { type, targetHearingDate: HEARING, hearingType: HearingType.ORAL };
    case "DECIDE":
      return { type, outcome: ParoleOutcome.RELEASE, on: DECISION_ISSUED };
    case "END":
    case "SET_ASIDE":
      return { type };
    default:
      return { type, on };
  }
}

// A day inside the window of each event in the typical context of the state that accepts it.
const IN_WINDOW_DAY: Record<EventType, string> = {
  SCHEDULE_HEARING: EARLY_DAY,
  DECIDE: DECISION_ISSUED,
  END: EARLY_DAY,
  SET_ASIDE: EARLY_DAY,
  INVITE_STATEMENT: EARLY_DAY,
  SUBMIT_STATEMENT: EARLY_DAY,
  APPLY_TO_OBSERVE: EARLY_DAY,
  APPLY_FOR_PUBLIC_HEARING: EARLY_DAY,
  REQUEST_RECONSIDERATION: RECONSIDERATION_LAST_DAY,
  REQUEST_DECISION_SUMMARY: SUMMARY_LAST_DAY,
};

// The events each state accepts; everything else must be refused with TRANSITION_NOT_ALLOWED.
const BEFORE_THE_DECISION: EventType[] = ["SCHEDULE_HEARING", "DECIDE", "END", ...VICTIM_STEPS_BEFORE_DECISION];
const ACCEPTED: Record<ParoleReviewStatus, EventType[]> = {
  [ParoleReviewStatus.REFERRED]: BEFORE_THE_DECISION,
  [ParoleReviewStatus.HEARING_SCHEDULED]: BEFORE_THE_DECISION,
  [ParoleReviewStatus.DECIDED]: ["REQUEST_RECONSIDERATION", "REQUEST_DECISION_SUMMARY", "SET_ASIDE"],
  [ParoleReviewStatus.ENDED]: [],
};

function expectAccepted(
  snapshot: ParoleReviewSnapshot,
  event: ParoleReviewEvent,
  expectedState: ParoleReviewStatus,
  expectedContext: ParoleReviewContext,
): void {
  expect(snapshot.can(event)).toBe(true);
  expect(explainParoleRefusal(snapshot, event)).toBeNull();
  const [next] = transition(paroleReviewMachine, snapshot, event);
  expect(next.value).toBe(expectedState);
  expect(next.context).toEqual(expectedContext);
  expect(next.status).toBe(expectedState === ParoleReviewStatus.ENDED ? "done" : "active");
}

function expectRefused(snapshot: ParoleReviewSnapshot, event: ParoleReviewEvent, code: ParoleReviewRefusalCode): void {
  const before = { value: snapshot.value, context: structuredClone(snapshot.context) };
  expect(snapshot.can(event)).toBe(false);
  expect(explainParoleRefusal(snapshot, event)).toBe(code);
  const [next] = transition(paroleReviewMachine, snapshot, event);
  expect(next.value).toBe(before.value);
  expect(next.context).toEqual(before.context);
}

// A victim step is accepted without moving the review or changing its context.
function expectStepAccepted(snapshot: ParoleReviewSnapshot, event: ParoleReviewEvent): void {
  expectAccepted(snapshot, event, snapshot.value as ParoleReviewStatus, structuredClone(snapshot.context));
}

describe("parole review machine", () => {
  describe("initial state", () => {
    it.each(ALL_SENTENCES)(
      "should start REFERRED with the input as its context when the sentence is %s",
      (sentenceType) => {
        const input = reviewContext({ sentenceType });
        const [snapshot] = initialTransition(paroleReviewMachine, input);
        expect(snapshot.value).toBe(ParoleReviewStatus.REFERRED);
        expect(snapshot.status).toBe("active");
        expect(snapshot.context).toEqual(input);
      },
    );
  });

  describe("transition table", () => {
    type Row = [
      string,
      ParoleReviewStatus,
      ParoleReviewContext,
      ParoleReviewEvent,
      ParoleReviewStatus,
      Partial<ParoleReviewContext>,
    ];
    const beforeDecision: [ParoleReviewStatus, ParoleReviewContext][] = [
      [ParoleReviewStatus.REFERRED, reviewContext()],
      [ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext()],
    ];
    const rows: Row[] = [
      ...beforeDecision.flatMap(([state, context]) =>
        ALL_HEARING_TYPES.map(
          (hearingType): Row => [
            `schedule a ${hearingType} hearing from ${state}, recording its date and type`,
            state,
            context,
            { type: "SCHEDULE_HEARING", targetHearingDate: "2026-11-20", hearingType },
            ParoleReviewStatus.HEARING_SCHEDULED,
            { targetHearingDate: "2026-11-20", hearingType },
          ],
        ),
      ),
      ...beforeDecision.flatMap(([state, context]) =>
        ALL_OUTCOMES.map(
          (outcome): Row => [
            `record a ${outcome} decision from ${state} with the day it was issued`,
            state,
            context,
            { type: "DECIDE", outcome, on: "2026-10-02" },
            ParoleReviewStatus.DECIDED,
            { outcome, decisionIssuedOn: "2026-10-02" },
          ],
        ),
      ),
      ...beforeDecision.map(
        ([state, context]): Row => [
          `end the review without a decision from ${state}`,
          state,
          context,
          { type: "END" },
          ParoleReviewStatus.ENDED,
          {},
        ],
      ),
      [
        "end a decided review, keeping its decision on record, when the Board sets the decision aside",
        ParoleReviewStatus.DECIDED,
        decidedContext(),
        { type: "SET_ASIDE" },
        ParoleReviewStatus.ENDED,
        {},
      ],
      ...beforeDecision.flatMap(([state, context]) =>
        VICTIM_STEPS_BEFORE_DECISION.map(
          (type): Row => [
            `accept ${type} in ${state} without changing state or context`,
            state,
            context,
            { type, on: EARLY_DAY },
            state,
            {},
          ],
        ),
      ),
      [
        "accept REQUEST_RECONSIDERATION in DECIDED without changing state or context",
        ParoleReviewStatus.DECIDED,
        decidedContext(),
        { type: "REQUEST_RECONSIDERATION", on: "2026-10-05" },
        ParoleReviewStatus.DECIDED,
        {},
      ],
      [
        "accept REQUEST_DECISION_SUMMARY in DECIDED without changing state or context",
        ParoleReviewStatus.DECIDED,
        decidedContext(),
        { type: "REQUEST_DECISION_SUMMARY", on: "2026-12-01" },
        ParoleReviewStatus.DECIDED,
        {},
      ],
    ];

    it.each(rows)("should %s", (_name, from, context, event, to, changes) => {
      expectAccepted(resolve(from, context), event, to, { ...context, ...changes });
    });

    it("should keep the sentence, referral day and hearing when a decision is recorded", () => {
      const context = scheduledContext({ sentenceType: SentenceType.EDS, hearingType: HearingType.PUBLIC });
      const [decided] = transition(paroleReviewMachine, resolve(ParoleReviewStatus.HEARING_SCHEDULED, context), {
        type: "DECIDE",
        outcome: ParoleOutcome.RELEASE,
        on: "2026-09-30",
      });
      expect(decided.context).toEqual({
        sentenceType: SentenceType.EDS,
        referredOn: "2026-01-05",
        targetHearingDate: HEARING,
        hearingType: HearingType.PUBLIC,
        outcome: ParoleOutcome.RELEASE,
        decisionIssuedOn: "2026-09-30",
      });
    });
  });

  describe("guards", () => {
    describe("victim personal statement (hearing − 28 days)", () => {
      it.each(STATEMENT_STEPS)("should accept %s on the last day of the window", (type) => {
        expectStepAccepted(resolve(ParoleReviewStatus.HEARING_SCHEDULED), { type, on: STATEMENT_LAST_DAY });
      });

      it.each(STATEMENT_STEPS)("should refuse %s with DEADLINE_PASSED on the day after the window closes", (type) => {
        expectRefused(
          resolve(ParoleReviewStatus.HEARING_SCHEDULED),
          { type, on: STATEMENT_FIRST_LATE_DAY },
          "DEADLINE_PASSED",
        );
      });

      it.each(STATEMENT_STEPS)("should refuse %s with DEADLINE_PASSED on the hearing day itself", (type) => {
        expectRefused(resolve(ParoleReviewStatus.HEARING_SCHEDULED), { type, on: HEARING }, "DEADLINE_PASSED");
      });

      it("should accept a statement on a leap day that is the last day and refuse it on 1 March", () => {
        // 28 Mar 2028 − 28 days = 29 Feb 2028.
        const snapshot = resolve(
          ParoleReviewStatus.HEARING_SCHEDULED,
          scheduledContext({ targetHearingDate: "2028-03-28" }),
        );
        expectStepAccepted(snapshot, { type: "SUBMIT_STATEMENT", on: "2028-02-29" });
        expectRefused(snapshot, { type: "SUBMIT_STATEMENT", on: "2028-03-01" }, "DEADLINE_PASSED");
      });

      it.each(ALL_HEARING_TYPES)(
        "should apply the statement deadline whatever the hearing type when it is %s",
        (hearingType) => {
          const snapshot = resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType }));
          expectStepAccepted(snapshot, { type: "SUBMIT_STATEMENT", on: STATEMENT_LAST_DAY });
          expectRefused(snapshot, { type: "SUBMIT_STATEMENT", on: STATEMENT_FIRST_LATE_DAY }, "DEADLINE_PASSED");
        },
      );
    });

    describe("applications to observe or for a public hearing (hearing − 12 weeks)", () => {
      const inPerson = [HearingType.ORAL, HearingType.PUBLIC];
      it.each(inPerson)("should accept APPLY_TO_OBSERVE a %s hearing on the last day of the window", (hearingType) => {
        expectStepAccepted(resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType })), {
          type: "APPLY_TO_OBSERVE",
          on: APPLICATIONS_LAST_DAY,
        });
      });

      it.each(inPerson)(
        "should refuse APPLY_TO_OBSERVE a %s hearing with DEADLINE_PASSED on the day after the window closes",
        (hearingType) => {
          expectRefused(
            resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType })),
            { type: "APPLY_TO_OBSERVE", on: APPLICATIONS_FIRST_LATE_DAY },
            "DEADLINE_PASSED",
          );
        },
      );

      const notYetPublic = [HearingType.ORAL, HearingType.PAPER];
      it.each(notYetPublic)(
        "should accept APPLY_FOR_PUBLIC_HEARING for a %s review on the last day of the window",
        (hearingType) => {
          expectStepAccepted(resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType })), {
            type: "APPLY_FOR_PUBLIC_HEARING",
            on: APPLICATIONS_LAST_DAY,
          });
        },
      );

      it.each(notYetPublic)(
        "should refuse APPLY_FOR_PUBLIC_HEARING for a %s review with DEADLINE_PASSED on the day after the window closes",
        (hearingType) => {
          expectRefused(
            resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType })),
            { type: "APPLY_FOR_PUBLIC_HEARING", on: APPLICATIONS_FIRST_LATE_DAY },
            "DEADLINE_PASSED",
          );
        },
      );

      it("should accept an application on the last day and refuse it the next when the window crosses a year boundary", () => {
        // 15 Feb 2027 − 84 days = 23 Nov 2026.
        const snapshot = resolve(
          ParoleReviewStatus.HEARING_SCHEDULED,
          scheduledContext({ targetHearingDate: "2027-02-15" }),
        );
        expectStepAccepted(snapshot, { type: "APPLY_TO_OBSERVE", on: "2026-11-23" });
        expectRefused(snapshot, { type: "APPLY_TO_OBSERVE", on: "2026-11-24" }, "DEADLINE_PASSED");
      });

      it("should still accept a statement after the application window has closed", () => {
        const snapshot = resolve(ParoleReviewStatus.HEARING_SCHEDULED);
        expectRefused(snapshot, { type: "APPLY_TO_OBSERVE", on: APPLICATIONS_FIRST_LATE_DAY }, "DEADLINE_PASSED");
        expectStepAccepted(snapshot, { type: "SUBMIT_STATEMENT", on: APPLICATIONS_FIRST_LATE_DAY });
      });

      it.each([APPLICATIONS_LAST_DAY, APPLICATIONS_FIRST_LATE_DAY])(
        "should refuse APPLY_TO_OBSERVE a PAPER review as NOT_ELIGIBLE on %s",
        (on) => {
          // On the late day both guards fail: eligibility is listed first, so NOT_ELIGIBLE wins.
          expectRefused(
            resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType: HearingType.PAPER })),
            { type: "APPLY_TO_OBSERVE", on },
            "NOT_ELIGIBLE",
          );
        },
      );

      it.each([APPLICATIONS_LAST_DAY, APPLICATIONS_FIRST_LATE_DAY])(
        "should refuse APPLY_FOR_PUBLIC_HEARING as NOT_ELIGIBLE when the hearing is already PUBLIC on %s",
        (on) => {
          expectRefused(
            resolve(ParoleReviewStatus.HEARING_SCHEDULED, scheduledContext({ hearingType: HearingType.PUBLIC })),
            { type: "APPLY_FOR_PUBLIC_HEARING", on },
            "NOT_ELIGIBLE",
          );
        },
      );
    });

    describe("before a hearing date is set", () => {
      it.each(VICTIM_STEPS_BEFORE_DECISION)("should accept %s on any day when no hearing date is known", (type) => {
        const snapshot = resolve(ParoleReviewStatus.REFERRED);
        for (const on of ["2026-01-05", "2030-06-30", "2099-12-31"]) {
          expectStepAccepted(snapshot, { type, on });
        }
      });

      it("should start applying the deadlines once a hearing is scheduled", () => {
        const [scheduled] = transition(paroleReviewMachine, resolve(ParoleReviewStatus.REFERRED), {
          type: "SCHEDULE_HEARING",
          targetHearingDate: HEARING,
          hearingType: HearingType.ORAL,
        });
        expectStepAccepted(scheduled, { type: "SUBMIT_STATEMENT", on: STATEMENT_LAST_DAY });
        expectRefused(scheduled, { type: "SUBMIT_STATEMENT", on: STATEMENT_FIRST_LATE_DAY }, "DEADLINE_PASSED");
      });

      it("should move the deadlines with the hearing when it is rescheduled", () => {
        const [rescheduled] = transition(paroleReviewMachine, resolve(ParoleReviewStatus.HEARING_SCHEDULED), {
          type: "SCHEDULE_HEARING",
          targetHearingDate: "2026-10-13", // 4 weeks later: statements now due 15 Sep 2026
          hearingType: HearingType.ORAL,
        });
        expectStepAccepted(rescheduled, { type: "SUBMIT_STATEMENT", on: "2026-09-15" });
        expectRefused(rescheduled, { type: "SUBMIT_STATEMENT", on: "2026-09-16" }, "DEADLINE_PASSED");
      });
    });

    describe("reconsideration (issued + 21 days, eligible sentences only)", () => {
      const eligibleSentences = [SentenceType.EDS, SentenceType.SOPC, SentenceType.LIFE, SentenceType.IPP];
      const cases = ALL_SENTENCES.flatMap((sentenceType) =>
        ALL_OUTCOMES.map((outcome) => [sentenceType, outcome] as const),
      );

      it.each(cases)(
        "should allow reconsideration of a %s review decided %s only when both are eligible",
        (sentenceType, outcome) => {
          const snapshot = resolve(ParoleReviewStatus.DECIDED, decidedContext({ sentenceType, outcome }));
          const eligible =
            eligibleSentences.includes(sentenceType) && outcome !== ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED;
          for (const on of [RECONSIDERATION_LAST_DAY, RECONSIDERATION_FIRST_LATE_DAY]) {
            const event: ParoleReviewEvent = { type: "REQUEST_RECONSIDERATION", on };
            if (!eligible) {
              // NOT_ELIGIBLE on both days: on the late day it wins over DEADLINE_PASSED.
              expectRefused(snapshot, event, "NOT_ELIGIBLE");
            } else if (on === RECONSIDERATION_LAST_DAY) {
              expectStepAccepted(snapshot, event);
            } else {
              expectRefused(snapshot, event, "DEADLINE_PASSED");
            }
          }
        },
      );

      it("should accept reconsideration on the decision day itself", () => {
        expectStepAccepted(resolve(ParoleReviewStatus.DECIDED), {
          type: "REQUEST_RECONSIDERATION",
          on: DECISION_ISSUED,
        });
      });

      it("should accept reconsideration on the last day and refuse it the next when the window crosses a year boundary", () => {
        // 20 Dec 2026 + 21 days = 10 Jan 2027.
        const snapshot = resolve(ParoleReviewStatus.DECIDED, decidedContext({ decisionIssuedOn: "2026-12-20" }));
        expectStepAccepted(snapshot, { type: "REQUEST_RECONSIDERATION", on: "2027-01-10" });
        expectRefused(snapshot, { type: "REQUEST_RECONSIDERATION", on: "2027-01-11" }, "DEADLINE_PASSED");
      });
    });

    describe("decision summary (issued + 6 months)", () => {
      it.each(ALL_SENTENCES.flatMap((sentenceType) => ALL_OUTCOMES.map((outcome) => [sentenceType, outcome] as const)))(
        "should accept a decision summary of a %s review decided %s on the last day and refuse it the next with DEADLINE_PASSED",
        (sentenceType, outcome) => {
          const snapshot = resolve(ParoleReviewStatus.DECIDED, decidedContext({ sentenceType, outcome }));
          expectStepAccepted(snapshot, { type: "REQUEST_DECISION_SUMMARY", on: SUMMARY_LAST_DAY });
          expectRefused(snapshot, { type: "REQUEST_DECISION_SUMMARY", on: SUMMARY_FIRST_LATE_DAY }, "DEADLINE_PASSED");
        },
      );

      it.each([
        // 31 Aug 2026 + 6 months → 28 Feb 2027 (clamped).
        ["2026-08-31", "2027-02-28", "2027-03-01"],
        // 31 Aug 2027 + 6 months → 29 Feb 2028 (clamped, leap year).
        ["2027-08-31", "2028-02-29", "2028-03-01"],
      ])(
        "should close the summary window at the clamped month end when issued %s (last day %s, refused %s)",
        (issued, lastDay, lateDay) => {
          const snapshot = resolve(ParoleReviewStatus.DECIDED, decidedContext({ decisionIssuedOn: issued }));
          expectStepAccepted(snapshot, { type: "REQUEST_DECISION_SUMMARY", on: lastDay });
          expectRefused(snapshot, { type: "REQUEST_DECISION_SUMMARY", on: lateDay }, "DEADLINE_PASSED");
        },
      );
    });

    it("should map eligibility guards to NOT_ELIGIBLE and window guards to DEADLINE_PASSED when listing guard refusals", () => {
      expect(PAROLE_GUARD_REFUSALS).toEqual({
        isBeforeStatementDeadline: "DEADLINE_PASSED",
        isBeforeApplicationDeadline: "DEADLINE_PASSED",
        isHeardInPerson: "NOT_ELIGIBLE",
        isNotAlreadyPublic: "NOT_ELIGIBLE",
        isReconsiderationEligible: "NOT_ELIGIBLE",
        isWithinReconsiderationWindow: "DEADLINE_PASSED",
        isWithinDecisionSummaryWindow: "DEADLINE_PASSED",
      });
    });
  });

  describe("refused events", () => {
    it.each(ALL_STATES)("should offer exactly the events of the table when the state is %s", (state) => {
      const offered = new Set(getNextTransitions(resolve(state)).map((t) => t.eventType));
      expect([...offered].sort()).toEqual([...ACCEPTED[state]].sort());
    });

    const refusals = ALL_STATES.flatMap((state) =>
      ALL_EVENT_TYPES.filter((type) => !ACCEPTED[state].includes(type)).map((type) => [state, type] as const),
    );

    it.each(refusals)("should refuse with TRANSITION_NOT_ALLOWED when %s receives %s", (state, type) => {
      // A day inside every window, so only the missing transition can be the reason.
      expectRefused(resolve(state), sampleEvent(type, IN_WINDOW_DAY[type]), "TRANSITION_NOT_ALLOWED");
    });

    it("should list 23 refusals when the table is complete", () => {
      // REFERRED 3 + HEARING_SCHEDULED 3 + DECIDED 7 + ENDED 10 = 23.
      expect(refusals).toHaveLength(23);
    });
  });

  describe("can() and explainParoleRefusal agree", () => {
    const contexts: [ParoleReviewStatus, ParoleReviewContext][] = [
      ...ALL_STATES.map((state): [ParoleReviewStatus, ParoleReviewContext] => [state, TYPICAL_CONTEXT[state]]),
      ...ALL_HEARING_TYPES.map((hearingType): [ParoleReviewStatus, ParoleReviewContext] => [
        ParoleReviewStatus.HEARING_SCHEDULED,
        scheduledContext({ hearingType }),
      ]),
      ...ALL_SENTENCES.flatMap((sentenceType) =>
        ALL_OUTCOMES.map((outcome): [ParoleReviewStatus, ParoleReviewContext] => [
          ParoleReviewStatus.DECIDED,
          decidedContext({ sentenceType, outcome }),
        ]),
      ),
    ];
    const days = [
      EARLY_DAY,
      APPLICATIONS_LAST_DAY,
      APPLICATIONS_FIRST_LATE_DAY,
      STATEMENT_LAST_DAY,
      STATEMENT_FIRST_LATE_DAY,
      HEARING,
      DECISION_ISSUED,
      RECONSIDERATION_LAST_DAY,
      RECONSIDERATION_FIRST_LATE_DAY,
      SUMMARY_LAST_DAY,
      SUMMARY_FIRST_LATE_DAY,
    ];
    const pairs = ALL_STATES.flatMap((state) => ALL_EVENT_TYPES.map((type) => [state, type] as const));

    it.each(pairs)(
      "should have can() true exactly when explainParoleRefusal is null when %s receives %s",
      (state, type) => {
        for (const [contextState, context] of contexts.filter(([s]) => s === state)) {
          const snapshot = resolve(contextState, context);
          for (const on of days) {
            const event = sampleEvent(type, on);
            const refusal = explainParoleRefusal(snapshot, event);
            expect({ context, on, can: snapshot.can(event) }).toEqual({ context, on, can: refusal === null });
            if (refusal !== null)
              expect(["TRANSITION_NOT_ALLOWED", "NOT_ELIGIBLE", "DEADLINE_PASSED"]).toContain(refusal);
          }
        }
      },
    );
  });

  describe("properties", () => {
    const DAY_MS = 24 * 60 * 60 * 1000;
    // Day numbers from 2000-01-01 to 2099-12-31, so every date is a valid YYYY-MM-DD.
    const FIRST_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
    const LAST_DAY = Date.UTC(2099, 11, 31) / DAY_MS;
    const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
    const hearingDay = fc.integer({ min: FIRST_DAY + 400, max: LAST_DAY });
    // Mostly near the deadline, sometimes anywhere: the boundary is where a bug would hide.
    const daysBefore = fc.oneof(
      fc.integer({ min: -10, max: 120 }),
      fc.integer({ min: 20, max: 36 }),
      fc.integer({ min: -400, max: 400 }),
    );

    it("should accept SUBMIT_STATEMENT iff the step day is on or before statementDueOn(hearing)", () => {
      fc.assert(
        fc.property(hearingDay, daysBefore, fc.constantFrom(...ALL_HEARING_TYPES), (hearing, before, hearingType) => {
          const targetHearingDate = isoDay(hearing);
          const on = isoDay(hearing - before);
          const snapshot = resolve(
            ParoleReviewStatus.HEARING_SCHEDULED,
            scheduledContext({ targetHearingDate, hearingType }),
          );
          const event: ParoleReviewEvent = { type: "SUBMIT_STATEMENT", on };
          const accepted = snapshot.can(event);
          expect(accepted).toBe(on <= statementDueOn(targetHearingDate));
          // Independently of the deadline function: at least 28 whole days before the hearing.
          expect(accepted).toBe(before >= 28);
          expect(explainParoleRefusal(snapshot, event)).toBe(accepted ? null : "DEADLINE_PASSED");
        }),
        { numRuns: 500 },
      );
    });

    it("should accept APPLY_TO_OBSERVE an in-person hearing iff the step day is at least 12 weeks before it", () => {
      fc.assert(
        fc.property(
          hearingDay,
          fc.integer({ min: -30, max: 200 }),
          fc.constantFrom(HearingType.ORAL, HearingType.PUBLIC),
          (hearing, before, hearingType) => {
            const snapshot = resolve(
              ParoleReviewStatus.HEARING_SCHEDULED,
              scheduledContext({ targetHearingDate: isoDay(hearing), hearingType }),
            );
            const event: ParoleReviewEvent = { type: "APPLY_TO_OBSERVE", on: isoDay(hearing - before) };
            expect(snapshot.can(event)).toBe(before >= 84);
            expect(explainParoleRefusal(snapshot, event)).toBe(before >= 84 ? null : "DEADLINE_PASSED");
          },
        ),
        { numRuns: 300 },
      );
    });

    it("should accept REQUEST_RECONSIDERATION of an eligible decision iff the step day is within 21 days of the decision", () => {
      fc.assert(
        fc.property(hearingDay, fc.integer({ min: 0, max: 60 }), (issued, after) => {
          const snapshot = resolve(ParoleReviewStatus.DECIDED, decidedContext({ decisionIssuedOn: isoDay(issued) }));
          const event: ParoleReviewEvent = { type: "REQUEST_RECONSIDERATION", on: isoDay(issued + after) };
          expect(snapshot.can(event)).toBe(after <= 21);
          expect(explainParoleRefusal(snapshot, event)).toBe(after <= 21 ? null : "DEADLINE_PASSED");
        }),
        { numRuns: 300 },
      );
    });
  });

  describe("persistence", () => {
    it.each(ALL_STATES)("should round-trip value and context through resolveState when the state is %s", (state) => {
      const context = decidedContext({ sentenceType: SentenceType.IPP, hearingType: HearingType.PUBLIC });
      const stored = JSON.parse(JSON.stringify({ value: state, context })) as {
        value: ParoleReviewStatus;
        context: ParoleReviewContext;
      };
      const snapshot = paroleReviewMachine.resolveState(stored);
      expect(snapshot.value).toBe(state);
      expect(snapshot.context).toEqual(context);
      expect(snapshot.status).toBe(state === ParoleReviewStatus.ENDED ? "done" : "active");
    });

    it("should give the same result from rebuilt snapshots as from a running actor when a review is walked from referral to a summary request", () => {
      const events: ParoleReviewEvent[] = [
        { type: "INVITE_STATEMENT", on: "2026-02-01" },
        { type: "SCHEDULE_HEARING", targetHearingDate: HEARING, hearingType: HearingType.PAPER },
        { type: "APPLY_FOR_PUBLIC_HEARING", on: "2026-06-01" },
        { type: "SCHEDULE_HEARING", targetHearingDate: HEARING, hearingType: HearingType.PUBLIC },
        { type: "APPLY_TO_OBSERVE", on: APPLICATIONS_LAST_DAY },
        { type: "SUBMIT_STATEMENT", on: STATEMENT_LAST_DAY },
        { type: "DECIDE", outcome: ParoleOutcome.RELEASE, on: DECISION_ISSUED },
        { type: "REQUEST_RECONSIDERATION", on: RECONSIDERATION_LAST_DAY },
        { type: "REQUEST_DECISION_SUMMARY", on: SUMMARY_LAST_DAY },
      ];
      const input = reviewContext({ sentenceType: SentenceType.EDS });
      const actor = createActor(paroleReviewMachine, { input }).start();
      let [stored] = initialTransition(paroleReviewMachine, input);
      for (const event of events) {
        const rebuilt = paroleReviewMachine.resolveState({
          value: stored.value,
          context: JSON.parse(JSON.stringify(stored.context)) as ParoleReviewContext,
        });
        expect(rebuilt.can(event)).toBe(true);
        actor.send(event);
        [stored] = transition(paroleReviewMachine, rebuilt, event);
        expect(stored.value).toBe(actor.getSnapshot().value);
        expect(stored.context).toEqual(actor.getSnapshot().context);
      }
      expect(stored.value).toBe(ParoleReviewStatus.DECIDED);
      expect(stored.context).toEqual({
        sentenceType: SentenceType.EDS,
        referredOn: "2026-01-05",
        targetHearingDate: HEARING,
        hearingType: HearingType.PUBLIC,
        outcome: ParoleOutcome.RELEASE,
        decisionIssuedOn: DECISION_ISSUED,
      });
      actor.stop();
    });

    it("should finish the actor when the review ends", () => {
      const actor = createActor(paroleReviewMachine, { input: reviewContext() }).start();
      actor.send({ type: "END" });
      expect(actor.getSnapshot().value).toBe(ParoleReviewStatus.ENDED);
      expect(actor.getSnapshot().status).toBe("done");
    });
  });
});
