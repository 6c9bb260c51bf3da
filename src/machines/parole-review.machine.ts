import { and, assign, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { ParoleOutcome } from "../domain/custody/custody.enums";
import {
  applicationsDueOn,
  decisionSummaryClosesOn,
  reconsiderationClosesOn,
  statementDueOn,
} from "../domain/parole/parole-deadlines";
import { HearingType, ParoleReviewStatus } from "../domain/parole/parole.enums";
import { RECONSIDERATION_SENTENCES } from "../domain/parole/reconsideration";
import { explainRefusal } from "./explain-refusal";
import type { ParoleReviewContext, ParoleReviewEvent, ParoleReviewRefusalCode } from "./parole-review-events";

type ParoleGuardArgs = { context: ParoleReviewContext; event: ParoleReviewEvent };

const stepDate = (event: ParoleReviewEvent) => ("on" in event ? event.on : "");

// Each victim step carries the day it is taken; a window is open through its last day.
const paroleGuards = {
  isBeforeStatementDeadline: ({ context, event }: ParoleGuardArgs) =>
    !context.targetHearingDate || stepDate(event) <= statementDueOn(context.targetHearingDate),
  isBeforeApplicationDeadline: ({ context, event }: ParoleGuardArgs) =>
    !context.targetHearingDate || stepDate(event) <= applicationsDueOn(context.targetHearingDate),
  // A review on the papers has no hearing to watch.
  isHeardInPerson: ({ context }: ParoleGuardArgs) => context.hearingType !== HearingType.PAPER,
  isNotAlreadyPublic: ({ context }: ParoleGuardArgs) => context.hearingType !== HearingType.PUBLIC,
  isReconsiderationEligible: ({ context }: ParoleGuardArgs) =>
    context.outcome !== ParoleOutcome.OPEN_CONDITIONS_RECOMMENDED &&
    RECONSIDERATION_SENTENCES.has(context.sentenceType),
  isWithinReconsiderationWindow: ({ context, event }: ParoleGuardArgs) =>
    context.decisionIssuedOn !== null && stepDate(event) <= reconsiderationClosesOn(context.decisionIssuedOn),
  isWithinDecisionSummaryWindow: ({ context, event }: ParoleGuardArgs) =>
    context.decisionIssuedOn !== null && stepDate(event) <= decisionSummaryClosesOn(context.decisionIssuedOn),
};

export type ParoleGuardName = keyof typeof paroleGuards;

// What each guard checks, in words: the workflows query and docs/machines/ show them beside the diagram.
export const PAROLE_GUARD_DESCRIPTIONS: Readonly<Record<ParoleGuardName, string>> = {
  isBeforeStatementDeadline:
    "No hearing date is set yet, or the step is taken by the day statements are due (28 days before the hearing).",
  isBeforeApplicationDeadline:
    "No hearing date is set yet, or the step is taken by the last day to apply to observe or for a public hearing (12 weeks before it).",
  isHeardInPerson: "The review has a hearing to observe: it is not decided on the papers.",
  isNotAlreadyPublic: "The hearing is not already a public one.",
  isReconsiderationEligible:
    "The decision is not a recommendation for open conditions, and the sentence is one whose decisions may be reconsidered (Parole Board Rules 2019 r.28).",
  isWithinReconsiderationWindow: "The decision has been issued and the step is taken within 21 days of it.",
  isWithinDecisionSummaryWindow: "The decision has been issued and the step is taken within 6 months of it.",
};

export const PAROLE_GUARD_REFUSALS: Readonly<Partial<Record<ParoleGuardName, ParoleReviewRefusalCode>>> = {
  isBeforeStatementDeadline: "DEADLINE_PASSED",
  isBeforeApplicationDeadline: "DEADLINE_PASSED",
  isHeardInPerson: "NOT_ELIGIBLE",
  isNotAlreadyPublic: "NOT_ELIGIBLE",
  isReconsiderationEligible: "NOT_ELIGIBLE",
  isWithinReconsiderationWindow: "DEADLINE_PASSED",
  isWithinDecisionSummaryWindow: "DEADLINE_PASSED",
};

// The victim's steps before a hearing; accepted while the review waits for its decision.
const BEFORE_THE_DECISION = {
  INVITE_STATEMENT: { guard: "isBeforeStatementDeadline", actions: "acceptVictimStep" },
  SUBMIT_STATEMENT: { guard: "isBeforeStatementDeadline", actions: "acceptVictimStep" },
  // Eligibility first, so a paper review says NOT_ELIGIBLE rather than a deadline.
  APPLY_TO_OBSERVE: { guard: and(["isHeardInPerson", "isBeforeApplicationDeadline"]), actions: "acceptVictimStep" },
  APPLY_FOR_PUBLIC_HEARING: {
    guard: and(["isNotAlreadyPublic", "isBeforeApplicationDeadline"]),
    actions: "acceptVictimStep",
  },
  SCHEDULE_HEARING: { target: ParoleReviewStatus.HEARING_SCHEDULED, actions: "recordHearing" },
  DECIDE: { target: ParoleReviewStatus.DECIDED, actions: "recordDecision" },
  END: { target: ParoleReviewStatus.ENDED },
} as const;

/** One Parole Board review of an offender, from referral to decision (domain.md §3). */
export const paroleReviewMachine = setup({
  types: {
    context: {} as ParoleReviewContext,
    events: {} as ParoleReviewEvent,
    input: {} as ParoleReviewContext,
  },
  guards: paroleGuards,
  actions: {
    // The victim's steps are recorded on the case, not in the review; the action exists because
    // XState's can() treats a transition with neither target nor action as not enabled.
    acceptVictimStep: () => {},
    recordHearing: assign(({ event }) =>
      event.type === "SCHEDULE_HEARING"
        ? { targetHearingDate: event.targetHearingDate, hearingType: event.hearingType }
        : {},
    ),
    recordDecision: assign(({ event }) =>
      event.type === "DECIDE" ? { outcome: event.outcome, decisionIssuedOn: event.on } : {},
    ),
  },
}).createMachine({
  id: "paroleReview",
  description:
    "One Parole Board review of an offender, from referral through a hearing to the Board's decision, with the victim's steps each stage allows.",
  initial: ParoleReviewStatus.REFERRED,
  context: ({ input }) => input,
  states: {
    [ParoleReviewStatus.REFERRED]: { on: BEFORE_THE_DECISION },
    [ParoleReviewStatus.HEARING_SCHEDULED]: { on: BEFORE_THE_DECISION },
    [ParoleReviewStatus.DECIDED]: {
      on: {
        REQUEST_RECONSIDERATION: {
          guard: and(["isReconsiderationEligible", "isWithinReconsiderationWindow"]),
          actions: "acceptVictimStep",
        },
        REQUEST_DECISION_SUMMARY: { guard: "isWithinDecisionSummaryWindow", actions: "acceptVictimStep" },
        SET_ASIDE: {
          description:
            "The Board granted reconsideration: this decision no longer stands, and a new review (opened by the custody pipeline) takes the case to a fresh decision.",
          target: ParoleReviewStatus.ENDED,
        },
      },
    },
    [ParoleReviewStatus.ENDED]: { type: "final" },
  },
});

export type ParoleReviewSnapshot = SnapshotFrom<typeof paroleReviewMachine>;

export function explainParoleRefusal(
  snapshot: ParoleReviewSnapshot,
  event: ParoleReviewEvent,
): ParoleReviewRefusalCode | "TRANSITION_NOT_ALLOWED" | null {
  return explainRefusal(snapshot, event, PAROLE_GUARD_REFUSALS);
}

export type VictimStepType =
  | "INVITE_STATEMENT"
  | "SUBMIT_STATEMENT"
  | "APPLY_TO_OBSERVE"
  | "APPLY_FOR_PUBLIC_HEARING"
  | "REQUEST_RECONSIDERATION"
  | "REQUEST_DECISION_SUMMARY";
const VICTIM_STEPS: readonly VictimStepType[] = [
  "INVITE_STATEMENT",
  "SUBMIT_STATEMENT",
  "APPLY_TO_OBSERVE",
  "APPLY_FOR_PUBLIC_HEARING",
  "REQUEST_RECONSIDERATION",
  "REQUEST_DECISION_SUMMARY",
];

/** The victim's steps the review accepts on day `on`: its state, eligibility and windows. */
export function openVictimSteps(snapshot: ParoleReviewSnapshot, on: string): VictimStepType[] {
  return VICTIM_STEPS.filter((type) => snapshot.can({ type, on }));
}

/** The columns a review's snapshot is rebuilt from. */
export type StoredParoleReview = ParoleReviewContext & { status: ParoleReviewStatus };

export function paroleReviewContext(review: StoredParoleReview): ParoleReviewContext {
  return {
    sentenceType: review.sentenceType,
    referredOn: review.referredOn,
    targetHearingDate: review.targetHearingDate,
    hearingType: review.hearingType,
    outcome: review.outcome,
    decisionIssuedOn: review.decisionIssuedOn,
  };
}

export function paroleReviewSnapshot(review: StoredParoleReview): ParoleReviewSnapshot {
  return paroleReviewMachine.resolveState({ value: review.status, context: paroleReviewContext(review) });
}
