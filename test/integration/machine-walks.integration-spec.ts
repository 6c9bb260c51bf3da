import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from "xstate";
import { custodyMachine } from "../../src/machines/custody.machine";
import {
  availableLicenceConditionEvents,
  licenceConditionRequestMachine,
  type LicenceConditionRequestEvent,
  type LicenceConditionRequestSnapshot,
} from "../../src/machines/licence-condition-request.machine";
import type { CustodyEvent, CustodyInput } from "../../src/machines/machine-events";
import {
  availableNotificationEvents,
  MAX_ATTEMPTS,
  notificationMachine,
  type NotificationEvent,
  type NotificationSnapshot,
} from "../../src/machines/notification.machine";
import type { ParoleReviewContext, ParoleReviewEvent } from "../../src/machines/parole-review-events";
import {
  openVictimSteps,
  paroleReviewMachine,
  type ParoleReviewSnapshot,
} from "../../src/machines/parole-review.machine";
import {
  explainStatementRefusal,
  NO_STATEMENT,
  personalStatementMachine,
  personalStatementSnapshot,
  type PersonalStatementEvent,
  type PersonalStatementSnapshot,
} from "../../src/machines/personal-statement.machine";
import { StatementStatus } from "../../src/domain/parole/parole.enums";
import {
  availableTaskEvents,
  taskMachine,
  type TaskContext,
  type TaskEvent,
  type TaskSnapshot,
} from "../../src/machines/task.machine";
import {
  CLOSE_CASE,
  contactInput,
  createOffender,
  optedInCase,
  RECORD_CUSTODY_EVENT,
  RECORD_OPT_OUT,
  referCase,
  rootField,
  SEND_INVITATION,
  successfulStep,
  type CaseView,
  type Payload,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";
import {
  definedEdges,
  definedStates,
  edgeKey,
  planWalks,
  replayPure,
  type Walk,
  type WalkConfig,
} from "../support/machine-walk";

// Model-based walks (DESIGN §3, §4) of every machine other than the victim case's (that one has
// model-based.integration-spec.ts): custody, parole review, licence-condition request, notification,
// task and personal statement (the timer machine has no mutation: timers.integration-spec.ts drives
// its states). For each machine, getShortestPaths (xstate/graph) plans a shortest walk of the pure
// machine to each (from, event, to) edge of its definition; each walk is replayed through the
// GraphQL API on a record of its own, and after every step the record read back through GraphQL
// must show the state (and what follows from it: version, available actions, the context the API
// exposes) of the pure machine's `transition`. At the end, every state and every edge must have
// been driven through the API, except the edges listed in the model's `notDrivable` with a reason;
// the edges come from the machine's definition, so a new transition without a walk fails the test.
// A model that gives `refusals` also sends, in every state a walk reaches, each event the pure
// machine refuses there: the API must answer with the machine's refusal code and change nothing.

// ---- Dates: the server's today is the date in England (London).

const DAY_MS = 86_400_000;
const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const TODAY = LONDON_DAY.format(new Date());
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** When the custody walks' events happened (custody events may not be in the future). */
const CUSTODY_EVENT_DATE = addDays(TODAY, -30);
/** When the parole walks' offender is referred to the Board; the decision is issued today. */
const REFERRED_ON = addDays(TODAY, -10);
/** The target hearing, and where it is moved to: far enough ahead that every victim window is open today. */
const HEARING = addDays(TODAY, 150);
const MOVED_HEARING = addDays(TODAY, 180);

// ---- Sentences

// An extended sentence goes to the Parole Board and is also released automatically at the end of its
// custodial term; a 3-year SDS for violence is released automatically and may be released early on
// a curfew (the only custody edge an EDS cannot take).
const EDS = {
  type: "EDS",
  sentenceDate: "2020-01-01",
  lengthMonths: 96,
  extensionMonths: 48,
  offenceCategory: "VIOLENT",
};
const SDS = { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT" };
// A restricted hospital order: its own stages, from detention to absolute discharge (issue 11 §12).
const HOSPITAL_ORDER = { type: "HOSPITAL_ORDER", sentenceDate: "2024-01-15", offenceCategory: "VIOLENT" };

// ---- GraphQL

/** A GraphQL document that names the shape of the root field it reads. */
type Document<T> = string & { readonly __shape?: T };
const typed = <T>(text: string) => text as Document<T>;

interface RecordView {
  status: string;
  version: number;
  availableActions: string[];
}
interface OffenderCustodyView {
  custodyPhase: string;
  version: number;
  paroleReviews: { id: string; status: string }[];
}
interface ParoleReviewView {
  status: string;
  version: number;
  targetHearingDate: string | null;
  hearingType: string | null;
  outcome: string | null;
  decisionIssuedOn: string | null;
  openVictimSteps: string[];
}
interface StatementView {
  status: string;
  submittedOn: string | null;
  format: string | null;
  paroleReview: { id: string };
}

const ERRORS = `userErrors { code message field }`;
const OFFENDER_CUSTODY = typed<OffenderCustodyView>(
  `query ($id: ID!) { offender(id: $id) { custodyPhase version paroleReviews { id status } } }`,
);
const PAROLE_REVIEW = typed<ParoleReviewView>(
  `query ($id: ID!) { node(id: $id) { ... on ParoleReview { status version targetHearingDate hearingType outcome decisionIssuedOn openVictimSteps } } }`,
);
const SCHEDULE_HEARING = `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { ${ERRORS} } }`;
const PAROLE_DECISION = `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { ${ERRORS} } }`;
const INVITE_STATEMENT = `mutation ($input: InviteVictimPersonalStatementInput!) { inviteVictimPersonalStatement(input: $input) { ${ERRORS} } }`;
const SUBMIT_STATEMENT = `mutation ($input: SubmitVictimPersonalStatementInput!) { submitVictimPersonalStatement(input: $input) { ${ERRORS} } }`;
const APPLY_TO_OBSERVE = `mutation ($input: ApplyToObserveParoleHearingInput!) { applyToObserveParoleHearing(input: $input) { ${ERRORS} } }`;
const APPLY_FOR_PUBLIC_HEARING = `mutation ($input: ApplyForPublicParoleHearingInput!) { applyForPublicParoleHearing(input: $input) { ${ERRORS} } }`;
const REQUEST_RECONSIDERATION = `mutation ($input: RequestParoleReconsiderationInput!) { requestParoleReconsideration(input: $input) { ${ERRORS} } }`;
const REQUEST_DECISION_SUMMARY = `mutation ($input: RequestParoleDecisionSummaryInput!) { requestParoleDecisionSummary(input: $input) { ${ERRORS} } }`;
const REQUEST_CONDITION = typed<Payload & { licenceConditionRequest: { id: string } }>(
  `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { id } ${ERRORS} } }`,
);
const FORWARD_CONDITION = `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { ${ERRORS} } }`;
const DECIDE_CONDITION = `mutation ($input: RecordLicenceConditionDecisionInput!) { recordLicenceConditionDecision(input: $input) { ${ERRORS} } }`;
const WITHDRAW_CONDITION = `mutation ($input: WithdrawLicenceConditionRequestInput!) { withdrawLicenceConditionRequest(input: $input) { ${ERRORS} } }`;
const LICENCE_CONDITION = typed<RecordView>(
  `query ($id: ID!) { node(id: $id) { ... on LicenceConditionRequest { status version availableActions } } }`,
);
const CASE_NOTIFICATIONS = typed<{ notifications: { id: string }[] }>(
  `query ($id: ID!) { victimCase(id: $id) { notifications { id } } }`,
);
const NOTIFICATION = typed<RecordView & { attempts: number }>(
  `query ($id: ID!) { node(id: $id) { ... on Notification { status version attempts availableActions } } }`,
);
const NOTIFICATION_SENT = `mutation ($input: RecordNotificationSentInput!) { recordNotificationSent(input: $input) { ${ERRORS} } }`;
const NOTIFICATION_FAILED = `mutation ($input: RecordNotificationFailedInput!) { recordNotificationFailed(input: $input) { ${ERRORS} } }`;
const NOTIFICATION_ACKNOWLEDGED = `mutation ($input: RecordNotificationAcknowledgedInput!) { recordNotificationAcknowledged(input: $input) { ${ERRORS} } }`;
const CASE_TASKS = typed<{ tasks: { id: string; kind: string }[] }>(
  `query ($id: ID!) { victimCase(id: $id) { tasks { id kind } } }`,
);
const TASK = typed<RecordView & { kind: string; closedReason: string | null }>(
  `query ($id: ID!) { node(id: $id) { ... on Task { status version kind availableActions closedReason } } }`,
);
const COMPLETE_TASK = `mutation ($input: CompleteTaskInput!) { completeTask(input: $input) { ${ERRORS} } }`;
const ADD_CONTACT = `mutation ($input: AddCaseContactInput!) { addCaseContact(input: $input) { ${ERRORS} } }`;

// ---- The walk machinery

/** What a walk step may use: the harness, and set-up shared by the walks of one engine where sharing is safe. */
interface WalkContext {
  h: Harness;
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
}

/** A record as read back through GraphQL: its status (the machine's state), version and what else the model compares. */
type Observed = { status: string; version: number } & Record<string, unknown>;

interface NotDrivable {
  /** "timer": only a durable timer sends the event; "unreachable": the pure machine cannot take it either. */
  kind: "timer" | "unreachable";
  reason: string;
}

interface ApiModel<TEvent extends EventObject, TConfig extends WalkConfig, TSubject> {
  name: string;
  machine: AnyStateMachine;
  configs: readonly TConfig[];
  /** The events the API can send from this snapshot in this set-up. */
  events(snapshot: AnyMachineSnapshot, config: TConfig): readonly TEvent[];
  /** Every event of the machine, routed through the API or not (to show an unreachable edge is unreachable). */
  allEvents?(snapshot: AnyMachineSnapshot): readonly TEvent[];
  /** The context the machine's guards read, beyond the state. */
  vertex(snapshot: AnyMachineSnapshot): unknown;
  per: "edge" | "config-edge";
  /** Edges of the definition that no mutation drives, each with why. */
  notDrivable: Readonly<Record<string, NotDrivable>>;
  /** Creates the record through the API, in the machine's initial state. */
  start(context: WalkContext, config: TConfig, walk: Walk<TEvent>): Promise<TSubject>;
  /** Sends one event through the API; the step must succeed. */
  send(
    context: WalkContext,
    subject: TSubject,
    before: AnyMachineSnapshot,
    event: TEvent,
    config: TConfig,
  ): Promise<void>;
  read(context: WalkContext, subject: TSubject): Promise<Observed>;
  /** What the API must show, besides status and version, for this snapshot (reached by `event`). */
  details(snapshot: AnyMachineSnapshot, config: TConfig, event: TEvent | undefined): Record<string, unknown>;
  /** Whether the event writes the record itself, moving its version on by one (default: every event). */
  writesRecord?(event: TEvent): boolean;
  /** When given, every event of `events` the pure machine refuses is also sent through the API. */
  refusals?: RefusalCheck<TEvent, TConfig, TSubject>;
}

interface RefusalCheck<TEvent extends EventObject, TConfig extends WalkConfig, TSubject> {
  /** The snapshot of a state of the definition, to list the refusals each state must give. */
  snapshotOf(state: string): AnyMachineSnapshot;
  /** The code the machine gives for a refused event (its explain…Refusal). */
  explain(snapshot: AnyMachineSnapshot, event: TEvent): string | null;
  /** Sends the refused event through the API and answers the codes of its userErrors. */
  send(
    context: WalkContext,
    subject: TSubject,
    before: AnyMachineSnapshot,
    event: TEvent,
    config: TConfig,
  ): Promise<string[]>;
}

// The methods' parameters are compared bivariantly, so each model, with its own events, set-ups and
// subject, is one of these.
type AnyApiModel = ApiModel<EventObject, WalkConfig, unknown>;

function eventLabel(event: EventObject): string {
  const { type, ...rest } = event as EventObject & Record<string, unknown>;
  const detail = Object.entries(rest)
    // Dates are left out, so that a walk's name does not change from day to day.
    .filter(([key, value]) => key !== "on" && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
    .map(([, value]) => String(value))
    .join(", ");
  return detail ? `${type}(${detail})` : type;
}

function walkName(walk: Walk<EventObject>): string {
  return `${walk.config}: ${walk.states[0]}${walk.events.map((event, i) => ` → ${eventLabel(event)} → ${walk.states[i + 1]}`).join("")}`;
}

function plan<TEvent extends EventObject, TConfig extends WalkConfig>(
  model: Omit<ApiModel<TEvent, TConfig, unknown>, "start" | "send" | "read" | "details">,
): Walk<TEvent>[] {
  return planWalks<TEvent>(model.machine, model.configs, {
    events: (snapshot, config) => model.events(snapshot, config as TConfig),
    vertex: model.vertex,
    per: model.per,
  });
}

async function step<T extends Payload = Payload>(
  context: WalkContext,
  mutation: Document<T>,
  input: Record<string, unknown>,
): Promise<T> {
  return successfulStep<T>(context.h, mutation, input);
}

async function node<T>(context: WalkContext, query: Document<T>, id: string): Promise<T> {
  const found = await rootField<T | null>(context.h, query, { id });
  if (found === null) throw new Error(`nothing found for ${id}`);
  return found;
}

/** A new case of the offender, opted in with a plan: engaged. */
async function engagedCase(context: WalkContext, offenderId: string): Promise<CaseView> {
  const victimCase = await optedInCase(context.h, offenderId, true);
  if (!victimCase) throw new Error("the case was not opted in");
  return victimCase;
}

const sorted = (values: readonly string[]) => [...values].sort();

function configOf<TConfig extends WalkConfig>(
  model: { configs: readonly TConfig[] },
  walk: Walk<EventObject>,
): TConfig {
  const config = model.configs.find((candidate) => candidate.name === walk.config);
  if (!config) throw new Error(`no set-up named ${walk.config}`);
  return config;
}

function refusalKey(state: unknown, event: EventObject, code: string | null): string {
  return `${String(state)} --${eventLabel(event)}--x ${String(code)}`;
}

/** Every refusal the model must check through the API: each state of the definition, each event of `events` its machine refuses there, with its code. */
function definedRefusals(model: AnyApiModel): string[] {
  const { refusals } = model;
  if (!refusals) return [];
  const keys = definedStates(model.machine).flatMap((state) => {
    const snapshot = refusals.snapshotOf(state);
    expect(snapshot.value).toBe(state);
    return model.configs.flatMap((config) =>
      model
        .events(snapshot, config)
        .filter((event) => !snapshot.can(event))
        .map((event) => refusalKey(state, event, refusals.explain(snapshot, event))),
    );
  });
  return [...new Set(keys)].sort();
}

// ---- Custody (one per offender): recordCustodyEvent

interface CustodyConfig extends WalkConfig {
  input: CustodyInput;
  sentence: Record<string, unknown>;
}

// Dated as the API dates them (occurredOn), so the machine judges the same windows.
const custodyEvent = (type: string, extra: Record<string, unknown> = {}) =>
  ({ type, ...extra, on: CUSTODY_EVENT_DATE }) as unknown as CustodyEvent;

// Every event of the custody machine, with each payload value that can matter to it.
const CUSTODY_EVENTS: readonly CustodyEvent[] = [
  custodyEvent("CONSIDERED_FOR_OPEN_CONDITIONS"),
  custodyEvent("CONSIDERED_FOR_TEMPORARY_RELEASE"),
  custodyEvent("CONSIDERED_FOR_HOME_DETENTION_CURFEW"),
  custodyEvent("MOVED_TO_OPEN_CONDITIONS"),
  custodyEvent("RETURNED_TO_CLOSED_CONDITIONS"),
  custodyEvent("TEMPORARY_RELEASE"),
  custodyEvent("TRANSFERRED_TO_HOSPITAL"),
  custodyEvent("RETURNED_FROM_HOSPITAL"),
  custodyEvent("REFERRED_TO_PAROLE_BOARD"),
  custodyEvent("PAROLE_DECISION", { outcome: "RELEASE" }),
  custodyEvent("PAROLE_DECISION", { outcome: "NO_RELEASE" }),
  custodyEvent("PAROLE_DECISION", { outcome: "OPEN_CONDITIONS_RECOMMENDED" }),
  custodyEvent("RECONSIDERATION_APPLIED"),
  custodyEvent("RECONSIDERATION_REFUSED"),
  custodyEvent("DECISION_SET_ASIDE"),
  custodyEvent("RELEASED_ON_LICENCE"),
  custodyEvent("RELEASED_ON_HOME_DETENTION_CURFEW"),
  custodyEvent("RECALLED", { recallType: "FIXED_TERM" }),
  custodyEvent("RECALLED", { recallType: "STANDARD" }),
  custodyEvent("RE_RELEASED"),
  custodyEvent("UNLAWFULLY_AT_LARGE"),
  custodyEvent("RETURNED_TO_CUSTODY"),
  custodyEvent("LICENCE_ENDED"),
  custodyEvent("DIED"),
  custodyEvent("REMOVED_FROM_UK"),
  custodyEvent("RETURNED_TO_UK"),
  custodyEvent("HOSPITAL_LEAVE_GRANTED"),
  custodyEvent("TRANSFERRED_BETWEEN_HOSPITALS"),
  custodyEvent("CONDITIONALLY_DISCHARGED"),
  custodyEvent("RECALLED_TO_HOSPITAL"),
  custodyEvent("ABSOLUTELY_DISCHARGED"),
];

/** The recordCustodyEvent input for an event: its payload, and the details some types require. */
function custodyEventInput(event: CustodyEvent): Record<string, unknown> {
  const { on: _on, ...payload } = event;
  const type: string = event.type;
  return {
    ...payload,
    ...(type === "TEMPORARY_RELEASE" ? { temporaryReleaseType: "RESETTLEMENT_DAY_RELEASE" } : {}),
    ...(type === "UNLAWFULLY_AT_LARGE" ? { unlawfullyAtLargeKind: "ESCAPED" } : {}),
  };
}

const OPEN_REVIEW_STATUSES = ["REFERRED", "HEARING_SCHEDULED"];

const custodyModelBase = {
  name: "custody",
  machine: custodyMachine as AnyStateMachine,
  configs: [
    {
      name: "EDS",
      sentence: EDS,
      input: { sentenceType: "EDS" as CustodyInput["sentenceType"], homeDetentionCurfewEligible: false },
    },
    {
      name: "SDS",
      sentence: SDS,
      input: { sentenceType: "SDS" as CustodyInput["sentenceType"], homeDetentionCurfewEligible: true },
    },
    {
      name: "hospital order",
      sentence: HOSPITAL_ORDER,
      input: { sentenceType: "HOSPITAL_ORDER" as CustodyInput["sentenceType"], homeDetentionCurfewEligible: false },
    },
  ] as readonly CustodyConfig[],
  events: () => CUSTODY_EVENTS,
  // What the guards read; the count of temporary releases and the curfew flag are only recorded.
  vertex: (snapshot: AnyMachineSnapshot) => ({
    conditions: snapshot.context.conditions,
    reviewReturnPhase: snapshot.context.reviewReturnPhase,
    recallType: snapshot.context.recallType,
    releaseDirection: snapshot.context.releaseDirection,
  }),
  per: "edge" as const,
  notDrivable: {},
};

const custodyModel: ApiModel<CustodyEvent, CustodyConfig, { offenderId: string }> & { walks: Walk<CustodyEvent>[] } = {
  ...custodyModelBase,
  walks: plan<CustodyEvent, CustodyConfig>(custodyModelBase),
  async start({ h }, config) {
    const offender = await createOffender(h, {}, config.sentence);
    return { offenderId: offender.id };
  },
  async send(context, { offenderId }, _before, event) {
    await step(context, RECORD_CUSTODY_EVENT, {
      offenderId,
      occurredOn: CUSTODY_EVENT_DATE,
      ...custodyEventInput(event),
    });
  },
  async read(context, { offenderId }) {
    const offender = await node(context, OFFENDER_CUSTODY, offenderId);
    const openReviews = offender.paroleReviews.filter((review: { status: string }) =>
      OPEN_REVIEW_STATUSES.includes(review.status),
    ).length;
    return { status: offender.custodyPhase, version: offender.version, openReviews };
  },
  // The custody pipeline opens a review on the referral and decides or ends it when the phase is left.
  details: (snapshot) => ({ openReviews: snapshot.value === "PAROLE_REVIEW" ? 1 : 0 }),
};

// ---- Parole review: opened by REFERRED_TO_PAROLE_BOARD; scheduleParoleHearing, recordParoleDecision,
// DIED / REMOVED_FROM_UK, and the victim's steps on an engaged case

interface ParoleConfig extends WalkConfig {
  input: ParoleReviewContext;
}

const victimStep = (type: string) => ({ type, on: TODAY }) as ParoleReviewEvent;
const VICTIM_STEPS: readonly ParoleReviewEvent[] = [
  "INVITE_STATEMENT",
  "SUBMIT_STATEMENT",
  "APPLY_TO_OBSERVE",
  "APPLY_FOR_PUBLIC_HEARING",
  "REQUEST_RECONSIDERATION",
  "REQUEST_DECISION_SUMMARY",
].map(victimStep);

/** The mutation and extra input of each victim step (each takes caseId and paroleReviewId). */
const VICTIM_STEP_MUTATIONS: Record<string, [mutation: string, input: Record<string, unknown>]> = {
  INVITE_STATEMENT: [INVITE_STATEMENT, {}],
  SUBMIT_STATEMENT: [SUBMIT_STATEMENT, { format: "READ_BY_VICTIM", text: "I still do not feel safe walking home." }],
  APPLY_TO_OBSERVE: [APPLY_TO_OBSERVE, {}],
  APPLY_FOR_PUBLIC_HEARING: [APPLY_FOR_PUBLIC_HEARING, {}],
  REQUEST_RECONSIDERATION: [REQUEST_RECONSIDERATION, {}],
  REQUEST_DECISION_SUMMARY: [REQUEST_DECISION_SUMMARY, {}],
};

/** END has no mutation of its own: the offender leaving the review does it. Both ways are used. */
const REVIEW_ENDED_BY: Record<string, string> = { REFERRED: "DIED", HEARING_SCHEDULED: "REMOVED_FROM_UK" };

const paroleModelBase = {
  name: "parole review",
  machine: paroleReviewMachine as AnyStateMachine,
  configs: [
    {
      name: "EDS",
      input: {
        sentenceType: "EDS" as ParoleReviewContext["sentenceType"],
        referredOn: REFERRED_ON,
        targetHearingDate: null,
        hearingType: null,
        outcome: null,
        decisionIssuedOn: null,
      },
    },
  ] as readonly ParoleConfig[],
  events: (snapshot: AnyMachineSnapshot): readonly ParoleReviewEvent[] => [
    // Set once, then moved.
    {
      type: "SCHEDULE_HEARING",
      targetHearingDate: snapshot.context.targetHearingDate ? MOVED_HEARING : HEARING,
      hearingType: "ORAL",
    } as ParoleReviewEvent,
    { type: "DECIDE", outcome: "RELEASE", on: TODAY } as ParoleReviewEvent,
    { type: "END" },
    { type: "SET_ASIDE" },
    ...VICTIM_STEPS,
  ],
  vertex: (snapshot: AnyMachineSnapshot) => snapshot.context,
  per: "edge" as const,
  notDrivable: {},
};

const paroleModel: ApiModel<
  ParoleReviewEvent,
  ParoleConfig,
  { offenderId: string; caseId: string; reviewId: string }
> & { walks: Walk<ParoleReviewEvent>[] } = {
  ...paroleModelBase,
  walks: plan<ParoleReviewEvent, ParoleConfig>(paroleModelBase),
  async start(context) {
    const offender = await createOffender(context.h, {}, EDS);
    // An engaged case, so that the victim's steps can be taken.
    const victimCase = await engagedCase(context, offender.id);
    await step(context, RECORD_CUSTODY_EVENT, {
      offenderId: offender.id,
      type: "REFERRED_TO_PAROLE_BOARD",
      occurredOn: REFERRED_ON,
    });
    const { paroleReviews } = await node(context, OFFENDER_CUSTODY, offender.id);
    expect(paroleReviews).toHaveLength(1);
    return { offenderId: offender.id, caseId: victimCase.id, reviewId: paroleReviews[0].id };
  },
  async send(context, { offenderId, caseId, reviewId }, before, event) {
    switch (event.type) {
      case "SCHEDULE_HEARING":
        return void (await step(context, SCHEDULE_HEARING, {
          paroleReviewId: reviewId,
          targetHearingDate: event.targetHearingDate,
          hearingType: event.hearingType,
        }));
      case "DECIDE":
        return void (await step(context, PAROLE_DECISION, {
          paroleReviewId: reviewId,
          outcome: event.outcome,
          issuedOn: event.on,
        }));
      case "END":
        return void (await step(context, RECORD_CUSTODY_EVENT, {
          offenderId,
          type: REVIEW_ENDED_BY[String(before.value)],
          occurredOn: TODAY,
        }));
      // A party applies for reconsideration of the release direction, and the Board grants it.
      case "SET_ASIDE":
        for (const type of ["RECONSIDERATION_APPLIED", "DECISION_SET_ASIDE"])
          await step(context, RECORD_CUSTODY_EVENT, { offenderId, type, occurredOn: TODAY });
        return;
      default: {
        const [mutation, extra] = VICTIM_STEP_MUTATIONS[event.type];
        return void (await step(context, mutation, { caseId, paroleReviewId: reviewId, ...extra }));
      }
    }
  },
  async read(context, { reviewId }) {
    const { status, version, openVictimSteps: steps, ...rest } = await node(context, PAROLE_REVIEW, reviewId);
    return { status, version, ...rest, openVictimSteps: sorted(steps) };
  },
  details: (snapshot) => {
    const { targetHearingDate, hearingType, outcome, decisionIssuedOn } = snapshot.context as ParoleReviewContext;
    return {
      targetHearingDate,
      hearingType,
      outcome,
      decisionIssuedOn,
      openVictimSteps: sorted(openVictimSteps(snapshot as ParoleReviewSnapshot, TODAY)),
    };
  },
  // The victim's steps are written to the case, not to the review.
  writesRecord: (event) => ["SCHEDULE_HEARING", "DECIDE", "END", "SET_ASIDE"].includes(event.type),
};

// ---- Licence-condition request: requestLicenceCondition, then forward, decide or withdraw

const licenceModelBase = {
  name: "licence-condition request",
  machine: licenceConditionRequestMachine as AnyStateMachine,
  configs: [{ name: "release on licence", input: undefined }] as readonly WalkConfig[],
  events: (): readonly LicenceConditionRequestEvent[] => [
    { type: "FORWARD" },
    { type: "RECORD_DECISION", adopted: true },
    { type: "RECORD_DECISION", adopted: false },
    { type: "WITHDRAW" },
  ],
  vertex: () => null,
  per: "edge" as const,
  notDrivable: {},
};

const licenceModel: ApiModel<LicenceConditionRequestEvent, WalkConfig, { requestId: string }> & {
  walks: Walk<LicenceConditionRequestEvent>[];
} = {
  ...licenceModelBase,
  walks: plan<LicenceConditionRequestEvent, WalkConfig>(licenceModelBase),
  async start(context) {
    // Requests are independent records: one engaged case holds them all.
    const caseId = await context.shared("licence case", async () => {
      const offender = await createOffender(context.h, {}, SDS);
      return (await engagedCase(context, offender.id)).id;
    });
    const payload = await step(context, REQUEST_CONDITION, {
      caseId,
      kind: "NO_CONTACT",
      description: "No contact with the victim or their family, directly or through others.",
      decisionPoint: "LICENCE_RELEASE",
    });
    return { requestId: payload.licenceConditionRequest.id };
  },
  async send(context, { requestId }, _before, event) {
    switch (event.type) {
      case "FORWARD":
        return void (await step(context, FORWARD_CONDITION, { requestId }));
      case "RECORD_DECISION":
        return void (await step(
          context,
          DECIDE_CONDITION,
          event.adopted
            ? { requestId, adopted: true, endsOn: "2027-01-14" }
            : { requestId, adopted: false, reason: "The risk assessment did not support it." },
        ));
      case "WITHDRAW":
        return void (await step(context, WITHDRAW_CONDITION, { requestId }));
    }
  },
  async read(context, { requestId }) {
    const { status, version, availableActions } = await node(context, LICENCE_CONDITION, requestId);
    return { status, version, availableActions: sorted(availableActions) };
  },
  details: (snapshot) => ({
    availableActions: sorted(availableLicenceConditionEvents(snapshot as LicenceConditionRequestSnapshot)),
  }),
};

// ---- Notification: raised by a custody event on an engaged case; recordNotificationSent / Failed /
// Acknowledged; cancelled by the victim's opt-out or the case's closure

const NOTIFICATION_EVENTS: readonly NotificationEvent[] = [
  { type: "RECORD_SENT" },
  { type: "RECORD_FAILED" },
  { type: "RECORD_ACKNOWLEDGED" },
  { type: "CANCEL" },
];

/** CANCEL has no mutation of its own: what cancels an open notification, by the state it is in (both ways are used). */
const CANCELLED_BY: Record<string, "optOut" | "close"> = { DUE: "optOut", FAILED: "close", ESCALATED: "optOut" };

const notificationModelBase = {
  name: "notification",
  machine: notificationMachine as AnyStateMachine,
  configs: [{ name: "key stages by letter", input: { attempts: 0 } }] as readonly WalkConfig[],
  events: () => NOTIFICATION_EVENTS,
  allEvents: (): readonly NotificationEvent[] => [...NOTIFICATION_EVENTS, { type: "ESCALATE" }],
  // The guard asks only whether this failure is the last: attempts from MAX_ATTEMPTS - 1 on are alike.
  vertex: (snapshot: AnyMachineSnapshot) => Math.min(snapshot.context.attempts, MAX_ATTEMPTS - 1),
  per: "edge" as const,
  notDrivable: {
    [edgeKey("SENT", "ESCALATE", "ESCALATED")]: {
      kind: "timer",
      reason:
        "sent only by the acknowledgement timer (ACKNOWLEDGEMENT_WORKING_DAYS after sending); no mutation sends ESCALATE",
    },
    [edgeKey("DUE", "RECORD_FAILED", "ESCALATED")]: {
      kind: "unreachable",
      reason: `a notification is raised DUE with no attempts and never returns to DUE, so a failure from DUE is never the ${MAX_ATTEMPTS}rd`,
    },
  } as Record<string, NotDrivable>,
};

const notificationModel: ApiModel<NotificationEvent, WalkConfig, { caseId: string; notificationId: string }> & {
  walks: Walk<NotificationEvent>[];
} = {
  ...notificationModelBase,
  walks: plan<NotificationEvent, WalkConfig>(notificationModelBase),
  async start(context, _config, walk) {
    // A cancellation reaches every open notification of the case: such a walk has a case of its own;
    // the others share one, each with a notification of its own.
    const newCase = async () => {
      const offender = await createOffender(context.h, {}, SDS);
      const victimCase = await engagedCase(context, offender.id);
      return { offenderId: offender.id, caseId: victimCase.id as string };
    };
    const cancels = walk.events.some((event) => event.type === "CANCEL");
    const { offenderId, caseId } = cancels ? await newCase() : await context.shared("notification case", newCase);
    const before: { id: string }[] = (await node(context, CASE_NOTIFICATIONS, caseId)).notifications;
    // A key stage every KEY_STAGES victim is told of, alternating so that each is a real move.
    const type = before.length % 2 === 0 ? "MOVED_TO_OPEN_CONDITIONS" : "RETURNED_TO_CLOSED_CONDITIONS";
    await step(context, RECORD_CUSTODY_EVENT, { offenderId, type, occurredOn: CUSTODY_EVENT_DATE });
    const raised = (await node(context, CASE_NOTIFICATIONS, caseId)).notifications.filter(
      (notification: { id: string }) => !before.some((old) => old.id === notification.id),
    );
    expect(raised).toHaveLength(1);
    return { caseId, notificationId: raised[0].id };
  },
  async send(context, { caseId, notificationId }, before, event) {
    switch (event.type) {
      case "RECORD_SENT":
        return void (await step(context, NOTIFICATION_SENT, { notificationId }));
      case "RECORD_FAILED":
        return void (await step(context, NOTIFICATION_FAILED, { notificationId, failure: "RETURNED_MAIL" }));
      case "RECORD_ACKNOWLEDGED":
        return void (await step(context, NOTIFICATION_ACKNOWLEDGED, { notificationId }));
      case "CANCEL":
        if (CANCELLED_BY[String(before.value)] === "optOut")
          return void (await step(context, RECORD_OPT_OUT, { caseId }));
        return void (await step(context, CLOSE_CASE, { caseId, reason: "VICTIM_REQUEST" }));
      case "ESCALATE":
        throw new Error("ESCALATE has no mutation and is not part of the walks");
    }
  },
  async read(context, { notificationId }) {
    const { status, version, attempts, availableActions } = await node(context, NOTIFICATION, notificationId);
    return { status, version, attempts, availableActions: sorted(availableActions) };
  },
  details: (snapshot) => ({
    attempts: snapshot.context.attempts,
    availableActions: sorted(availableNotificationEvents(snapshot as NotificationSnapshot)),
  }),
};

// ---- Task: OPEN → DONE / CANCELLED, raised and closed by other steps, or completeTask

interface TaskRoute {
  /** Sends the event through the API. */
  send(context: WalkContext, subject: TaskSubject): Promise<void>;
  /** What the task then says closed it. */
  closedReason: string;
}

interface TaskConfig extends WalkConfig {
  input: TaskContext;
  /** How the task is raised through the API. */
  raise(context: WalkContext): Promise<Omit<TaskSubject, "taskId">>;
  /** The events that reach this kind through the API; the others are not sent. */
  routes: Partial<Record<TaskEvent["type"], TaskRoute>>;
}

interface TaskSubject {
  caseId: string;
  taskId: string;
  reviewId?: string;
}

/** A date of birth that makes its holder 18 on `birthday` (never a 29 February, which would not exist 18 years earlier). */
function bornToTurn18On(birthday: string): string {
  const day = birthday.endsWith("-02-29") ? addDays(birthday, 1) : birthday;
  return `${Number(day.slice(0, 4)) - 18}${day.slice(4)}`;
}

const taskOffender = (context: WalkContext) =>
  context.shared("task offender", async () => (await createOffender(context.h, {}, SDS)).id);

const closedByClosure: TaskRoute = {
  send: async (context, { caseId }) => void (await step(context, CLOSE_CASE, { caseId, reason: "OTHER" })),
  closedReason: "CLOSE",
};

const TASK_CONFIGS: readonly TaskConfig[] = [
  {
    name: "FIRST_CONTACT",
    input: { kind: "FIRST_CONTACT" as TaskContext["kind"] },
    // Raised by the referral.
    raise: async (context) => ({ caseId: (await referCase(context.h, await taskOffender(context))).id }),
    routes: {
      RESOLVE: {
        send: async (context, { caseId }) => void (await step(context, SEND_INVITATION, { caseId, channel: "LETTER" })),
        closedReason: "SEND_INVITATION",
      },
      CANCEL: closedByClosure,
    },
  },
  {
    name: "CONTACT_VICTIM_DIRECTLY",
    input: { kind: "CONTACT_VICTIM_DIRECTLY" as TaskContext["kind"] },
    // A guardian referred a month ago; the child victim, added now, turned 18 ten days ago: raised at once.
    raise: async (context) => {
      const guardian = contactInput({ role: "PARENT_GUARDIAN" });
      const victimCase = await referCase(context.h, await taskOffender(context), {
        referredOn: addDays(TODAY, -30),
        contact: guardian,
      });
      await step(context, ADD_CONTACT, {
        caseId: victimCase.id,
        contact: { role: "VICTIM", name: "Child Victim", dateOfBirth: bornToTurn18On(addDays(TODAY, -10)) },
      });
      return { caseId: victimCase.id };
    },
    routes: {
      COMPLETE: {
        send: async (context, { taskId }) => void (await step(context, COMPLETE_TASK, { taskId })),
        closedReason: "COMPLETED",
      },
      CANCEL: closedByClosure,
    },
  },
  {
    name: "PERSONAL_STATEMENT",
    input: { kind: "PERSONAL_STATEMENT" as TaskContext["kind"] },
    // A statement invited for a review whose hearing is set.
    raise: async (context) => {
      const offender = await createOffender(context.h, {}, EDS);
      const victimCase = await engagedCase(context, offender.id);
      await step(context, RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "REFERRED_TO_PAROLE_BOARD",
        occurredOn: REFERRED_ON,
      });
      const reviewId: string = (await node(context, OFFENDER_CUSTODY, offender.id)).paroleReviews[0].id;
      await step(context, SCHEDULE_HEARING, {
        paroleReviewId: reviewId,
        targetHearingDate: HEARING,
        hearingType: "ORAL",
      });
      await step(context, INVITE_STATEMENT, { caseId: victimCase.id, paroleReviewId: reviewId });
      return { caseId: victimCase.id, reviewId };
    },
    routes: {
      RESOLVE: {
        send: async (context, { caseId, reviewId }) =>
          void (await step(context, SUBMIT_STATEMENT, {
            caseId,
            paroleReviewId: reviewId,
            format: "READ_BY_PANEL",
            text: "It changed how I live.",
          })),
        closedReason: "PERSONAL_STATEMENT_SUBMITTED",
      },
      CANCEL: {
        send: async (context, { reviewId }) =>
          void (await step(context, PAROLE_DECISION, {
            paroleReviewId: reviewId,
            outcome: "NO_RELEASE",
            issuedOn: TODAY,
          })),
        closedReason: "PAROLE_DECISION",
      },
    },
  },
];

const taskModelBase = {
  name: "task",
  machine: taskMachine as AnyStateMachine,
  configs: TASK_CONFIGS,
  events: (_snapshot: AnyMachineSnapshot, config: TaskConfig) =>
    (Object.keys(config.routes) as TaskEvent["type"][]).map((type) => ({ type }) as TaskEvent),
  vertex: () => null,
  // Each kind is raised and closed by different steps: walk each kind's ways, not only one kind's.
  per: "config-edge" as const,
  notDrivable: {},
};

const taskModel: ApiModel<TaskEvent, TaskConfig, TaskSubject> & { walks: Walk<TaskEvent>[] } = {
  ...taskModelBase,
  walks: plan<TaskEvent, TaskConfig>(taskModelBase),
  async start(context, config) {
    const raised = await config.raise(context);
    const tasks: { id: string; kind: string }[] = (await node(context, CASE_TASKS, raised.caseId)).tasks.filter(
      (task: { kind: string }) => task.kind === config.name,
    );
    expect(tasks).toHaveLength(1);
    return { ...raised, taskId: tasks[0].id };
  },
  async send(context, subject, _before, event, config) {
    const route = config.routes[event.type];
    if (!route) throw new Error(`no API route for ${event.type} on a ${config.name} task`);
    await route.send(context, subject);
  },
  async read(context, { taskId }) {
    const { status, version, ...rest } = await node(context, TASK, taskId);
    return { status, version, ...rest };
  },
  details: (snapshot, config, event) => ({
    kind: (snapshot.context as TaskContext).kind,
    availableActions: availableTaskEvents(snapshot as TaskSnapshot),
    closedReason: event ? config.routes[event.type]!.closedReason : null,
  }),
};

// ---- Personal statement: one per case and review; "no statement yet" (NONE) is the absence of one.
// inviteVictimPersonalStatement and submitVictimPersonalStatement, on an engaged case, in the window

const CASE_STATEMENTS = typed<{ version: number; personalStatements: StatementView[] }>(
  `query ($id: ID!) { victimCase(id: $id) { version personalStatements { status submittedOn format paroleReview { id } } } }`,
);
const STATEMENT_FORMAT = "READ_BY_VICTIM";

/** The mutation and extra input of each statement event (each takes caseId and paroleReviewId). */
const STATEMENT_STEPS: Record<PersonalStatementEvent["type"], [mutation: string, input: Record<string, unknown>]> = {
  INVITE: [INVITE_STATEMENT, {}],
  SUBMIT: [SUBMIT_STATEMENT, { format: STATEMENT_FORMAT, text: "I moved house because of what he did." }],
};

interface StatementSubject {
  caseId: string;
  reviewId: string;
}

const statementInput = ({ caseId, reviewId }: StatementSubject, event: PersonalStatementEvent) => {
  const [mutation, extra] = STATEMENT_STEPS[event.type];
  return [mutation, { caseId, paroleReviewId: reviewId, ...extra }] as const;
};

const statementModelBase = {
  name: "personal statement",
  machine: personalStatementMachine as AnyStateMachine,
  configs: [{ name: "EDS review, hearing set", input: undefined }] as readonly WalkConfig[],
  events: (): readonly PersonalStatementEvent[] => [{ type: "INVITE" }, { type: "SUBMIT" }],
  vertex: () => null,
  per: "edge" as const,
  notDrivable: {},
};

const statementModel: ApiModel<PersonalStatementEvent, WalkConfig, StatementSubject> & {
  walks: Walk<PersonalStatementEvent>[];
} = {
  ...statementModelBase,
  walks: plan<PersonalStatementEvent, WalkConfig>(statementModelBase),
  async start(context) {
    // Statements are one per case and review: the walks share one review (its hearing set, so that
    // every window is open), each with an engaged case of its own.
    const { offenderId, reviewId } = await context.shared("statement review", async () => {
      const offender = await createOffender(context.h, {}, EDS);
      await step(context, RECORD_CUSTODY_EVENT, {
        offenderId: offender.id,
        type: "REFERRED_TO_PAROLE_BOARD",
        occurredOn: REFERRED_ON,
      });
      const { paroleReviews } = await node(context, OFFENDER_CUSTODY, offender.id);
      expect(paroleReviews).toHaveLength(1);
      await step(context, SCHEDULE_HEARING, {
        paroleReviewId: paroleReviews[0].id,
        targetHearingDate: HEARING,
        hearingType: "ORAL",
      });
      return { offenderId: offender.id, reviewId: paroleReviews[0].id as string };
    });
    const victimCase = await engagedCase(context, offenderId);
    return { caseId: victimCase.id, reviewId };
  },
  async send(context, subject, _before, event) {
    const [mutation, input] = statementInput(subject, event);
    await step(context, mutation, input);
  },
  // A statement has no version of its own: each step is written to the case's history, which moves
  // the case's version on by one, and a refused step moves nothing.
  async read(context, { caseId, reviewId }) {
    const { version, personalStatements } = await node(context, CASE_STATEMENTS, caseId);
    const statements = personalStatements.filter((statement) => statement.paroleReview.id === reviewId);
    expect(statements.length).toBeLessThanOrEqual(1);
    const [statement] = statements;
    return {
      status: statement?.status ?? NO_STATEMENT,
      version,
      submittedOn: statement?.submittedOn ?? null,
      format: statement?.format ?? null,
    };
  },
  details: (snapshot) => {
    const submitted = snapshot.value === StatementStatus.SUBMITTED;
    return { submittedOn: submitted ? TODAY : null, format: submitted ? STATEMENT_FORMAT : null };
  },
  refusals: {
    snapshotOf: (state) => personalStatementSnapshot(state === NO_STATEMENT ? null : (state as StatementStatus)),
    explain: (snapshot, event) => explainStatementRefusal(snapshot as PersonalStatementSnapshot, event),
    async send(context, subject, _before, event) {
      const [mutation, input] = statementInput(subject, event);
      const payload = await rootField<Payload>(context.h, mutation, { input });
      return payload.userErrors.map((error) => error.code);
    },
  },
};

const MODELS: readonly (AnyApiModel & { walks: Walk<EventObject>[] })[] = [
  custodyModel,
  paroleModel,
  licenceModel,
  notificationModel,
  taskModel,
  statementModel,
];

// ---- The pure plan: every edge not listed has a walk

describe("machine walks: the plan", () => {
  describe.each(MODELS.map((model) => [model.name, model] as const))("%s machine", (_name, model) => {
    const edges = definedEdges(model.machine);

    it("should plan walks that take every edge of the machine not listed as not drivable, and pass every state", () => {
      const planned = new Set(model.walks.flatMap((walk) => walk.edges));
      const passed = new Set(model.walks.flatMap((walk) => walk.states));
      expect(edges.filter((edge) => !model.notDrivable[edge] && !planned.has(edge))).toEqual([]);
      expect(definedStates(model.machine).filter((state) => !passed.has(state))).toEqual([]);
    });

    it("should list as not drivable only edges of the machine, and say truly which the machine itself can take", () => {
      expect(Object.keys(model.notDrivable).filter((edge) => !edges.includes(edge))).toEqual([]);
      // With every event, routed through the API or not, the pure machine reaches what a timer sends but not what is unreachable.
      const everyEvent =
        model.allEvents ?? ((snapshot: AnyMachineSnapshot) => model.events(snapshot, model.configs[0]));
      const reachable = new Set(
        planWalks(model.machine, model.configs, {
          events: (snapshot) => everyEvent(snapshot),
          vertex: model.vertex,
          per: "edge",
        }).flatMap((walk) => walk.edges),
      );
      const listed = Object.entries(model.notDrivable).map(([edge, { kind }]) => ({
        edge,
        kind,
        reachable: reachable.has(edge),
      }));
      expect(listed).toEqual(listed.map((entry) => ({ ...entry, reachable: entry.kind === "timer" })));
    });

    it("should replay each walk on the pure machine as planned", () => {
      for (const walk of model.walks) {
        expect(replayPure(model.machine, configOf(model, walk).input, walk.events)).toEqual({
          edges: walk.edges,
          states: walk.states,
        });
      }
    });

    it("should, where refusals are checked, find one in some state of the definition", () => {
      // A model that says it checks refusals must have some to check.
      if (model.refusals) expect(definedRefusals(model).length).toBeGreaterThan(0);
      else expect(definedRefusals(model)).toEqual([]);
    });
  });
});

// ---- Through the API

describe.each(ENGINES)("machine walks through the API (%s)", (engine) => {
  let h: Harness;
  const sharedSetUps = new Map<string, Promise<unknown>>();
  const context: WalkContext = {
    get h() {
      return h;
    },
    shared<T>(key: string, make: () => Promise<T>): Promise<T> {
      if (!sharedSetUps.has(key)) sharedSetUps.set(key, make());
      return sharedSetUps.get(key) as Promise<T>;
    },
  };

  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  describe.each(MODELS.map((model) => [model.name, model] as const))("%s machine", (_name, model) => {
    const reachedStates = new Set<string>();
    const drivenEdges = new Set<string>();
    const checkedRefusals = new Set<string>();

    it.each(model.walks.map((walk) => [walkName(walk), walk] as const))("%s", async (_walkName, walk) => {
      const config = configOf(model, walk);
      const subject = await model.start(context, config, walk);
      let [before] = initialTransition(model.machine, config.input);
      let seen = await model.read(context, subject);
      expect({ step: "start", ...seen }).toEqual({
        step: "start",
        status: before.value,
        version: seen.version,
        ...model.details(before, config, undefined),
      });
      reachedStates.add(seen.status);

      // Each event the pure machine refuses here: the API answers the machine's code and changes nothing.
      const checkRefusals = async (snapshot: AnyMachineSnapshot, label: string) => {
        if (!model.refusals) return;
        for (const event of model.events(snapshot, config).filter((candidate) => !snapshot.can(candidate))) {
          const code = model.refusals.explain(snapshot, event);
          const codes = await model.refusals.send(context, subject, snapshot, event, config);
          const after = await model.read(context, subject);
          const refused = `${label}, then ${eventLabel(event)} refused`;
          expect({ step: refused, codes, ...after }).toEqual({ step: refused, codes: [code], ...seen });
          checkedRefusals.add(refusalKey(snapshot.value, event, codes[0]));
        }
      };
      await checkRefusals(before, "start");

      for (const [index, event] of walk.events.entries()) {
        const label = `step ${index + 1}: ${eventLabel(event)} from ${String(before.value)}`;
        const [next] = transition(model.machine, before, event);
        await model.send(context, subject, before, event, config);
        const observed = await model.read(context, subject);
        const version = seen.version + ((model.writesRecord?.(event) ?? true) ? 1 : 0);
        expect({ step: label, ...observed }).toEqual({
          step: label,
          status: next.value,
          version,
          ...model.details(next, config, event),
        });
        drivenEdges.add(edgeKey(before.value, event.type, observed.status));
        reachedStates.add(observed.status);
        before = next;
        seen = observed;
        await checkRefusals(before, label);
      }
    });

    it("should have driven every state and every transition not listed through the API", () => {
      const states = definedStates(model.machine);
      const edges = definedEdges(model.machine);
      const listed = Object.keys(model.notDrivable);
      const refusals = definedRefusals(model);
      expect({
        statesNotReached: states.filter((state) => !reachedStates.has(state)),
        edgesNotDriven: edges.filter((edge) => !model.notDrivable[edge] && !drivenEdges.has(edge)),
        // A listed edge the API did drive means the list is out of date.
        listedButDriven: listed.filter((edge) => drivenEdges.has(edge)),
        refusalsNotChecked: refusals.filter((refusal) => !checkedRefusals.has(refusal)),
      }).toEqual({ statesNotReached: [], edgesNotDriven: [], listedButDriven: [], refusalsNotChecked: [] });
      const kinds = Object.values(model.notDrivable).map((entry) => entry.kind);
      const why =
        listed.length === 0
          ? "none listed"
          : `${kinds.filter((kind) => kind === "timer").length} timer-only, ${kinds.filter((kind) => kind === "unreachable").length} unreachable in the machine itself, listed`;
      console.log(
        `${model.name} (${engine}): ${states.filter((state) => reachedStates.has(state)).length}/${states.length} states, ` +
          `${edges.filter((edge) => drivenEdges.has(edge)).length}/${edges.length} transitions through the API (${why}), ` +
          (model.refusals
            ? `${refusals.filter((refusal) => checkedRefusals.has(refusal)).length}/${refusals.length} refusals with their codes, `
            : "") +
          `in ${model.walks.length} walks`,
      );
    });
  });
});
