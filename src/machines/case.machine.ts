import { assign, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { BoundedMemo } from "../domain/bounded-memo";
import { CaseAction, CaseStatus, CloseReason, DeclineReason } from "../domain/cases/case.enums";
import { ContactChannel, InformationLevel } from "../domain/cases/contact.enums";
import { CONTACT_ENDING_PHASES } from "../domain/custody/custody.enums";
import { closeReasonForFinalPhase, engagedStatusFor } from "./engaged-status";
import type {
  CaseContext,
  CaseEvent,
  CaseEventType,
  CaseInput,
  CaseRefusalCode,
  ContactPlanChoice,
} from "./machine-events";
import { explainRefusal } from "./explain-refusal";

// The statuses an opted-in victim with a plan moves between as the offender's phase changes.
type EngagedStatus = CaseStatus.ACTIVE | CaseStatus.PAROLE | CaseStatus.RELEASED | CaseStatus.RECALLED;
const ENGAGED: readonly EngagedStatus[] = [
  CaseStatus.ACTIVE,
  CaseStatus.PAROLE,
  CaseStatus.RELEASED,
  CaseStatus.RECALLED,
];

const INFORMATION_LEVELS: ReadonlySet<string> = new Set(Object.values(InformationLevel));

// A plan is only usable if it says how much the victim hears and every way we may reach them
// matches a contact detail we hold.
export function isValidContactPlan(plan: ContactPlanChoice, reachableChannels: readonly ContactChannel[]): boolean {
  return (
    INFORMATION_LEVELS.has(plan.informationLevel) &&
    plan.channels.length > 0 &&
    new Set(plan.channels).size === plan.channels.length &&
    plan.channels.every((channel) => reachableChannels.includes(channel))
  );
}

type CaseGuardArgs = { context: CaseContext; event: CaseEvent };
type StatusParams = { status: EngagedStatus };
type ClosedFromParams = { status: CaseStatus };

// A case the offender's removal from the UK closed reopens when they come back (issue 11 §13): an
// engaged victim's contact resumes with their plan; any other case returns to where it was, except
// an invitation, whose timers ended with the closure: the officer invites again.
const REOPENED_AS: ReadonlyArray<readonly [closedFrom: CaseStatus, reopensAs: CaseStatus]> = [
  [CaseStatus.REFERRED, CaseStatus.REFERRED],
  [CaseStatus.INVITED, CaseStatus.REFERRED],
  [CaseStatus.OPTED_IN, CaseStatus.OPTED_IN],
  [CaseStatus.DECLINED, CaseStatus.DECLINED],
  [CaseStatus.OPTED_OUT, CaseStatus.OPTED_OUT],
];

const isReturnAfterRemoval = (context: CaseContext, event: CaseEvent) =>
  event.type === "CUSTODY_CHANGED" &&
  context.closeReason === CloseReason.OFFENDER_REMOVED_FROM_UK &&
  !CONTACT_ENDING_PHASES.has(event.custodyPhase);

const isSentenceOngoing = (context: CaseContext) => !CONTACT_ENDING_PHASES.has(context.custodyPhase);

const caseGuards = {
  canReachVictimByChosenChannel: ({ context, event }: CaseGuardArgs) =>
    event.type === "SEND_INVITATION" && context.reachableChannels.includes(event.channel),
  // Nobody opts in to hear about a sentence that is over.
  isSentenceOngoing: ({ context }: CaseGuardArgs) => isSentenceOngoing(context),
  // A victim who comes back keeps the plan they agreed before, so contact resumes at once.
  canResumeAgreedPlanIn: ({ context }: CaseGuardArgs, params: StatusParams) =>
    isSentenceOngoing(context) &&
    context.contactPlan !== null &&
    engagedStatusFor(context.custodyPhase) === params.status,
  isCompletePlanLeadingTo: ({ context, event }: CaseGuardArgs, params: StatusParams) =>
    event.type === "AGREE_CONTACT_PLAN" &&
    isValidContactPlan(event, context.reachableChannels) &&
    engagedStatusFor(context.custodyPhase) === params.status,
  isNewCustodyPhaseFinal: ({ event }: CaseGuardArgs) =>
    event.type === "CUSTODY_CHANGED" && CONTACT_ENDING_PHASES.has(event.custodyPhase),
  isEngagedStatusForNewPhase: ({ event }: CaseGuardArgs, params: StatusParams) =>
    event.type === "CUSTODY_CHANGED" && engagedStatusFor(event.custodyPhase) === params.status,
  canResumeContactIn: ({ context, event }: CaseGuardArgs, params: StatusParams) =>
    isReturnAfterRemoval(context, event) &&
    (ENGAGED as readonly CaseStatus[]).includes(context.statusWhenClosed ?? CaseStatus.CLOSED) &&
    event.type === "CUSTODY_CHANGED" &&
    engagedStatusFor(event.custodyPhase) === params.status,
  wasClosedFrom: ({ context, event }: CaseGuardArgs, params: ClosedFromParams) =>
    isReturnAfterRemoval(context, event) && context.statusWhenClosed === params.status,
};

type CaseGuardName = keyof typeof caseGuards;

// What each guard checks, in words: the workflows query and docs/machines/ show them beside the
// diagram. A parameterised guard's "this status" is the status in its parameters.
export const CASE_GUARD_DESCRIPTIONS: Readonly<Record<CaseGuardName, string>> = {
  canReachVictimByChosenChannel:
    "The invitation goes by a channel the case's contacts can be reached by (an address for a letter, a phone number, an email address).",
  isSentenceOngoing: "The offender's sentence has not ended, and they have not died or been removed from the UK.",
  canResumeAgreedPlanIn:
    "The sentence is ongoing, the victim agreed a contact plan before, and the offender's custody phase is the one this status follows: contact resumes with that plan.",
  isCompletePlanLeadingTo:
    "The plan names an information level and at least one channel, none twice, each one the contacts can be reached by; and the offender's custody phase is the one this status follows.",
  isNewCustodyPhaseFinal:
    "The offender's new custody phase ends contact: the sentence ended, they died or were removed from the UK.",
  isEngagedStatusForNewPhase:
    "The offender's new custody phase is the one this status follows (in custody or at large: ACTIVE; parole review or release directed: PAROLE; released: RELEASED; recalled: RECALLED).",
  canResumeContactIn:
    "The offender, whose removal from the UK closed the case, is back under the sentence; the case was engaged when it closed, and their new custody phase is the one this status follows.",
  wasClosedFrom:
    "The offender, whose removal from the UK closed the case, is back under the sentence, and the case had this status when it closed.",
};

// The error code when an event has a transition but its guard fails; routing guards are not listed.
export const CASE_GUARD_REFUSALS: Readonly<Partial<Record<CaseGuardName, CaseRefusalCode>>> = {
  canReachVictimByChosenChannel: "INVALID_INPUT",
  isSentenceOngoing: "SENTENCE_ENDED",
  isCompletePlanLeadingTo: "INVALID_INPUT",
};

// Transitions shared by several statuses, written once so the table in DESIGN §3.2 stays readable.
// Every open case can close on request, and follows its contacts' details (status unchanged); a
// closed case has no one to contact.
const closeOnRequest = {
  CLOSE: { target: CaseStatus.CLOSED, actions: "recordCloseReason" },
  CONTACTS_CHANGED: { actions: "storeReachableChannels" },
} as const;

const closeWhenSentenceEnds = (status: CaseStatus) =>
  ({
    guard: "isNewCustodyPhaseFinal",
    target: CaseStatus.CLOSED,
    actions: [
      "storeCustodyPhase",
      "recordCloseReasonForFinalPhase",
      { type: "rememberStatusWhenClosed", params: { status } },
    ],
  }) as const;

// Not engaged: the case only remembers the phase, so a later opt-in lands in the right place.
const followCustodyWhileNotEngaged = (status: CaseStatus) =>
  ({
    CUSTODY_CHANGED: [closeWhenSentenceEnds(status), { actions: "storeCustodyPhase" }],
  }) as const;

const followCustodyWhileEngaged = (from: EngagedStatus) => ({
  CUSTODY_CHANGED: [
    closeWhenSentenceEnds(from),
    ...ENGAGED.map(
      (status) =>
        ({
          guard: { type: "isEngagedStatusForNewPhase", params: { status } },
          target: status,
          actions: "storeCustodyPhase",
        }) as const,
    ),
  ],
});

const agreeContactPlan = {
  AGREE_CONTACT_PLAN: ENGAGED.map(
    (status) =>
      ({
        guard: { type: "isCompletePlanLeadingTo", params: { status } },
        target: status,
        actions: "storeContactPlan",
      }) as const,
  ),
} as const;

const optBackIn = {
  RECORD_OPT_IN: [
    ...ENGAGED.map(
      (status) =>
        ({
          guard: { type: "canResumeAgreedPlanIn", params: { status } },
          target: status,
          actions: "clearDeclineReason",
        }) as const,
    ),
    { guard: "isSentenceOngoing", target: CaseStatus.OPTED_IN, actions: "clearDeclineReason" },
  ],
} as const;

const engagedState = (status: EngagedStatus) =>
  ({
    on: {
      ...agreeContactPlan,
      RECORD_OPT_OUT: { target: CaseStatus.OPTED_OUT },
      ...followCustodyWhileEngaged(status),
      ...closeOnRequest,
    },
  }) as const;

const reopenOnReturnToUk = {
  CUSTODY_CHANGED: [
    ...ENGAGED.map(
      (status) =>
        ({ guard: { type: "canResumeContactIn", params: { status } }, target: status, actions: "reopen" }) as const,
    ),
    ...REOPENED_AS.map(
      ([closedFrom, reopensAs]) =>
        ({
          guard: { type: "wasClosedFrom", params: { status: closedFrom } },
          target: reopensAs,
          actions: "reopen",
        }) as const,
    ),
  ],
} as const;

export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  guards: caseGuards,
  actions: {
    countInvitation: assign({ invitationsSent: ({ context }) => context.invitationsSent + 1 }),
    recordDecline: assign((_, params: { reason: DeclineReason }) => ({ declineReason: params.reason })),
    clearDeclineReason: assign({ declineReason: null }),
    storeContactPlan: assign({
      contactPlan: ({ context, event }) =>
        event.type === "AGREE_CONTACT_PLAN"
          ? { informationLevel: event.informationLevel, channels: [...event.channels] }
          : context.contactPlan,
    }),
    storeCustodyPhase: assign({
      custodyPhase: ({ context, event }) =>
        event.type === "CUSTODY_CHANGED" ? event.custodyPhase : context.custodyPhase,
    }),
    recordCloseReasonForFinalPhase: assign({
      closeReason: ({ context, event }) =>
        event.type === "CUSTODY_CHANGED" ? closeReasonForFinalPhase(event.custodyPhase) : context.closeReason,
    }),
    rememberStatusWhenClosed: assign((_, params: { status: CaseStatus }) => ({ statusWhenClosed: params.status })),
    reopen: assign({
      custodyPhase: ({ context, event }) =>
        event.type === "CUSTODY_CHANGED" ? event.custodyPhase : context.custodyPhase,
      closeReason: null,
      statusWhenClosed: null,
    }),
    storeReachableChannels: assign({
      reachableChannels: ({ context, event }) =>
        event.type === "CONTACTS_CHANGED" ? [...event.reachableChannels] : context.reachableChannels,
    }),
    recordCloseReason: assign({
      closeReason: ({ context, event }) => (event.type === "CLOSE" ? event.reason : context.closeReason),
    }),
  },
}).createMachine({
  id: "victimCase",
  description:
    "A victim's case in the scheme: referred, invited, opted in or declined, then engaged (active, parole, released, recalled) as the offender's custody changes, until it is closed.",
  initial: CaseStatus.REFERRED,
  context: ({ input }) => ({
    custodyPhase: input.custodyPhase,
    reachableChannels: [...input.reachableChannels],
    contactPlan: null,
    declineReason: null,
    invitationsSent: 0,
    closeReason: null,
    statusWhenClosed: null,
  }),
  states: {
    [CaseStatus.REFERRED]: {
      on: {
        SEND_INVITATION: {
          guard: "canReachVictimByChosenChannel",
          target: CaseStatus.INVITED,
          actions: "countInvitation",
        },
        ...followCustodyWhileNotEngaged(CaseStatus.REFERRED),
        ...closeOnRequest,
      },
    },
    [CaseStatus.INVITED]: {
      on: {
        SEND_INVITATION: {
          description: "A follow-up: recorded, the case stays invited.",
          guard: "canReachVictimByChosenChannel",
          actions: "countInvitation",
        },
        RECORD_OPT_IN: { guard: "isSentenceOngoing", target: CaseStatus.OPTED_IN, actions: "clearDeclineReason" },
        RECORD_DECLINE: {
          target: CaseStatus.DECLINED,
          actions: { type: "recordDecline", params: { reason: DeclineReason.DECLINED } },
        },
        INVITATION_EXPIRED: {
          description: "Silence is treated as a decline; the victim can still opt in later.",
          target: CaseStatus.DECLINED,
          actions: { type: "recordDecline", params: { reason: DeclineReason.NO_RESPONSE } },
        },
        ...followCustodyWhileNotEngaged(CaseStatus.INVITED),
        ...closeOnRequest,
      },
    },
    [CaseStatus.OPTED_IN]: {
      on: {
        ...agreeContactPlan,
        RECORD_OPT_OUT: { target: CaseStatus.OPTED_OUT },
        ...followCustodyWhileNotEngaged(CaseStatus.OPTED_IN),
        ...closeOnRequest,
      },
    },
    [CaseStatus.DECLINED]: {
      description: "A victim can change their mind at any time.",
      on: { ...optBackIn, ...followCustodyWhileNotEngaged(CaseStatus.DECLINED), ...closeOnRequest },
    },
    [CaseStatus.ACTIVE]: engagedState(CaseStatus.ACTIVE),
    [CaseStatus.PAROLE]: engagedState(CaseStatus.PAROLE),
    [CaseStatus.RELEASED]: engagedState(CaseStatus.RELEASED),
    [CaseStatus.RECALLED]: engagedState(CaseStatus.RECALLED),
    [CaseStatus.OPTED_OUT]: {
      on: { ...optBackIn, ...followCustodyWhileNotEngaged(CaseStatus.OPTED_OUT), ...closeOnRequest },
    },
    [CaseStatus.CLOSED]: {
      description: "Closed for good, except by the offender's removal from the UK: their return reopens it.",
      on: reopenOnReturnToUk,
    },
  },
});

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** Why the machine refuses an event (see explainRefusal), or null when it accepts it. */
export function explainCaseRefusal(snapshot: CaseSnapshot, event: CaseEvent): CaseRefusalCode | null {
  return explainRefusal(snapshot, event, CASE_GUARD_REFUSALS);
}

// The event each user-facing action sends (CaseAction is what the API exposes as availableActions).
export const CASE_ACTION_EVENTS: Readonly<Record<CaseAction, CaseEventType>> = {
  [CaseAction.SEND_INVITATION]: "SEND_INVITATION",
  [CaseAction.RECORD_OPT_IN]: "RECORD_OPT_IN",
  [CaseAction.RECORD_DECLINE]: "RECORD_DECLINE",
  [CaseAction.AGREE_CONTACT_PLAN]: "AGREE_CONTACT_PLAN",
  [CaseAction.RECORD_OPT_OUT]: "RECORD_OPT_OUT",
  [CaseAction.CLOSE]: "CLOSE",
};

// Events a user could send now, built from the context: an action is offered when at least one
// well-formed request for it would be accepted.
function representativeEvents(action: CaseAction, context: CaseContext): CaseEvent[] {
  switch (action) {
    case CaseAction.SEND_INVITATION:
      return context.reachableChannels.map((channel) => ({ type: "SEND_INVITATION", channel }));
    case CaseAction.RECORD_OPT_IN:
      return [{ type: "RECORD_OPT_IN" }];
    case CaseAction.RECORD_DECLINE:
      return [{ type: "RECORD_DECLINE" }];
    case CaseAction.AGREE_CONTACT_PLAN:
      return context.reachableChannels.slice(0, 1).map((channel) => ({
        type: "AGREE_CONTACT_PLAN",
        informationLevel: context.contactPlan?.informationLevel ?? InformationLevel.KEY_STAGES,
        channels: [channel],
      }));
    case CaseAction.RECORD_OPT_OUT:
      return [{ type: "RECORD_OPT_OUT" }];
    case CaseAction.CLOSE:
      return [{ type: "CLOSE", reason: CloseReason.OTHER }];
  }
}

// What a refused action is asked as when no well-formed request for it exists (no channel reachable).
const FALLBACK_EVENTS: Partial<Record<CaseAction, CaseEvent>> = {
  [CaseAction.SEND_INVITATION]: { type: "SEND_INVITATION", channel: ContactChannel.LETTER },
  [CaseAction.AGREE_CONTACT_PLAN]: {
    type: "AGREE_CONTACT_PLAN",
    informationLevel: InformationLevel.KEY_STAGES,
    channels: [ContactChannel.LETTER],
  },
};

/**
 * The actions the case's status or details refuse now, each with the event it was asked as and the
 * code its mutation would answer: what a screen shows beside a disabled button.
 */
export function refusedCaseActions(
  snapshot: CaseSnapshot,
): { action: CaseAction; event: CaseEvent; code: CaseRefusalCode }[] {
  return Object.values(CaseAction).flatMap((action) => {
    const events = representativeEvents(action, snapshot.context);
    if (events.some((event) => snapshot.can(event))) return [];
    const event = events[0] ?? FALLBACK_EVENTS[action]!;
    return [{ action, event, code: explainCaseRefusal(snapshot, event) ?? "TRANSITION_NOT_ALLOWED" }];
  });
}

export function availableCaseActions(snapshot: CaseSnapshot): CaseAction[] {
  return Object.values(CaseAction).filter((action) =>
    representativeEvents(action, snapshot.context).some((event) => snapshot.can(event)),
  );
}

// Every field of the context, written out: JSON.stringify of each case's context was 2 % of a page
// of 50 (issue 15 §4). A field added to CaseContext and not here fails to compile (`unlisted`).
function stateKey(status: CaseStatus, context: CaseContext): string {
  const {
    custodyPhase,
    reachableChannels,
    contactPlan,
    declineReason,
    invitationsSent,
    closeReason,
    statusWhenClosed,
    ...unlisted
  } = context;
  unlisted satisfies Record<string, never>;
  const plan = contactPlan ? `${contactPlan.informationLevel}:${contactPlan.channels.join(",")}` : "none";
  return `${status}|${custodyPhase}|${reachableChannels.join(",")}|${plan}|${declineReason}|${invitationsSent}|${closeReason}|${statusWhenClosed}`;
}

// Stored cases share few states (a status, a custody phase, the channels, a plan…), and asking
// the machine costs a snapshot and a trial transition per action: a page of 50 cases asked 450.
const ACTIONS_BY_STATE = new BoundedMemo<string, readonly CaseAction[]>(2_000);

/** availableCaseActions of a stored case's status and context, worked out once per distinct state. */
export function availableCaseActionsOf(status: CaseStatus, context: CaseContext): readonly CaseAction[] {
  return ACTIONS_BY_STATE.answer(stateKey(status, context), () =>
    Object.freeze(availableCaseActions(caseMachine.resolveState({ value: status, context }))),
  );
}
