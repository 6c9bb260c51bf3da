import { and, assign, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import {
  CustodyConditions,
  CustodyEventType,
  CustodyPhase,
  ParoleOutcome,
  RecallType,
} from "../domain/custody/custody.enums";
import { AUTOMATIC_RELEASE_SENTENCES, PAROLE_BOARD_SENTENCES, SentenceType } from "../domain/sentences/sentence.enums";
import { allowsFixedTermRecall, HOME_DETENTION_CURFEW_SENTENCES } from "../domain/sentences/release-routes";
import type { CustodyContext, CustodyEvent, CustodyInput, CustodyRefusalCode } from "./machine-events";
import { explainRefusal } from "./explain-refusal";
import { reconsiderationWindowEnd } from "../domain/parole/reconsideration";

type CustodyGuardArgs = { context: CustodyContext; event: CustodyEvent };

// Records written before the routes were kept are judged on the sentence type alone.
const isBoardSentence = (context: CustodyContext) =>
  context.paroleEligible ?? PAROLE_BOARD_SENTENCES.has(context.sentenceType);
const mayBypassBoardOnRecall = (context: CustodyContext) =>
  allowsFixedTermRecall(context.sentenceType, context.terroristOffender ?? false);

// A hospital order's discharge is decided outside this machine (tribunal / Secretary of State), so
// neither automatic release nor a parole referral passes for it.
const custodyGuards = {
  // A restricted hospital order has its own stages (MHA 1983 Part 3; DVCVA 2004 ss.36-44): leave,
  // transfer, conditional discharge, recall to hospital, absolute discharge. A prison's stages
  // (open conditions, ROTL, a licence, a prison recall) are not for it.
  isHospitalOrder: ({ context }: CustodyGuardArgs) => context.sentenceType === SentenceType.HOSPITAL_ORDER,
  isPrisonSentence: ({ context }: CustodyGuardArgs) => context.sentenceType !== SentenceType.HOSPITAL_ORDER,
  isParoleBoardSentence: ({ context }: CustodyGuardArgs) => isBoardSentence(context),
  isAutomaticReleaseSentence: ({ context }: CustodyGuardArgs) => AUTOMATIC_RELEASE_SENTENCES.has(context.sentenceType),
  // A fixed-term recall ends by itself; only a standard recall (or a Parole Board sentence) goes to the Board.
  isParoleBoardRecall: ({ context }: CustodyGuardArgs) =>
    context.sentenceType !== SentenceType.HOSPITAL_ORDER &&
    (context.recallType === RecallType.STANDARD || isBoardSentence(context)),
  // Fixed-term recall only where s.255A allows it; a standard recall is always possible.
  isRecallAllowedForSentence: ({ context, event }: CustodyGuardArgs) =>
    event.type !== CustodyEventType.RECALLED ||
    event.recallType !== RecallType.FIXED_TERM ||
    mayBypassBoardOnRecall(context),
  // A fixed-term recall ends by itself; after a standard recall only a determinate licensee may be
  // re-released by the Secretary of State (s.255C): the others go back through the Board.
  isReleasableAfterRecallWithoutBoard: ({ context }: CustodyGuardArgs) =>
    context.recallType === RecallType.FIXED_TERM || mayBypassBoardOnRecall(context),
  wasAtLargeOnLicence: ({ context }: CustodyGuardArgs) => context.atLargeOnLicence === true,
  isReleaseDirected: ({ event }: CustodyGuardArgs) =>
    event.type === CustodyEventType.PAROLE_DECISION && event.outcome === ParoleOutcome.RELEASE,
  isHomeDetentionCurfewSentence: ({ context }: CustodyGuardArgs) =>
    HOME_DETENTION_CURFEW_SENTENCES.has(context.sentenceType) &&
    context.homeDetentionCurfewEligible !== false &&
    context.conditions !== CustodyConditions.HOSPITAL,
  // A patient transferred to hospital has no open conditions or ROTL: leave is the hospital's decision.
  isInPrison: ({ context }: CustodyGuardArgs) => context.conditions !== CustodyConditions.HOSPITAL,
  isInHospital: ({ context }: CustodyGuardArgs) => context.conditions === CustodyConditions.HOSPITAL,
  didReviewStartOnRecall: ({ context }: CustodyGuardArgs) => context.reviewReturnPhase === CustodyPhase.RECALLED,
  // Only a decision on a sentence r.28 covers can be reconsidered, and only once at a time.
  isReconsiderable: ({ context }: CustodyGuardArgs) =>
    context.releaseDirection?.reconsiderationClosesOn != null && !context.releaseDirection.reconsiderationPending,
  isWithinReconsiderationWindow: ({ context, event }: CustodyGuardArgs) =>
    event.on !== undefined && event.on <= (context.releaseDirection?.reconsiderationClosesOn ?? ""),
  isReconsiderationPending: ({ context }: CustodyGuardArgs) =>
    context.releaseDirection?.reconsiderationPending === true,
  // Final when no application is pending and the window has closed (or never opened): r.25(3), r.28.
  isReleaseDirectionFinal: ({ context, event }: CustodyGuardArgs) => {
    const direction = context.releaseDirection;
    if (!direction || direction.reconsiderationPending) return false;
    return (
      direction.reconsiderationClosesOn === null ||
      (event.on !== undefined && event.on > direction.reconsiderationClosesOn)
    );
  },
};

type CustodyGuardName = keyof typeof custodyGuards;

// What each guard checks, in words: the workflows query and docs/machines/ show them beside the diagram.
export const CUSTODY_GUARD_DESCRIPTIONS: Readonly<Record<CustodyGuardName, string>> = {
  isHospitalOrder: "The sentence is a restricted hospital order (Mental Health Act 1983 Part 3).",
  isPrisonSentence: "The sentence is served in prison, not a hospital order.",
  isParoleBoardSentence:
    "The Parole Board decides the offender's release (by the release route recorded, or else by sentence type).",
  isAutomaticReleaseSentence: "The sentence releases the offender automatically on licence, without the Parole Board.",
  isParoleBoardRecall:
    "A prison sentence whose recall the Parole Board reviews: a standard recall, or any recall on a Parole Board sentence.",
  isRecallAllowedForSentence:
    "A fixed-term recall only where the sentence allows one (CJA 2003 s.255A); a standard recall is always allowed.",
  isReleasableAfterRecallWithoutBoard:
    "The recall was fixed-term, or the sentence lets the Secretary of State re-release without the Board (s.255C).",
  wasAtLargeOnLicence: "The offender went unlawfully at large from licence, which counts as a recall.",
  isReleaseDirected: "The Parole Board's decision directs release.",
  isHomeDetentionCurfewSentence:
    "The sentence allows home detention curfew, the offender has not been found ineligible, and they are not in hospital.",
  isInPrison: "The offender is held in a prison, not transferred to hospital.",
  isInHospital: "The offender has been transferred to hospital.",
  didReviewStartOnRecall:
    "The parole review began while the offender was recalled, so a refusal returns them to RECALLED.",
  isReconsiderable:
    "The release direction can be reconsidered (Parole Board Rules 2019 r.28) and no application is waiting for an answer.",
  isWithinReconsiderationWindow:
    "The application is made on or before the last day of the direction's reconsideration window.",
  isReconsiderationPending: "An application to reconsider the release direction is waiting for the Board's answer.",
  isReleaseDirectionFinal:
    "The release direction is final: no reconsideration is pending and its window has closed, or never opened (r.25(3), r.28).",
};

// A failed eligibility guard means the sentence does not allow the event; routing guards are not listed.
export const CUSTODY_GUARD_REFUSALS: Readonly<Partial<Record<CustodyGuardName, CustodyRefusalCode>>> = {
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
};

// Death and removal end the sentence's relevance from any phase that has not already ended.
const LEAVING_THE_SENTENCE = {
  [CustodyEventType.DIED]: { target: CustodyPhase.DECEASED },
  [CustodyEventType.REMOVED_FROM_UK]: { target: CustodyPhase.REMOVED_FROM_UK },
} as const;

// A restricted patient's stages while detained in hospital (first, or again after a recall).
const HOSPITAL_STAGES_WHILE_DETAINED = {
  [CustodyEventType.HOSPITAL_LEAVE_GRANTED]: { guard: "isHospitalOrder", actions: "noteHospitalStep" },
  [CustodyEventType.TRANSFERRED_BETWEEN_HOSPITALS]: { guard: "isHospitalOrder", actions: "noteHospitalStep" },
  [CustodyEventType.CONDITIONALLY_DISCHARGED]: { guard: "isHospitalOrder", target: CustodyPhase.RELEASED },
  [CustodyEventType.ABSOLUTELY_DISCHARGED]: { guard: "isHospitalOrder", target: CustodyPhase.SENTENCE_ENDED },
} as const;

// A prison's stages, for a prisoner held in a prison (not a hospital-order patient, nor a prisoner
// transferred to hospital).
const IN_PRISON = and(["isPrisonSentence", "isInPrison"]);

// The feed's release, once the Board's direction is final: from custody, or again after a recall.
const RELEASE_ON_FINAL_DIRECTION = {
  guard: "isReleaseDirectionFinal",
  target: CustodyPhase.RELEASED,
  actions: ["clearParoleReview", "clearRecall", "clearReleaseDirection"],
} as const;

export const custodyMachine = setup({
  types: {
    context: {} as CustodyContext,
    events: {} as CustodyEvent,
    input: {} as CustodyInput,
  },
  guards: custodyGuards,
  actions: {
    recordOpenConditions: assign({ conditions: CustodyConditions.OPEN }),
    recordClosedConditions: assign({ conditions: CustodyConditions.CLOSED }),
    recordHospital: assign({ conditions: CustodyConditions.HOSPITAL }),
    recordHomeDetentionCurfew: assign({ homeDetentionCurfew: true }),
    countTemporaryRelease: assign({ temporaryReleases: ({ context }) => context.temporaryReleases + 1 }),
    rememberWhereReviewStarted: assign((_, params: { phase: CustodyPhase.IN_CUSTODY | CustodyPhase.RECALLED }) => ({
      reviewReturnPhase: params.phase,
    })),
    clearParoleReview: assign({ reviewReturnPhase: null }),
    recordRecall: assign({
      recallType: ({ event }) => (event.type === CustodyEventType.RECALLED ? event.recallType : null),
    }),
    clearRecall: assign({ recallType: null }),
    // A consideration changes nothing in custody (the case and the officer's task record it); the
    // action exists because XState's can() treats a transition with neither target nor action as not enabled.
    noteConsideration: () => {},
    // Leave and a move between hospitals change nothing the machine decides on; the history records them.
    noteHospitalStep: () => {},
    // A licensee at large has been recalled and not returned (the feed does not say which kind):
    // a standard recall, the route that keeps the Board's review, unless one is already recorded.
    recordAtLargeOnLicence: assign({
      atLargeOnLicence: true,
      recallType: ({ context }) => context.recallType ?? RecallType.STANDARD,
    }),
    clearAtLarge: assign({ atLargeOnLicence: false }),
    recordReleaseDirection: assign({
      releaseDirection: ({ context, event }) => ({
        issuedOn: event.on ?? "",
        reconsiderationClosesOn: event.on ? reconsiderationWindowEnd(context.sentenceType, event.on) : null,
        reconsiderationPending: false,
      }),
    }),
    holdForReconsideration: assign({
      releaseDirection: ({ context }) =>
        context.releaseDirection && { ...context.releaseDirection, reconsiderationPending: true },
    }),
    // The Board's refusal makes the direction final: no further application can be made.
    makeReleaseDirectionFinal: assign({
      releaseDirection: ({ context }) =>
        context.releaseDirection && {
          ...context.releaseDirection,
          reconsiderationPending: false,
          reconsiderationClosesOn: null,
        },
    }),
    clearReleaseDirection: assign({ releaseDirection: null }),
  },
}).createMachine({
  id: "custody",
  description:
    "The offender's custody under one sentence, as prison and probation report it: in custody, under parole review, released, recalled or at large, until the sentence ends, they die or they are removed from the UK.",
  initial: CustodyPhase.IN_CUSTODY,
  context: ({ input }) => ({
    sentenceType: input.sentenceType,
    conditions:
      input.sentenceType === SentenceType.HOSPITAL_ORDER ? CustodyConditions.HOSPITAL : CustodyConditions.CLOSED,
    reviewReturnPhase: null,
    recallType: null,
    temporaryReleases: 0,
    homeDetentionCurfew: false,
    homeDetentionCurfewEligible: input.homeDetentionCurfewEligible ?? true,
    paroleEligible: input.paroleEligible ?? PAROLE_BOARD_SENTENCES.has(input.sentenceType),
    terroristOffender: input.terroristOffender ?? false,
    atLargeOnLicence: false,
    releaseDirection: null,
  }),
  states: {
    [CustodyPhase.IN_CUSTODY]: {
      on: {
        // Considered for a key stage: the officer seeks the victim's views before the decision.
        [CustodyEventType.CONSIDERED_FOR_OPEN_CONDITIONS]: {
          guard: IN_PRISON,
          actions: "noteConsideration",
        },
        [CustodyEventType.CONSIDERED_FOR_TEMPORARY_RELEASE]: {
          guard: IN_PRISON,
          actions: "noteConsideration",
        },
        [CustodyEventType.CONSIDERED_FOR_HOME_DETENTION_CURFEW]: {
          guard: "isHomeDetentionCurfewSentence",
          actions: "noteConsideration",
        },
        // Key stages of the sentence: recorded, but the offender stays in custody.
        [CustodyEventType.MOVED_TO_OPEN_CONDITIONS]: {
          guard: IN_PRISON,
          actions: "recordOpenConditions",
        },
        [CustodyEventType.RETURNED_TO_CLOSED_CONDITIONS]: {
          guard: IN_PRISON,
          actions: "recordClosedConditions",
        },
        [CustodyEventType.TEMPORARY_RELEASE]: {
          guard: IN_PRISON,
          actions: "countTemporaryRelease",
        },
        [CustodyEventType.TRANSFERRED_TO_HOSPITAL]: {
          guard: IN_PRISON,
          actions: "recordHospital",
        },
        [CustodyEventType.RETURNED_FROM_HOSPITAL]: {
          description: "Remitted from hospital to prison: closed conditions until open ones are granted again.",
          guard: and(["isPrisonSentence", "isInHospital"]),
          actions: "recordClosedConditions",
        },
        ...HOSPITAL_STAGES_WHILE_DETAINED,
        [CustodyEventType.REFERRED_TO_PAROLE_BOARD]: {
          guard: "isParoleBoardSentence",
          target: CustodyPhase.PAROLE_REVIEW,
          actions: { type: "rememberWhereReviewStarted", params: { phase: CustodyPhase.IN_CUSTODY } },
        },
        [CustodyEventType.RELEASED_ON_LICENCE]: {
          description: "A patient transferred to hospital is not released from there: the hospital discharges them.",
          guard: and(["isAutomaticReleaseSentence", "isInPrison"]),
          target: CustodyPhase.RELEASED,
        },
        [CustodyEventType.RELEASED_ON_HOME_DETENTION_CURFEW]: {
          description: "Early release on a curfew licence (a tag) before the automatic release date.",
          guard: "isHomeDetentionCurfewSentence",
          target: CustodyPhase.RELEASED,
          actions: "recordHomeDetentionCurfew",
        },
        [CustodyEventType.UNLAWFULLY_AT_LARGE]: { target: CustodyPhase.UNLAWFULLY_AT_LARGE },
        ...LEAVING_THE_SENTENCE,
      },
    },
    [CustodyPhase.PAROLE_REVIEW]: {
      on: {
        [CustodyEventType.PAROLE_DECISION]: [
          {
            description: "A direction, not a release: the offender stays in custody until the feed records it.",
            guard: "isReleaseDirected",
            target: CustodyPhase.RELEASE_DIRECTED,
            actions: "recordReleaseDirection",
          },
          // A recommendation for open conditions is advice: the move itself is a separate event.
          { guard: "didReviewStartOnRecall", target: CustodyPhase.RECALLED, actions: "clearParoleReview" },
          { target: CustodyPhase.IN_CUSTODY, actions: "clearParoleReview" },
        ],
        ...LEAVING_THE_SENTENCE,
      },
    },
    [CustodyPhase.RELEASE_DIRECTED]: {
      on: {
        [CustodyEventType.RECONSIDERATION_APPLIED]: {
          guard: and(["isReconsiderable", "isWithinReconsiderationWindow"]),
          actions: "holdForReconsideration",
        },
        [CustodyEventType.RECONSIDERATION_REFUSED]: {
          guard: "isReconsiderationPending",
          actions: "makeReleaseDirectionFinal",
        },
        [CustodyEventType.DECISION_SET_ASIDE]: {
          description: "A fresh review: it returns where the first one would have (custody or recall).",
          guard: "isReconsiderationPending",
          target: CustodyPhase.PAROLE_REVIEW,
          actions: "clearReleaseDirection",
        },
        [CustodyEventType.RELEASED_ON_LICENCE]: RELEASE_ON_FINAL_DIRECTION,
        [CustodyEventType.RE_RELEASED]: RELEASE_ON_FINAL_DIRECTION,
        ...LEAVING_THE_SENTENCE,
      },
    },
    [CustodyPhase.RELEASED]: {
      on: {
        [CustodyEventType.RECALLED]: {
          guard: and(["isPrisonSentence", "isRecallAllowedForSentence"]),
          target: CustodyPhase.RECALLED,
          actions: "recordRecall",
        },
        [CustodyEventType.RECALLED_TO_HOSPITAL]: { guard: "isHospitalOrder", target: CustodyPhase.RECALLED },
        [CustodyEventType.ABSOLUTELY_DISCHARGED]: { guard: "isHospitalOrder", target: CustodyPhase.SENTENCE_ENDED },
        [CustodyEventType.UNLAWFULLY_AT_LARGE]: {
          description: "At large from licence is a recall first (s.254): the return is to RECALLED.",
          target: CustodyPhase.UNLAWFULLY_AT_LARGE,
          actions: "recordAtLargeOnLicence",
        },
        [CustodyEventType.LICENCE_ENDED]: { guard: "isPrisonSentence", target: CustodyPhase.SENTENCE_ENDED },
        ...LEAVING_THE_SENTENCE,
      },
    },
    [CustodyPhase.RECALLED]: {
      on: {
        [CustodyEventType.REFERRED_TO_PAROLE_BOARD]: {
          guard: "isParoleBoardRecall",
          target: CustodyPhase.PAROLE_REVIEW,
          actions: { type: "rememberWhereReviewStarted", params: { phase: CustodyPhase.RECALLED } },
        },
        [CustodyEventType.RE_RELEASED]: {
          guard: and(["isPrisonSentence", "isReleasableAfterRecallWithoutBoard"]),
          target: CustodyPhase.RELEASED,
          actions: "clearRecall",
        },
        // Recalled to hospital: detained again, until discharged again.
        ...HOSPITAL_STAGES_WHILE_DETAINED,
        ...LEAVING_THE_SENTENCE,
      },
    },
    [CustodyPhase.UNLAWFULLY_AT_LARGE]: {
      on: {
        // Absconders come back to closed conditions; open conditions must be granted again. A
        // licensee at large comes back on the recall.
        [CustodyEventType.RETURNED_TO_CUSTODY]: [
          { guard: "wasAtLargeOnLicence", target: CustodyPhase.RECALLED, actions: "clearAtLarge" },
          {
            description: "A patient absent without leave goes back to hospital, not to a prison's closed conditions.",
            guard: "isHospitalOrder",
            target: CustodyPhase.IN_CUSTODY,
          },
          { target: CustodyPhase.IN_CUSTODY, actions: "recordClosedConditions" },
        ],
        ...LEAVING_THE_SENTENCE,
      },
    },
    [CustodyPhase.SENTENCE_ENDED]: { type: "final" },
    [CustodyPhase.DECEASED]: { type: "final" },
    [CustodyPhase.REMOVED_FROM_UK]: {
      description:
        "Not final: an offender who comes back before the sentence expires is detained again under it (CJA 2003 s.261), in closed conditions, with nothing of the sentence's earlier stages pending.",
      on: {
        [CustodyEventType.RETURNED_TO_UK]: {
          target: CustodyPhase.IN_CUSTODY,
          actions: [
            "recordClosedConditions",
            "clearParoleReview",
            "clearRecall",
            "clearAtLarge",
            "clearReleaseDirection",
          ],
        },
        [CustodyEventType.DIED]: { target: CustodyPhase.DECEASED },
      },
    },
  },
});

export type CustodySnapshot = SnapshotFrom<typeof custodyMachine>;

/** Why the machine refuses an event (see explainRefusal), or null when it accepts it. */
export function explainCustodyRefusal(snapshot: CustodySnapshot, event: CustodyEvent): CustodyRefusalCode | null {
  return explainRefusal(snapshot, event, CUSTODY_GUARD_REFUSALS);
}
