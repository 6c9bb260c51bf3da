import { createActor, getNextTransitions, initialTransition, transition } from "xstate";
import {
  CustodyConditions,
  CustodyEventType,
  CustodyPhase,
  CONTACT_ENDING_PHASES,
  ParoleOutcome,
  RecallType,
} from "../../src/domain/custody/custody.enums";
import {
  AUTOMATIC_RELEASE_SENTENCES,
  OffenceCategory,
  PAROLE_BOARD_SENTENCES,
  SentenceType,
} from "../../src/domain/sentences/sentence.enums";
import { HOME_DETENTION_CURFEW_SENTENCES, releaseRoutesFor } from "../../src/domain/sentences/release-routes";
import { CUSTODY_GUARD_REFUSALS, custodyMachine, explainCustodyRefusal } from "../../src/machines/custody.machine";
import type { CustodySnapshot } from "../../src/machines/custody.machine";
import type { CustodyContext, CustodyEvent } from "../../src/machines/machine-events";

const ALL_PHASES = Object.values(CustodyPhase);
const NON_FINAL_PHASES = ALL_PHASES.filter((phase) => !CONTACT_ENDING_PHASES.has(phase));
const ALL_SENTENCES = Object.values(SentenceType);
const ALL_EVENT_TYPES = Object.values(CustodyEventType);

function custodyContext(overrides: Partial<CustodyContext> = {}): CustodyContext {
  return {
    sentenceType: SentenceType.LIFE,
    conditions: CustodyConditions.CLOSED,
    reviewReturnPhase: null,
    recallType: null,
    temporaryReleases: 0,
    homeDetentionCurfew: false,
    homeDetentionCurfewEligible: true,
    paroleEligible: PAROLE_BOARD_SENTENCES.has(overrides.sentenceType ?? SentenceType.LIFE),
    terroristOffender: false,
    atLargeOnLicence: false,
    releaseDirection: null,
    ...overrides,
  };
}

// A context that could really be stored with each phase (e.g. a review remembers where it began).
// A removal from the UK ends the victims' contact but not the machine: the offender may come back.
const MACHINE_FINAL_PHASES: ReadonlySet<CustodyPhase> = new Set([CustodyPhase.SENTENCE_ENDED, CustodyPhase.DECEASED]);

const TYPICAL_CONTEXT: Record<CustodyPhase, CustodyContext> = {
  [CustodyPhase.IN_CUSTODY]: custodyContext(),
  [CustodyPhase.PAROLE_REVIEW]: custodyContext({ reviewReturnPhase: CustodyPhase.IN_CUSTODY }),
  [CustodyPhase.RELEASE_DIRECTED]: custodyContext({
    reviewReturnPhase: CustodyPhase.IN_CUSTODY,
    releaseDirection: { issuedOn: "2027-03-01", reconsiderationClosesOn: "2027-03-22", reconsiderationPending: false },
  }),
  [CustodyPhase.RELEASED]: custodyContext(),
  [CustodyPhase.RECALLED]: custodyContext({ recallType: RecallType.STANDARD }),
  [CustodyPhase.UNLAWFULLY_AT_LARGE]: custodyContext(),
  [CustodyPhase.SENTENCE_ENDED]: custodyContext(),
  [CustodyPhase.DECEASED]: custodyContext(),
  [CustodyPhase.REMOVED_FROM_UK]: custodyContext(),
};

function resolve(phase: CustodyPhase, context: CustodyContext = TYPICAL_CONTEXT[phase]): CustodySnapshot {
  return custodyMachine.resolveState({ value: phase, context });
}

function sampleEvent(type: CustodyEventType): CustodyEvent {
  switch (type) {
    case CustodyEventType.PAROLE_DECISION:
      return { type, outcome: ParoleOutcome.NO_RELEASE };
    case CustodyEventType.RECALLED:
      return { type, recallType: RecallType.STANDARD };
    default:
      return { type } as CustodyEvent;
  }
}

const HOSPITAL_STAGES = [
  CustodyEventType.HOSPITAL_LEAVE_GRANTED,
  CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS,
  CustodyEventType.CONDITIONALLY_DISCHARGED,
  CustodyEventType.ABSOLUTELY_DISCHARGED,
];

// The events each phase accepts (DESIGN §3.1); everything else must be refused.
const ACCEPTED: Record<CustodyPhase, CustodyEventType[]> = {
  [CustodyPhase.IN_CUSTODY]: [
    CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS,
    CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE,
    CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW,
    CustodyEventType.MOVED_TO_OPEN_CONDITIONS,
    CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS,
    CustodyEventType.TEMPORARY_RELEASE,
    CustodyEventType.REFERRED_TO_PAROLE_BOARD,
    CustodyEventType.RELEASED_ON_LICENCE,
    CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW,
    CustodyEventType.TRANSFERRED_TO_HOSPITAL,
    CustodyEventType.RETURNED_FROM_HOSPITAL,
    CustodyEventType.UNLAWFULLY_AT_LARGE,
    CustodyEventType.DIED,
    CustodyEventType.REMOVED_FROM_UK,
    // A restricted hospital order's stages while detained (guarded: hospital orders only).
    ...HOSPITAL_STAGES,
  ],
  [CustodyPhase.PAROLE_REVIEW]: [
    CustodyEventType.PAROLE_DECISION,
    CustodyEventType.DIED,
    CustodyEventType.REMOVED_FROM_UK,
  ],
  [CustodyPhase.RELEASE_DIRECTED]: [
    CustodyEventType.RECONSIDERATION_APPLIED,
    CustodyEventType.RECONSIDERATION_REFUSED,
    CustodyEventType.DECISION_SET_ASIDE,
    CustodyEventType.RELEASED_ON_LICENCE,
    CustodyEventType.RE_RELEASED,
    CustodyEventType.DIED,
    CustodyEventType.REMOVED_FROM_UK,
  ],
  [CustodyPhase.RELEASED]: [
    CustodyEventType.RECALLED,
    CustodyEventType.UNLAWFULLY_AT_LARGE,
    CustodyEventType.LICENCE_ENDED,
    CustodyEventType.DIED,
    CustodyEventType.REMOVED_FROM_UK,
    // A conditionally discharged patient (guarded: hospital orders only).
    CustodyEventType.RECALLED_TO_HOSPITAL,
    CustodyEventType.ABSOLUTELY_DISCHARGED,
  ],
  [CustodyPhase.RECALLED]: [
    CustodyEventType.REFERRED_TO_PAROLE_BOARD,
    CustodyEventType.RE_RELEASED,
    CustodyEventType.DIED,
    CustodyEventType.REMOVED_FROM_UK,
    // A patient recalled to hospital (guarded: hospital orders only).
    ...HOSPITAL_STAGES,
  ],
  [CustodyPhase.UNLAWFULLY_AT_LARGE]: [
    CustodyEventType.RETURNED_TO_CUSTODY,
    CustodyEventType.DIED,
    CustodyEventType.REMOVED_FROM_UK,
  ],
  [CustodyPhase.SENTENCE_ENDED]: [],
  [CustodyPhase.DECEASED]: [],
  // Back before the sentence expired (CJA 2003 s.261), or died abroad.
  [CustodyPhase.REMOVED_FROM_UK]: [CustodyEventType.RETURNED_TO_UK, CustodyEventType.DIED],
};

function expectAccepted(
  snapshot: CustodySnapshot,
  event: CustodyEvent,
  expectedPhase: CustodyPhase,
  expectedContext: CustodyContext,
): void {
  expect(snapshot.can(event)).toBe(true);
  expect(explainCustodyRefusal(snapshot, event)).toBeNull();
  const [next] = transition(custodyMachine, snapshot, event);
  expect(next.value).toBe(expectedPhase);
  expect(next.context).toEqual(expectedContext);
  expect(next.status).toBe(MACHINE_FINAL_PHASES.has(expectedPhase) ? "done" : "active");
}

function expectRefused(
  snapshot: CustodySnapshot,
  event: CustodyEvent,
  code: "TRANSITION_NOT_ALLOWED" | "NOT_ELIGIBLE" | "DEADLINE_PASSED" | "DECISION_NOT_FINAL",
): void {
  const before = { value: snapshot.value, context: structuredClone(snapshot.context) };
  expect(snapshot.can(event)).toBe(false);
  expect(explainCustodyRefusal(snapshot, event)).toBe(code);
  const [next] = transition(custodyMachine, snapshot, event);
  expect(next.value).toBe(before.value);
  expect(next.context).toEqual(before.context);
}

// A release direction issued on 1 March 2027 on a sentence r.28 covers: the window closes on the 22nd.
const PROVISIONAL = { issuedOn: "2027-03-01", reconsiderationClosesOn: "2027-03-22", reconsiderationPending: false };

describe("custody machine", () => {
  describe("initial state", () => {
    it.each(ALL_SENTENCES.filter((type) => type !== SentenceType.HOSPITAL_ORDER))(
      "should start in custody in closed conditions when the sentence is %s",
      (sentenceType) => {
        const [snapshot] = initialTransition(custodyMachine, { sentenceType });
        expect(snapshot.value).toBe(CustodyPhase.IN_CUSTODY);
        expect(snapshot.status).toBe("active");
        expect(snapshot.context).toEqual(custodyContext({ sentenceType }));
      },
    );

    it("should start a hospital order detained in hospital, not in a prison's closed conditions", () => {
      const [snapshot] = initialTransition(custodyMachine, { sentenceType: SentenceType.HOSPITAL_ORDER });
      expect(snapshot.value).toBe(CustodyPhase.IN_CUSTODY);
      expect(snapshot.context).toEqual(
        custodyContext({ sentenceType: SentenceType.HOSPITAL_ORDER, conditions: CustodyConditions.HOSPITAL }),
      );
    });
  });

  describe("transition table (DESIGN §3.1)", () => {
    type Row = [string, CustodyPhase, CustodyContext, CustodyEvent, CustodyPhase, Partial<CustodyContext>];
    const rows: Row[] = [
      ...[
        CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS,
        CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE,
        CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW,
      ].map(
        (type): Row => [
          `note that the prisoner is ${type.toLowerCase().replace(/_/g, " ")}, changing nothing in custody`,
          CustodyPhase.IN_CUSTODY,
          custodyContext({ sentenceType: SentenceType.SDS }),
          { type } as CustodyEvent,
          CustodyPhase.IN_CUSTODY,
          {},
        ],
      ),
      [
        "move to open conditions",
        CustodyPhase.IN_CUSTODY,
        custodyContext(),
        { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS },
        CustodyPhase.IN_CUSTODY,
        { conditions: CustodyConditions.OPEN },
      ],
      [
        "return to closed conditions",
        CustodyPhase.IN_CUSTODY,
        custodyContext({ conditions: CustodyConditions.OPEN }),
        { type: CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS },
        CustodyPhase.IN_CUSTODY,
        { conditions: CustodyConditions.CLOSED },
      ],
      [
        "count a temporary release",
        CustodyPhase.IN_CUSTODY,
        custodyContext({ temporaryReleases: 2, conditions: CustodyConditions.OPEN }),
        { type: CustodyEventType.TEMPORARY_RELEASE },
        CustodyPhase.IN_CUSTODY,
        { temporaryReleases: 3 },
      ],
      ...[...PAROLE_BOARD_SENTENCES].map(
        (sentenceType): Row => [
          `refer a ${sentenceType} sentence from custody to the Parole Board`,
          CustodyPhase.IN_CUSTODY,
          custodyContext({ sentenceType }),
          { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
          CustodyPhase.PAROLE_REVIEW,
          { reviewReturnPhase: CustodyPhase.IN_CUSTODY },
        ],
      ),
      [
        "refer a standard recall of an SDS to the Parole Board",
        CustodyPhase.RECALLED,
        custodyContext({ sentenceType: SentenceType.SDS, recallType: RecallType.STANDARD }),
        { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
        CustodyPhase.PAROLE_REVIEW,
        { reviewReturnPhase: CustodyPhase.RECALLED },
      ],
      [
        "refer a fixed-term recall of a life sentence to the Parole Board",
        CustodyPhase.RECALLED,
        custodyContext({ sentenceType: SentenceType.LIFE, recallType: RecallType.FIXED_TERM }),
        { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
        CustodyPhase.PAROLE_REVIEW,
        { reviewReturnPhase: CustodyPhase.RECALLED },
      ],
      [
        "transfer a prisoner to hospital",
        CustodyPhase.IN_CUSTODY,
        custodyContext({ conditions: CustodyConditions.OPEN }),
        { type: CustodyEventType.TRANSFERRED_TO_HOSPITAL },
        CustodyPhase.IN_CUSTODY,
        { conditions: CustodyConditions.HOSPITAL },
      ],
      [
        "return a patient from hospital to closed conditions",
        CustodyPhase.IN_CUSTODY,
        custodyContext({ conditions: CustodyConditions.HOSPITAL }),
        { type: CustodyEventType.RETURNED_FROM_HOSPITAL },
        CustodyPhase.IN_CUSTODY,
        { conditions: CustodyConditions.CLOSED },
      ],
      ...[...HOME_DETENTION_CURFEW_SENTENCES].map(
        (sentenceType): Row => [
          `release a ${sentenceType} sentence early on home detention curfew`,
          CustodyPhase.IN_CUSTODY,
          custodyContext({ sentenceType }),
          { type: CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW },
          CustodyPhase.RELEASED,
          { homeDetentionCurfew: true },
        ],
      ),
      ...[...AUTOMATIC_RELEASE_SENTENCES].map(
        (sentenceType): Row => [
          `release a ${sentenceType} sentence automatically on licence`,
          CustodyPhase.IN_CUSTODY,
          custodyContext({ sentenceType }),
          { type: CustodyEventType.RELEASED_ON_LICENCE },
          CustodyPhase.RELEASED,
          {},
        ],
      ),
      // A direction is not a release (Parole Board Rules 2019 r.25, r.28): the offender waits in custody.
      [
        "direct release, provisionally for 21 days, when the Board directs the release of a life sentence",
        CustodyPhase.PAROLE_REVIEW,
        custodyContext({ reviewReturnPhase: CustodyPhase.IN_CUSTODY, conditions: CustodyConditions.OPEN }),
        { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE, on: "2027-03-01" },
        CustodyPhase.RELEASE_DIRECTED,
        { releaseDirection: PROVISIONAL },
      ],
      [
        "direct release, final at once, when no reconsideration applies to the sentence (an SDS recall)",
        CustodyPhase.PAROLE_REVIEW,
        custodyContext({
          sentenceType: SentenceType.SDS,
          reviewReturnPhase: CustodyPhase.RECALLED,
          recallType: RecallType.STANDARD,
        }),
        { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE, on: "2027-03-01" },
        CustodyPhase.RELEASE_DIRECTED,
        { releaseDirection: { ...PROVISIONAL, reconsiderationClosesOn: null } },
      ],
      [
        "hold the release when a party applies for reconsideration within 21 days",
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({ releaseDirection: PROVISIONAL }),
        { type: CustodyEventType.RECONSIDERATION_APPLIED, on: "2027-03-22" },
        CustodyPhase.RELEASE_DIRECTED,
        { releaseDirection: { ...PROVISIONAL, reconsiderationPending: true } },
      ],
      [
        "make the direction final when the Board refuses the application",
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({ releaseDirection: { ...PROVISIONAL, reconsiderationPending: true } }),
        { type: CustodyEventType.RECONSIDERATION_REFUSED, on: "2027-04-10" },
        CustodyPhase.RELEASE_DIRECTED,
        { releaseDirection: { ...PROVISIONAL, reconsiderationClosesOn: null } },
      ],
      [
        "return to a parole review when the Board sets its decision aside",
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({
          reviewReturnPhase: CustodyPhase.IN_CUSTODY,
          releaseDirection: { ...PROVISIONAL, reconsiderationPending: true },
        }),
        { type: CustodyEventType.DECISION_SET_ASIDE, on: "2027-04-10" },
        CustodyPhase.PAROLE_REVIEW,
        { releaseDirection: null },
      ],
      [
        "release on licence once the reconsideration window has closed",
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({ reviewReturnPhase: CustodyPhase.IN_CUSTODY, releaseDirection: PROVISIONAL }),
        { type: CustodyEventType.RELEASED_ON_LICENCE, on: "2027-03-23" },
        CustodyPhase.RELEASED,
        { reviewReturnPhase: null, releaseDirection: null },
      ],
      [
        "re-release on a final direction after a review on recall",
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({
          reviewReturnPhase: CustodyPhase.RECALLED,
          recallType: RecallType.STANDARD,
          releaseDirection: { ...PROVISIONAL, reconsiderationClosesOn: null },
        }),
        { type: CustodyEventType.RE_RELEASED, on: "2027-03-02" },
        CustodyPhase.RELEASED,
        { reviewReturnPhase: null, recallType: null, releaseDirection: null },
      ],
      ...[ParoleOutcome.NO_RELEASE, ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED].flatMap((outcome): Row[] => [
        [
          `go back to custody after a ${outcome} decision on a review from custody`,
          CustodyPhase.PAROLE_REVIEW,
          custodyContext({ reviewReturnPhase: CustodyPhase.IN_CUSTODY }),
          { type: CustodyEventType.PAROLE_DECISION, outcome },
          CustodyPhase.IN_CUSTODY,
          { reviewReturnPhase: null },
        ],
        [
          `stay recalled after a ${outcome} decision on a review on recall`,
          CustodyPhase.PAROLE_REVIEW,
          custodyContext({ reviewReturnPhase: CustodyPhase.RECALLED, recallType: RecallType.STANDARD }),
          { type: CustodyEventType.PAROLE_DECISION, outcome },
          CustodyPhase.RECALLED,
          { reviewReturnPhase: null },
        ],
      ]),
      ...Object.values(RecallType).map(
        (recallType): Row => [
          `recall an SDS licensee on a ${recallType} recall`,
          CustodyPhase.RELEASED,
          custodyContext({ sentenceType: SentenceType.SDS }),
          { type: CustodyEventType.RECALLED, recallType },
          CustodyPhase.RECALLED,
          { recallType },
        ],
      ),
      [
        "re-release at the end of a fixed-term recall",
        CustodyPhase.RECALLED,
        custodyContext({ sentenceType: SentenceType.SDS, recallType: RecallType.FIXED_TERM }),
        { type: CustodyEventType.RE_RELEASED },
        CustodyPhase.RELEASED,
        { recallType: null },
      ],
      [
        "re-release an SDS licensee after a standard recall without the Board (s.255C)",
        CustodyPhase.RECALLED,
        custodyContext({ sentenceType: SentenceType.SDS, recallType: RecallType.STANDARD }),
        { type: CustodyEventType.RE_RELEASED },
        CustodyPhase.RELEASED,
        { recallType: null },
      ],
      [
        "become unlawfully at large from custody",
        CustodyPhase.IN_CUSTODY,
        custodyContext(),
        { type: CustodyEventType.UNLAWFULLY_AT_LARGE },
        CustodyPhase.UNLAWFULLY_AT_LARGE,
        {},
      ],
      // At large from licence is a recall first: a standard one unless the feed recorded one.
      [
        "become unlawfully at large from licence, as a recall",
        CustodyPhase.RELEASED,
        custodyContext({ sentenceType: SentenceType.SDS }),
        { type: CustodyEventType.UNLAWFULLY_AT_LARGE },
        CustodyPhase.UNLAWFULLY_AT_LARGE,
        { atLargeOnLicence: true, recallType: RecallType.STANDARD },
      ],
      [
        "return to the recall, not to custody, when at large from licence",
        CustodyPhase.UNLAWFULLY_AT_LARGE,
        custodyContext({ atLargeOnLicence: true, recallType: RecallType.STANDARD }),
        { type: CustodyEventType.RETURNED_TO_CUSTODY },
        CustodyPhase.RECALLED,
        { atLargeOnLicence: false },
      ],
      [
        "return to custody in closed conditions after absconding",
        CustodyPhase.UNLAWFULLY_AT_LARGE,
        custodyContext({ conditions: CustodyConditions.OPEN }),
        { type: CustodyEventType.RETURNED_TO_CUSTODY },
        CustodyPhase.IN_CUSTODY,
        { conditions: CustodyConditions.CLOSED },
      ],
      [
        "end the sentence when the licence ends",
        CustodyPhase.RELEASED,
        custodyContext(),
        { type: CustodyEventType.LICENCE_ENDED },
        CustodyPhase.SENTENCE_ENDED,
        {},
      ],
      ...NON_FINAL_PHASES.flatMap((phase): Row[] => [
        [
          `record a death in ${phase}`,
          phase,
          TYPICAL_CONTEXT[phase],
          { type: CustodyEventType.DIED },
          CustodyPhase.DECEASED,
          {},
        ],
        [
          `record a removal from the UK in ${phase}`,
          phase,
          TYPICAL_CONTEXT[phase],
          { type: CustodyEventType.REMOVED_FROM_UK },
          CustodyPhase.REMOVED_FROM_UK,
          {},
        ],
      ]),
      [
        "detain again in closed conditions, with nothing of before pending, an offender who returns to the UK",
        CustodyPhase.REMOVED_FROM_UK,
        custodyContext({
          conditions: CustodyConditions.OPEN,
          reviewReturnPhase: CustodyPhase.RECALLED,
          recallType: RecallType.STANDARD,
          atLargeOnLicence: true,
          releaseDirection: { issuedOn: "2027-03-01", reconsiderationClosesOn: null, reconsiderationPending: false },
        }),
        { type: CustodyEventType.RETURNED_TO_UK },
        CustodyPhase.IN_CUSTODY,
        {
          conditions: CustodyConditions.CLOSED,
          reviewReturnPhase: null,
          recallType: null,
          atLargeOnLicence: false,
          releaseDirection: null,
        },
      ],
      [
        "record the death abroad of an offender removed from the UK",
        CustodyPhase.REMOVED_FROM_UK,
        TYPICAL_CONTEXT[CustodyPhase.REMOVED_FROM_UK],
        { type: CustodyEventType.DIED },
        CustodyPhase.DECEASED,
        {},
      ],
    ];

    it.each(rows)("should %s when the event is accepted", (_name, from, context, event, to, changes) => {
      expectAccepted(resolve(from, context), event, to, { ...context, ...changes });
    });

    it("should not move to open conditions when the Board only recommends them", () => {
      const review = resolve(
        CustodyPhase.PAROLE_REVIEW,
        custodyContext({ reviewReturnPhase: CustodyPhase.IN_CUSTODY }),
      );
      const [back] = transition(custodyMachine, review, {
        type: CustodyEventType.PAROLE_DECISION,
        outcome: ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED,
      });
      expect(back.value).toBe(CustodyPhase.IN_CUSTODY);
      expect(back.context.conditions).toBe(CustodyConditions.CLOSED);
      const [moved] = transition(custodyMachine, back, { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS });
      expect(moved.context.conditions).toBe(CustodyConditions.OPEN);
    });
  });

  describe("guards", () => {
    it.each(ALL_SENTENCES)("should refer from custody only when %s is a Parole Board sentence", (sentenceType) => {
      const snapshot = resolve(CustodyPhase.IN_CUSTODY, custodyContext({ sentenceType }));
      const event: CustodyEvent = { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD };
      if (PAROLE_BOARD_SENTENCES.has(sentenceType)) {
        expectAccepted(snapshot, event, CustodyPhase.PAROLE_REVIEW, {
          ...snapshot.context,
          reviewReturnPhase: CustodyPhase.IN_CUSTODY,
        });
      } else {
        expectRefused(snapshot, event, "NOT_ELIGIBLE");
      }
    });

    it.each(ALL_SENTENCES)("should release on licence only when %s has automatic release", (sentenceType) => {
      const snapshot = resolve(CustodyPhase.IN_CUSTODY, custodyContext({ sentenceType }));
      const event: CustodyEvent = { type: CustodyEventType.RELEASED_ON_LICENCE };
      if (AUTOMATIC_RELEASE_SENTENCES.has(sentenceType)) {
        expectAccepted(snapshot, event, CustodyPhase.RELEASED, snapshot.context);
      } else {
        expectRefused(snapshot, event, "NOT_ELIGIBLE");
      }
    });

    const recallCases = ALL_SENTENCES.flatMap((sentenceType) =>
      Object.values(RecallType).map((recallType) => [sentenceType, recallType] as const),
    );

    it.each(recallCases)(
      "should refer a recall to the Parole Board only when the recall is standard or the sentence is one the Board decides when %s is on a %s recall",
      (sentenceType, recallType) => {
        const snapshot = resolve(CustodyPhase.RECALLED, custodyContext({ sentenceType, recallType }));
        const event: CustodyEvent = { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD };
        const boardDecides =
          sentenceType !== SentenceType.HOSPITAL_ORDER &&
          (recallType === RecallType.STANDARD || PAROLE_BOARD_SENTENCES.has(sentenceType));
        if (boardDecides) {
          expectAccepted(snapshot, event, CustodyPhase.PAROLE_REVIEW, {
            ...snapshot.context,
            reviewReturnPhase: CustodyPhase.RECALLED,
          });
        } else {
          expectRefused(snapshot, event, "NOT_ELIGIBLE");
        }
      },
    );

    it.each(ALL_SENTENCES)(
      "should release on home detention curfew only when %s is a short determinate sentence",
      (sentenceType) => {
        const snapshot = resolve(CustodyPhase.IN_CUSTODY, custodyContext({ sentenceType }));
        const event: CustodyEvent = { type: CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW };
        if (sentenceType === SentenceType.SDS) {
          expectAccepted(snapshot, event, CustodyPhase.RELEASED, { ...snapshot.context, homeDetentionCurfew: true });
        } else {
          expectRefused(snapshot, event, "NOT_ELIGIBLE");
        }
      },
    );

    it("should refuse home detention curfew as not eligible when the sentence's length or offence rules it out", () => {
      const ineligible = resolve(
        CustodyPhase.IN_CUSTODY,
        custodyContext({ sentenceType: SentenceType.SDS, homeDetentionCurfewEligible: false }),
      );
      expectRefused(ineligible, { type: CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW }, "NOT_ELIGIBLE");
      expectRefused(ineligible, { type: CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW }, "NOT_ELIGIBLE");
      // Records written before eligibility was kept are judged on the sentence type alone.
      const older = resolve(CustodyPhase.IN_CUSTODY, {
        ...custodyContext({ sentenceType: SentenceType.SDS }),
        homeDetentionCurfewEligible: undefined,
      });
      expect(older.can({ type: CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW })).toBe(true);
    });

    it("should not release a patient from hospital, on licence or on a curfew", () => {
      const inHospital = resolve(
        CustodyPhase.IN_CUSTODY,
        custodyContext({ sentenceType: SentenceType.SDS, conditions: CustodyConditions.HOSPITAL }),
      );
      expectRefused(inHospital, { type: CustodyEventType.RELEASED_ON_LICENCE }, "TRANSITION_NOT_ALLOWED");
      expectRefused(inHospital, { type: CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW }, "NOT_ELIGIBLE");
    });

    it("should refuse open conditions, ROTL and a second transfer while the prisoner is in hospital, and a return from hospital when they are not", () => {
      const inHospital = resolve(CustodyPhase.IN_CUSTODY, custodyContext({ conditions: CustodyConditions.HOSPITAL }));
      for (const type of [
        CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS,
        CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE,
        CustodyEventType.MOVED_TO_OPEN_CONDITIONS,
        CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS,
        CustodyEventType.TEMPORARY_RELEASE,
        CustodyEventType.TRANSFERRED_TO_HOSPITAL,
      ]) {
        expectRefused(inHospital, { type } as CustodyEvent, "TRANSITION_NOT_ALLOWED");
      }
      expectRefused(
        resolve(CustodyPhase.IN_CUSTODY),
        { type: CustodyEventType.RETURNED_FROM_HOSPITAL },
        "TRANSITION_NOT_ALLOWED",
      );
    });

    it("should refuse automatic release and parole referral as not eligible when the sentence is a hospital order", () => {
      const snapshot = resolve(CustodyPhase.IN_CUSTODY, custodyContext({ sentenceType: SentenceType.HOSPITAL_ORDER }));
      expectRefused(snapshot, { type: CustodyEventType.RELEASED_ON_LICENCE }, "NOT_ELIGIBLE");
      expectRefused(snapshot, { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD }, "NOT_ELIGIBLE");
      expectAccepted(snapshot, { type: CustodyEventType.DIED }, CustodyPhase.DECEASED, snapshot.context);
      expectAccepted(
        snapshot,
        { type: CustodyEventType.REMOVED_FROM_UK },
        CustodyPhase.REMOVED_FROM_UK,
        snapshot.context,
      );
    });

    // Issue 11 §12: a restricted hospital order (MHA 1983 s.37/41; DVCVA 2004 ss.36-44).
    describe("a restricted hospital order", () => {
      const detained = () =>
        resolve(
          CustodyPhase.IN_CUSTODY,
          custodyContext({ sentenceType: SentenceType.HOSPITAL_ORDER, conditions: CustodyConditions.HOSPITAL }),
        );

      it("should take leave and a move between hospitals in detention, then conditional discharge, recall, discharge again and absolute discharge", () => {
        const start = detained();
        expectAccepted(
          start,
          { type: CustodyEventType.HOSPITAL_LEAVE_GRANTED },
          CustodyPhase.IN_CUSTODY,
          start.context,
        );
        expectAccepted(
          start,
          { type: CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS },
          CustodyPhase.IN_CUSTODY,
          start.context,
        );
        const [discharged] = transition(custodyMachine, start, { type: CustodyEventType.CONDITIONALLY_DISCHARGED });
        expect(discharged.value).toBe(CustodyPhase.RELEASED);
        const [recalled] = transition(custodyMachine, discharged, { type: CustodyEventType.RECALLED_TO_HOSPITAL });
        expect(recalled.value).toBe(CustodyPhase.RECALLED);
        expectAccepted(
          recalled,
          { type: CustodyEventType.HOSPITAL_LEAVE_GRANTED },
          CustodyPhase.RECALLED,
          recalled.context,
        );
        const [again] = transition(custodyMachine, recalled, { type: CustodyEventType.CONDITIONALLY_DISCHARGED });
        expect(again.value).toBe(CustodyPhase.RELEASED);
        expectAccepted(
          again,
          { type: CustodyEventType.ABSOLUTELY_DISCHARGED },
          CustodyPhase.SENTENCE_ENDED,
          again.context,
        );
        // The tribunal may discharge absolutely straight from hospital.
        expectAccepted(
          start,
          { type: CustodyEventType.ABSOLUTELY_DISCHARGED },
          CustodyPhase.SENTENCE_ENDED,
          start.context,
        );
      });

      it("should refuse a prison's stages as not eligible: open conditions, ROTL, their considerations, a prison transfer, a licence recall or end", () => {
        for (const type of [
          CustodyEventType.MOVED_TO_OPEN_CONDITIONS,
          CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS,
          CustodyEventType.TEMPORARY_RELEASE,
          CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS,
          CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE,
          CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW,
          CustodyEventType.TRANSFERRED_TO_HOSPITAL,
          CustodyEventType.RETURNED_FROM_HOSPITAL,
          CustodyEventType.RELEASED_ON_LICENCE,
        ])
          expectRefused(detained(), sampleEvent(type), "NOT_ELIGIBLE");
        // A record made before hospital orders started in hospital conditions is refused all the same.
        const legacy = resolve(CustodyPhase.IN_CUSTODY, custodyContext({ sentenceType: SentenceType.HOSPITAL_ORDER }));
        expectRefused(legacy, { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS }, "NOT_ELIGIBLE");
        expectRefused(legacy, { type: CustodyEventType.TEMPORARY_RELEASE }, "NOT_ELIGIBLE");
        const [discharged] = transition(custodyMachine, detained(), {
          type: CustodyEventType.CONDITIONALLY_DISCHARGED,
        });
        expectRefused(discharged, { type: CustodyEventType.RECALLED, recallType: RecallType.STANDARD }, "NOT_ELIGIBLE");
        expectRefused(discharged, { type: CustodyEventType.LICENCE_ENDED }, "NOT_ELIGIBLE");
      });

      it("should refuse a hospital order's stages as not eligible for a prison sentence, even for a prisoner transferred to hospital", () => {
        const transferred = resolve(
          CustodyPhase.IN_CUSTODY,
          custodyContext({ sentenceType: SentenceType.SDS, conditions: CustodyConditions.HOSPITAL }),
        );
        for (const type of HOSPITAL_STAGES) expectRefused(transferred, sampleEvent(type), "NOT_ELIGIBLE");
        const released = resolve(CustodyPhase.RELEASED, custodyContext({ sentenceType: SentenceType.SDS }));
        expectRefused(released, { type: CustodyEventType.RECALLED_TO_HOSPITAL }, "NOT_ELIGIBLE");
      });

      it("should take a patient absent without leave back to hospital, not to a prison's closed conditions", () => {
        const [away] = transition(custodyMachine, detained(), { type: CustodyEventType.UNLAWFULLY_AT_LARGE });
        const [back] = transition(custodyMachine, away, { type: CustodyEventType.RETURNED_TO_CUSTODY });
        expect(back.value).toBe(CustodyPhase.IN_CUSTODY);
        expect(back.context.conditions).toBe(CustodyConditions.HOSPITAL);
      });
    });

    it("should map only eligibility guards to NOT_ELIGIBLE when listing guard refusals", () => {
      expect(CUSTODY_GUARD_REFUSALS).toEqual({
        isHospitalOrder: "NOT_ELIGIBLE",
        isPrisonSentence: "NOT_ELIGIBLE",
        isParoleBoardSentence: "NOT_ELIGIBLE",
        isAutomaticReleaseSentence: "NOT_ELIGIBLE",
        isParoleBoardRecall: "NOT_ELIGIBLE",
        isRecallAllowedForSentence: "NOT_ELIGIBLE",
        isReleasableAfterRecallWithoutBoard: "NOT_ELIGIBLE",
        isHomeDetentionCurfewSentence: "NOT_ELIGIBLE",
        isReconsiderable: "NOT_ELIGIBLE",
        isWithinReconsiderationWindow: "DEADLINE_PASSED",
        isReconsiderationPending: "NOT_ELIGIBLE",
        isReleaseDirectionFinal: "DECISION_NOT_FINAL",
      });
    });

    // Issue 11 §4: CJA 2003 s.255A–s.255C.
    it.each([
      [SentenceType.EDS, false],
      [SentenceType.SOPC, false],
      [SentenceType.STS, true],
      [SentenceType.LIFE, false],
      [SentenceType.IPP, false],
      [SentenceType.SDS, true],
    ])(
      "should refuse a fixed-term recall and a re-release without the Board as not eligible for a %s licensee (terrorist: %s)",
      (sentenceType, terroristOffender) => {
        const released = resolve(CustodyPhase.RELEASED, custodyContext({ sentenceType, terroristOffender }));
        expectRefused(released, { type: CustodyEventType.RECALLED, recallType: RecallType.FIXED_TERM }, "NOT_ELIGIBLE");
        const [recalled] = transition(custodyMachine, released, {
          type: CustodyEventType.RECALLED,
          recallType: RecallType.STANDARD,
        });
        expect(recalled.value).toBe(CustodyPhase.RECALLED);
        expectRefused(recalled, { type: CustodyEventType.RE_RELEASED }, "NOT_ELIGIBLE");
        expect(recalled.can({ type: CustodyEventType.REFERRED_TO_PAROLE_BOARD })).toBe(true);
      },
    );

    it("should refuse the release as not final when the reconsideration window is open or an application waits", () => {
      const provisional = resolve(CustodyPhase.RELEASE_DIRECTED, custodyContext({ releaseDirection: PROVISIONAL }));
      const onTheLastDay = { type: CustodyEventType.RELEASED_ON_LICENCE, on: "2027-03-22" } as const;
      expectRefused(provisional, onTheLastDay, "DECISION_NOT_FINAL");
      const pending = resolve(
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({ releaseDirection: { ...PROVISIONAL, reconsiderationPending: true } }),
      );
      expectRefused(pending, { type: CustodyEventType.RELEASED_ON_LICENCE, on: "2027-06-01" }, "DECISION_NOT_FINAL");
      // Undated (outside the pipeline), a provisional direction is never taken as final.
      expectRefused(provisional, { type: CustodyEventType.RELEASED_ON_LICENCE }, "DECISION_NOT_FINAL");
    });

    it("should refuse a reconsideration application after 21 days, a second one, and one no rule allows", () => {
      const provisional = resolve(CustodyPhase.RELEASE_DIRECTED, custodyContext({ releaseDirection: PROVISIONAL }));
      expectRefused(
        provisional,
        { type: CustodyEventType.RECONSIDERATION_APPLIED, on: "2027-03-23" },
        "DEADLINE_PASSED",
      );
      const pending = resolve(
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({ releaseDirection: { ...PROVISIONAL, reconsiderationPending: true } }),
      );
      expectRefused(pending, { type: CustodyEventType.RECONSIDERATION_APPLIED, on: "2027-03-10" }, "NOT_ELIGIBLE");
      const final = resolve(
        CustodyPhase.RELEASE_DIRECTED,
        custodyContext({ releaseDirection: { ...PROVISIONAL, reconsiderationClosesOn: null } }),
      );
      expectRefused(final, { type: CustodyEventType.RECONSIDERATION_APPLIED, on: "2027-03-10" }, "NOT_ELIGIBLE");
      // The Board answers only an application that was made.
      expectRefused(provisional, { type: CustodyEventType.DECISION_SET_ASIDE, on: "2027-03-10" }, "NOT_ELIGIBLE");
      expectRefused(provisional, { type: CustodyEventType.RECONSIDERATION_REFUSED, on: "2027-03-10" }, "NOT_ELIGIBLE");
    });
  });

  describe("refused events", () => {
    it.each(ALL_PHASES)("should offer exactly the events of the table when the phase is %s", (phase) => {
      const offered = new Set(getNextTransitions(resolve(phase)).map((t) => t.eventType));
      expect([...offered].sort()).toEqual([...ACCEPTED[phase]].sort());
    });

    const refusals = ALL_PHASES.flatMap((phase) =>
      ALL_EVENT_TYPES.filter((type) => !ACCEPTED[phase].includes(type)).map((type) => [phase, type] as const),
    );

    it.each(refusals)("should refuse with TRANSITION_NOT_ALLOWED when %s receives %s", (phase, type) => {
      expectRefused(resolve(phase), sampleEvent(type), "TRANSITION_NOT_ALLOWED");
    });
  });

  describe("persistence", () => {
    it.each(ALL_PHASES)("should round-trip value and context through resolveState when the phase is %s", (phase) => {
      const context = custodyContext({
        conditions: CustodyConditions.OPEN,
        temporaryReleases: 4,
        sentenceType: SentenceType.EDS,
      });
      const stored = JSON.parse(JSON.stringify({ value: phase, context })) as {
        value: CustodyPhase;
        context: CustodyContext;
      };
      const snapshot = custodyMachine.resolveState(stored);
      expect(snapshot.value).toBe(phase);
      expect(snapshot.context).toEqual(context);
      expect(snapshot.status).toBe(MACHINE_FINAL_PHASES.has(phase) ? "done" : "active");
    });

    it("should give the same result from rebuilt snapshots as from a running actor when a sentence is walked end to end", () => {
      const events: CustodyEvent[] = [
        { type: CustodyEventType.MOVED_TO_OPEN_CONDITIONS },
        { type: CustodyEventType.TEMPORARY_RELEASE },
        { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
        { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE, on: "2027-03-01" },
        { type: CustodyEventType.RECONSIDERATION_APPLIED, on: "2027-03-15" },
        { type: CustodyEventType.DECISION_SET_ASIDE, on: "2027-04-20" },
        { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE, on: "2027-09-01" },
        { type: CustodyEventType.RELEASED_ON_LICENCE, on: "2027-09-23" },
        { type: CustodyEventType.RECALLED, recallType: RecallType.STANDARD },
        { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
        { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.NO_RELEASE },
        { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
        { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE, on: "2028-06-01" },
        { type: CustodyEventType.RE_RELEASED, on: "2028-06-23" },
        { type: CustodyEventType.LICENCE_ENDED },
      ];
      const actor = createActor(custodyMachine, { input: { sentenceType: SentenceType.EDS } }).start();
      let [stored] = initialTransition(custodyMachine, { sentenceType: SentenceType.EDS });
      for (const event of events) {
        actor.send(event);
        const rebuilt = custodyMachine.resolveState({
          value: stored.value,
          context: JSON.parse(JSON.stringify(stored.context)) as CustodyContext,
        });
        [stored] = transition(custodyMachine, rebuilt, event);
        expect(stored.value).toBe(actor.getSnapshot().value);
        expect(stored.context).toEqual(actor.getSnapshot().context);
      }
      expect(actor.getSnapshot().status).toBe("done");
      expect(stored.value).toBe(CustodyPhase.SENTENCE_ENDED);
      expect(stored.context).toEqual(
        custodyContext({
          sentenceType: SentenceType.EDS,
          conditions: CustodyConditions.OPEN,
          temporaryReleases: 1,
        }),
      );
    });
  });
});

describe("release routes of a sentence (issue 11 §3, §5)", () => {
  it.each([
    // HMPPS's HdcedCalculator: SDS only; the four-year bar ended on 17 June 2024 (HDC4+).
    [SentenceType.SDS, OffenceCategory.VIOLENT, true],
    [SentenceType.SDS, OffenceCategory.OTHER, true],
    // The sex-offender register excludes it, and so does a terrorist offence.
    [SentenceType.SDS, OffenceCategory.SEXUAL, false],
    [SentenceType.SDS, OffenceCategory.TERRORISM, false],
    // Never a DTO alone, an SDS+, an extended sentence or a SOPC.
    [SentenceType.DTO, OffenceCategory.VIOLENT, false],
    [SentenceType.SDS_PLUS, OffenceCategory.VIOLENT, false],
    [SentenceType.EDS, OffenceCategory.VIOLENT, false],
    [SentenceType.SOPC, OffenceCategory.VIOLENT, false],
    [SentenceType.STS, OffenceCategory.TERRORISM, false],
  ])("should say whether a %s for a %s offence allows a curfew: %s", (type, offenceCategory, allowed) => {
    expect(releaseRoutesFor({ type, offenceCategory }).homeDetentionCurfewEligible).toBe(allowed);
  });

  it.each([
    // s.247A: a terrorist SDS or SDS+ goes to the Board at two thirds.
    [SentenceType.SDS, OffenceCategory.TERRORISM, false, true],
    [SentenceType.SDS_PLUS, OffenceCategory.TERRORISM, false, true],
    [SentenceType.SDS, OffenceCategory.VIOLENT, false, false],
    // A serious terrorism sentence has no parole at all (s.247A(2A)).
    [SentenceType.STS, OffenceCategory.TERRORISM, false, false],
    [SentenceType.EDS, OffenceCategory.VIOLENT, false, true],
    [SentenceType.LIFE, OffenceCategory.VIOLENT, false, true],
    // A whole-life order never goes to the Board.
    [SentenceType.LIFE, OffenceCategory.VIOLENT, true, false],
  ])(
    "should say whether a %s for a %s offence (whole-life order: %s) goes to the Parole Board: %s",
    (type, offenceCategory, wholeLifeOrder, paroleEligible) => {
      expect(releaseRoutesFor({ type, offenceCategory, wholeLifeOrder }).paroleEligible).toBe(paroleEligible);
    },
  );
});
