import { initialTransition, transition } from "xstate";
import { getShortestPaths } from "xstate/graph";
import type { StatePath } from "xstate/graph";
import { CaseStatus, CloseReason } from "../../src/domain/cases/case.enums";
import { ContactChannel, InformationLevel } from "../../src/domain/cases/contact.enums";
import {
  CustodyEventType,
  CustodyPhase,
  ParoleOutcome,
  RecallType,
  UnlawfullyAtLargeKind,
} from "../../src/domain/custody/custody.enums";
import { availableCaseActions, caseMachine, type CaseSnapshot } from "../../src/machines/case.machine";
import type { CaseEvent, CustodyChangedEvent } from "../../src/machines/machine-events";
import {
  AGREE_CONTACT_PLAN,
  CLOSE_CASE,
  createOffender,
  getCase,
  mutate,
  RECORD_CUSTODY_EVENT,
  RECORD_DECLINE,
  RECORD_OPT_IN,
  RECORD_OPT_OUT,
  referCase,
  SEND_INVITATION,
  type CasePayload,
  type CaseView,
  type CustodyPayload,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// Model-based test (DESIGN §3.2): getShortestPaths (xstate/graph) walks the pure case machine to
// every state and every status-level transition it accepts, and each path is replayed through the
// GraphQL API on a fresh offender and case (custody events reach all of an offender's cases). After
// each step the case the API returns must match the machine's snapshot at that step: status,
// availableActions, context fields, version and the history row the step appended.

// An EDS offender can be referred to the Parole Board and also released automatically, so every
// custody phase below can be reached from IN_CUSTODY (createOffender starts there).
const EDS_SENTENCE = {
  type: "EDS",
  sentenceDate: "2020-01-01",
  lengthMonths: 96,
  extensionMonths: 48,
  offenceCategory: "VIOLENT",
};
const CUSTODY_EVENT_DATE = "2026-02-01";
const AFTER_RECONSIDERATION_WINDOW = "2026-02-23";

// contactInput() gives the contact an address, a phone and an email: every channel is reachable.
const MACHINE_INPUT = {
  custodyPhase: CustodyPhase.IN_CUSTODY,
  reachableChannels: [ContactChannel.LETTER, ContactChannel.PHONE, ContactChannel.EMAIL],
};

// INVITATION_EXPIRED is left out on purpose: it is a durable timer with no mutation yet, so the
// API cannot replay it. DECLINED is still reached through RECORD_DECLINE.
const CASE_EVENTS: readonly CaseEvent[] = [
  { type: "SEND_INVITATION", channel: ContactChannel.LETTER },
  { type: "RECORD_OPT_IN" },
  { type: "RECORD_DECLINE" },
  {
    type: "AGREE_CONTACT_PLAN",
    informationLevel: InformationLevel.KEY_STAGES,
    channels: [ContactChannel.LETTER, ContactChannel.EMAIL],
  },
  { type: "RECORD_OPT_OUT" },
  { type: "CLOSE", reason: CloseReason.OTHER },
];

type CustodyEventInput = {
  type: CustodyEventType;
  outcome?: ParoleOutcome;
  recallType?: RecallType;
  unlawfullyAtLargeKind?: UnlawfullyAtLargeKind;
  occurredOn?: string;
};

// CUSTODY_CHANGED has no mutation of its own: recordCustodyEvent moves the offender and fans the
// change out to the case. Each CUSTODY_CHANGED{phase} step is realised by exactly ONE custody event
// from the offender's current phase, so that one step = one history row on the case and no
// intermediate phase changes the case's status behind the model's back. The traversal is therefore
// only offered the phases listed here for the case's current custodyPhase. Left out, and why:
// - PAROLE_REVIEW → IN_CUSTODY / RECALLED (PAROLE_DECISION NO_RELEASE): where a review returns to
//   lives in the custody machine's context (reviewReturnPhase), which the case snapshot does not
//   hold, so the model could not tell which phase the API would produce;
// - same-phase key stages (MOVED_TO_OPEN_CONDITIONS, TEMPORARY_RELEASE, …): the case's context does
//   not change (its custodyPhase stays IN_CUSTODY), so they add nothing to the model but run time;
// - RELEASE_DIRECTED → PAROLE_REVIEW (DECISION_SET_ASIDE): it takes an application first;
// - RECALLED → RELEASED: an EDS licensee is re-released only through the Board (s.255B), which
//   is RECALLED → PAROLE_REVIEW → RELEASE_DIRECTED → RELEASED, all listed;
// - RELEASED → UNLAWFULLY_AT_LARGE: at large from licence is a recall, so the return goes to
//   RECALLED, not to the IN_CUSTODY the at-large phase otherwise returns to; the custody machine's
//   context (atLargeOnLicence), which the case snapshot does not hold, decides which;
// - other phase changes the custody machine has no single event for (e.g. IN_CUSTODY → RECALLED).
const CUSTODY_ROUTES: Readonly<Record<CustodyPhase, Partial<Record<CustodyPhase, CustodyEventInput>>>> = {
  [CustodyPhase.IN_CUSTODY]: {
    [CustodyPhase.PAROLE_REVIEW]: { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
    [CustodyPhase.RELEASED]: { type: CustodyEventType.RELEASED_ON_LICENCE },
    [CustodyPhase.UNLAWFULLY_AT_LARGE]: {
      type: CustodyEventType.UNLAWFULLY_AT_LARGE,
      unlawfullyAtLargeKind: UnlawfullyAtLargeKind.ESCAPED,
    },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
    [CustodyPhase.REMOVED_FROM_UK]: { type: CustodyEventType.REMOVED_FROM_UK },
  },
  [CustodyPhase.PAROLE_REVIEW]: {
    [CustodyPhase.RELEASE_DIRECTED]: { type: CustodyEventType.PAROLE_DECISION, outcome: ParoleOutcome.RELEASE },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
    [CustodyPhase.REMOVED_FROM_UK]: { type: CustodyEventType.REMOVED_FROM_UK },
  },
  // Released once the direction is final: after the 21-day window of a decision on an EDS.
  [CustodyPhase.RELEASE_DIRECTED]: {
    [CustodyPhase.RELEASED]: { type: CustodyEventType.RELEASED_ON_LICENCE, occurredOn: AFTER_RECONSIDERATION_WINDOW },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
    [CustodyPhase.REMOVED_FROM_UK]: { type: CustodyEventType.REMOVED_FROM_UK },
  },
  [CustodyPhase.RELEASED]: {
    [CustodyPhase.RECALLED]: { type: CustodyEventType.RECALLED, recallType: RecallType.STANDARD },
    [CustodyPhase.SENTENCE_ENDED]: { type: CustodyEventType.LICENCE_ENDED },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
    [CustodyPhase.REMOVED_FROM_UK]: { type: CustodyEventType.REMOVED_FROM_UK },
  },
  [CustodyPhase.RECALLED]: {
    [CustodyPhase.PAROLE_REVIEW]: { type: CustodyEventType.REFERRED_TO_PAROLE_BOARD },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
    [CustodyPhase.REMOVED_FROM_UK]: { type: CustodyEventType.REMOVED_FROM_UK },
  },
  [CustodyPhase.UNLAWFULLY_AT_LARGE]: {
    [CustodyPhase.IN_CUSTODY]: { type: CustodyEventType.RETURNED_TO_CUSTODY },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
    [CustodyPhase.REMOVED_FROM_UK]: { type: CustodyEventType.REMOVED_FROM_UK },
  },
  [CustodyPhase.SENTENCE_ENDED]: {},
  [CustodyPhase.DECEASED]: {},
  // Back before the sentence expired (CJA 2003 s.261), or died abroad.
  [CustodyPhase.REMOVED_FROM_UK]: {
    [CustodyPhase.IN_CUSTODY]: { type: CustodyEventType.RETURNED_TO_UK },
    [CustodyPhase.DECEASED]: { type: CustodyEventType.DIED },
  },
};

function custodyChangesFrom(phase: CustodyPhase): CustodyChangedEvent[] {
  return (Object.keys(CUSTODY_ROUTES[phase]) as CustodyPhase[]).map((custodyPhase) => ({
    type: "CUSTODY_CHANGED",
    custodyPhase,
  }));
}

// What makes two snapshots the same vertex of the graph. The default serializer uses the whole
// context, and invitationsSent grows without bound on the INVITED follow-up loop: keep it only while
// INVITED, capped at 2, so the follow-up invitation is a vertex of its own. The rest of the context
// (custody phase, plan, reasons) distinguishes vertices as usual.
// `via` (the status it came from and the event) makes every status-level transition a vertex of
// its own, so the shortest paths cover each way into a state, not only the first one found: e.g.
// RECORD_OPT_IN from DECLINED and from OPTED_OUT, or CLOSE from every status.
// Consequence: a path step's snapshot stands for its vertex and may have been reached by another
// path (with another invitationsSent), so the test replays each path's events on the pure machine
// to get the exact snapshot to compare with.
function serializeCaseState(snapshot: CaseSnapshot, event: CaseEvent | undefined, previous?: CaseSnapshot): string {
  const { invitationsSent, ...context } = snapshot.context;
  const invitations = snapshot.value === CaseStatus.INVITED ? Math.min(invitationsSent, 2) : undefined;
  const via = previous && event ? `${String(previous.value)} ${event.type}` : undefined;
  return JSON.stringify({ value: snapshot.value, context, invitations, via });
}

type CasePath = StatePath<CaseSnapshot, CaseEvent>;

function eventKey(path: CasePath): string {
  return path.steps
    .slice(1)
    .map((step) => `${JSON.stringify(step.event)}|`)
    .join("");
}

// Every step of a path that is a prefix of a longer one is checked by the longer one too.
function dropPrefixPaths(paths: CasePath[]): CasePath[] {
  const keys = paths.map(eventKey);
  return paths.filter(
    (_, i) => !keys.some((other, j) => j !== i && other.length > keys[i].length && other.startsWith(keys[i])),
  );
}

// steps[0] is the machine's initial state (event xstate.init): the referral. Every later step is
// { event, state after the event }.
const PATHS: CasePath[] = dropPrefixPaths(
  getShortestPaths(caseMachine, {
    input: MACHINE_INPUT,
    events: (snapshot) => [...CASE_EVENTS, ...custodyChangesFrom(snapshot.context.custodyPhase)],
    // A refused event leaves the snapshot as it was; with `via` it would look like a new vertex,
    // but it is not a transition (the API answers it with a userError), so it is not explored.
    filterEvents: (snapshot, event) => snapshot.can(event),
    serializeState: serializeCaseState,
  }),
);

function eventLabel(event: CaseEvent): string {
  return event.type === "CUSTODY_CHANGED" ? `CUSTODY_CHANGED(${event.custodyPhase})` : event.type;
}

function pathName(path: CasePath): string {
  return path.steps
    .map((step, i) => (i === 0 ? String(step.state.value) : `${eventLabel(step.event)} → ${String(step.state.value)}`))
    .join(" → ");
}

const STATUSES = Object.values(CaseStatus);

// What the API should show for a case in this machine snapshot.
function expectedView(snapshot: CaseSnapshot) {
  const status = snapshot.value as CaseStatus;
  return {
    status,
    availableActions: availableCaseActions(snapshot),
    custodyPhase: snapshot.context.custodyPhase,
    contactPlan: snapshot.context.contactPlan,
    invitationsSent: snapshot.context.invitationsSent,
    declineReason: status === CaseStatus.DECLINED ? snapshot.context.declineReason : null,
    closeReason: status === CaseStatus.CLOSED ? snapshot.context.closeReason : null,
  };
}

function observedView(victimCase: CaseView) {
  return {
    status: victimCase.status,
    availableActions: victimCase.availableActions,
    custodyPhase: victimCase.offender.custodyPhase,
    contactPlan: victimCase.contactPlan,
    invitationsSent: victimCase.invitationsSent,
    declineReason: victimCase.declineReason,
    closeReason: victimCase.closeReason,
  };
}

describe("model-based paths through the case machine", () => {
  it("should reach every case status on the generated paths", () => {
    const reached = new Set(PATHS.flatMap((path) => path.steps.map((step) => step.state.value)));
    expect(STATUSES.filter((status) => !reached.has(status))).toEqual([]);
  });
});

describe.each(ENGINES)("model-based case lifecycle (%s)", (engine) => {
  let h: Harness;
  const visited = new Set<string>();

  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  // Sends the step's event through the API: a case mutation, or for CUSTODY_CHANGED the one custody
  // event that moves the offender from its current phase to the new one.
  async function applyStep(caseId: string, offenderId: string, before: CaseSnapshot, event: CaseEvent): Promise<void> {
    let payload: CasePayload | CustodyPayload;
    switch (event.type) {
      case "SEND_INVITATION":
        payload = await mutate(h, SEND_INVITATION, { caseId, channel: event.channel });
        break;
      case "RECORD_OPT_IN":
        payload = await mutate(h, RECORD_OPT_IN, { caseId });
        break;
      case "RECORD_DECLINE":
        payload = await mutate(h, RECORD_DECLINE, { caseId });
        break;
      case "AGREE_CONTACT_PLAN":
        payload = await mutate(h, AGREE_CONTACT_PLAN, {
          caseId,
          informationLevel: event.informationLevel,
          channels: event.channels,
        });
        break;
      case "RECORD_OPT_OUT":
        payload = await mutate(h, RECORD_OPT_OUT, { caseId });
        break;
      case "CLOSE":
        payload = await mutate(h, CLOSE_CASE, { caseId, reason: event.reason });
        break;
      case "CUSTODY_CHANGED": {
        const custodyEvent = CUSTODY_ROUTES[before.context.custodyPhase][event.custodyPhase];
        if (!custodyEvent)
          throw new Error(`no custody event moves ${before.context.custodyPhase} to ${event.custodyPhase}`);
        payload = await mutate<CustodyPayload>(h, RECORD_CUSTODY_EVENT, {
          offenderId,
          occurredOn: CUSTODY_EVENT_DATE,
          ...custodyEvent,
        });
        expect({
          userErrors: payload.userErrors,
          custodyPhase: payload.offender?.custodyPhase,
          affectedCaseCount: payload.affectedCaseCount,
        }).toEqual({
          userErrors: [],
          custodyPhase: event.custodyPhase,
          // The offender's one case; the feed (a system) is shown none of it.
          affectedCaseCount: 1,
        });
        return;
      }
      case "INVITATION_EXPIRED":
        throw new Error("INVITATION_EXPIRED has no mutation and is not part of the traversal");
      case "CONTACTS_CHANGED":
        throw new Error("CONTACTS_CHANGED changes no status and is not part of the traversal (see case-contacts)");
    }
    expect({ event: event.type, userErrors: payload.userErrors }).toEqual({ event: event.type, userErrors: [] });
  }

  it.each(PATHS.map((path) => [pathName(path), path] as const))("%s", async (_name, path) => {
    const offender = await createOffender(h, {}, EDS_SENTENCE);
    const referred = await referCase(h, offender.id);
    const [, ...steps] = path.steps;
    let [before] = initialTransition(caseMachine, MACHINE_INPUT);
    expect(observedView(referred)).toEqual(expectedView(before));
    expect(referred.history.totalCount).toBe(1);
    visited.add(referred.status);

    for (const [index, { event, state: pathState }] of steps.entries()) {
      const label = `step ${index + 1}: ${eventLabel(event)}`;
      const [state] = transition(caseMachine, before, event);
      expect({ label, status: state.value }).toEqual({ label, status: pathState.value });
      await applyStep(referred.id, offender.id, before, event);
      const victimCase = (await getCase(h, referred.id))!;
      const last = victimCase.history.nodes[victimCase.history.nodes.length - 1];
      expect({
        label,
        ...observedView(victimCase),
        version: victimCase.version,
        historyCount: victimCase.history.totalCount,
        lastTransition: {
          event: last.event,
          fromStatus: last.fromStatus,
          toStatus: last.toStatus,
          ...(event.type === "CUSTODY_CHANGED" ? { reason: last.reason } : {}),
        },
      }).toEqual({
        label,
        ...expectedView(state),
        version: referred.version + index + 1,
        // The REFERRED row plus one row per step.
        historyCount: 1 + index + 1,
        lastTransition: {
          event: event.type,
          fromStatus: before.value,
          toStatus: state.value,
          ...(event.type === "CUSTODY_CHANGED"
            ? { reason: CUSTODY_ROUTES[before.context.custodyPhase][event.custodyPhase]!.type }
            : {}),
        },
      });
      visited.add(victimCase.status);
      before = state;
    }
  });

  it("should have visited every case status through the API", () => {
    expect(STATUSES.filter((status) => !visited.has(status))).toEqual([]);
  });
});
