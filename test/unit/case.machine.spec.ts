import { createActor, getNextTransitions, initialTransition, transition } from "xstate";
import {
  CaseAction,
  CaseStatus,
  CloseReason,
  DeclineReason,
  ENGAGED_STATUSES,
} from "../../src/domain/cases/case.enums";
import { ContactChannel, InformationLevel } from "../../src/domain/cases/contact.enums";
import { CustodyPhase, CONTACT_ENDING_PHASES } from "../../src/domain/custody/custody.enums";
import {
  CASE_ACTION_EVENTS,
  CASE_GUARD_REFUSALS,
  availableCaseActions,
  availableCaseActionsOf,
  caseMachine,
  explainCaseRefusal,
  isValidContactPlan,
} from "../../src/machines/case.machine";
import type { CaseSnapshot } from "../../src/machines/case.machine";
import { closeReasonForFinalPhase, engagedStatusFor } from "../../src/machines/engaged-status";
import { CASE_EVENT_TYPES } from "../../src/machines/machine-events";
import type {
  CaseContext,
  CaseEvent,
  CaseEventType,
  CaseRefusalCode,
  ContactPlanChoice,
} from "../../src/machines/machine-events";

const ALL_STATUSES = Object.values(CaseStatus);
const NON_FINAL_STATUSES = ALL_STATUSES.filter((status) => status !== CaseStatus.CLOSED);
const ENGAGED = [...ENGAGED_STATUSES];
const ALL_PHASES = Object.values(CustodyPhase);
const NON_FINAL_PHASES = ALL_PHASES.filter((phase) => !CONTACT_ENDING_PHASES.has(phase));
const FINAL_PHASES = [...CONTACT_ENDING_PHASES];

const PLAN: ContactPlanChoice = { informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.LETTER] };

// The phase an engaged status mirrors, so rebuilt snapshots are ones the pipeline could store.
const PHASE_FOR_ENGAGED: Record<CaseStatus, CustodyPhase> = {
  ...(Object.fromEntries(ALL_STATUSES.map((s) => [s, CustodyPhase.IN_CUSTODY])) as Record<CaseStatus, CustodyPhase>),
  [CaseStatus.PAROLE]: CustodyPhase.PAROLE_REVIEW,
  [CaseStatus.RELEASED]: CustodyPhase.RELEASED,
  [CaseStatus.RECALLED]: CustodyPhase.RECALLED,
};

function caseContext(overrides: Partial<CaseContext> = {}): CaseContext {
  return {
    custodyPhase: CustodyPhase.IN_CUSTODY,
    reachableChannels: [ContactChannel.LETTER, ContactChannel.EMAIL],
    contactPlan: null,
    declineReason: null,
    invitationsSent: 0,
    closeReason: null,
    statusWhenClosed: null,
    ...overrides,
  };
}

function typicalContext(status: CaseStatus): CaseContext {
  const base = caseContext({ custodyPhase: PHASE_FOR_ENGAGED[status] });
  switch (status) {
    case CaseStatus.REFERRED:
      return base;
    case CaseStatus.INVITED:
    case CaseStatus.OPTED_IN:
      return { ...base, invitationsSent: 1 };
    case CaseStatus.DECLINED:
      return { ...base, invitationsSent: 1, declineReason: DeclineReason.DECLINED };
    case CaseStatus.OPTED_OUT:
      return { ...base, invitationsSent: 1, contactPlan: PLAN };
    case CaseStatus.CLOSED:
      return { ...base, closeReason: CloseReason.OTHER };
    default:
      return { ...base, invitationsSent: 1, contactPlan: PLAN };
  }
}

function resolve(status: CaseStatus, context: CaseContext = typicalContext(status)): CaseSnapshot {
  return caseMachine.resolveState({ value: status, context });
}

function sampleEvent(type: CaseEventType): CaseEvent {
  switch (type) {
    case "SEND_INVITATION":
      return { type, channel: ContactChannel.LETTER };
    case "AGREE_CONTACT_PLAN":
      return { type, ...PLAN };
    case "CUSTODY_CHANGED":
      return { type, custodyPhase: CustodyPhase.RELEASED };
    case "CLOSE":
      return { type, reason: CloseReason.OTHER };
    case "CONTACTS_CHANGED":
      return { type, reachableChannels: [ContactChannel.EMAIL] };
    default:
      return { type };
  }
}

// The events each status accepts (DESIGN §3.2); everything else must be refused.
const ENGAGED_EVENTS: CaseEventType[] = [
  "AGREE_CONTACT_PLAN",
  "CUSTODY_CHANGED",
  "RECORD_OPT_OUT",
  "CONTACTS_CHANGED",
  "CLOSE",
];
const ACCEPTED: Record<CaseStatus, CaseEventType[]> = {
  [CaseStatus.REFERRED]: ["SEND_INVITATION", "CUSTODY_CHANGED", "CONTACTS_CHANGED", "CLOSE"],
  [CaseStatus.INVITED]: [
    "SEND_INVITATION",
    "RECORD_OPT_IN",
    "RECORD_DECLINE",
    "INVITATION_EXPIRED",
    "CUSTODY_CHANGED",
    "CONTACTS_CHANGED",
    "CLOSE",
  ],
  [CaseStatus.OPTED_IN]: ["AGREE_CONTACT_PLAN", "RECORD_OPT_OUT", "CUSTODY_CHANGED", "CONTACTS_CHANGED", "CLOSE"],
  [CaseStatus.DECLINED]: ["RECORD_OPT_IN", "CUSTODY_CHANGED", "CONTACTS_CHANGED", "CLOSE"],
  [CaseStatus.ACTIVE]: ENGAGED_EVENTS,
  [CaseStatus.PAROLE]: ENGAGED_EVENTS,
  [CaseStatus.RELEASED]: ENGAGED_EVENTS,
  [CaseStatus.RECALLED]: ENGAGED_EVENTS,
  [CaseStatus.OPTED_OUT]: ["RECORD_OPT_IN", "CUSTODY_CHANGED", "CONTACTS_CHANGED", "CLOSE"],
  // Only the offender's return after removal, and only to a case the removal closed (guarded).
  [CaseStatus.CLOSED]: ["CUSTODY_CHANGED"],
};

function expectAccepted(
  snapshot: CaseSnapshot,
  event: CaseEvent,
  expectedStatus: CaseStatus,
  expectedContext: CaseContext,
): void {
  expect(snapshot.can(event)).toBe(true);
  expect(explainCaseRefusal(snapshot, event)).toBeNull();
  const [next] = transition(caseMachine, snapshot, event);
  expect(next.value).toBe(expectedStatus);
  expect(next.context).toEqual(expectedContext);
  // Not even CLOSED is a final state: a case the offender's removal closed reopens on their return.
  expect(next.status).toBe("active");
}

function expectRefused(snapshot: CaseSnapshot, event: CaseEvent, code: CaseRefusalCode): void {
  const before = { value: snapshot.value, context: structuredClone(snapshot.context) };
  expect(snapshot.can(event)).toBe(false);
  expect(explainCaseRefusal(snapshot, event)).toBe(code);
  const [next] = transition(caseMachine, snapshot, event);
  expect(next.value).toBe(before.value);
  expect(next.context).toEqual(before.context);
}

describe("engaged status", () => {
  it.each([
    [CustodyPhase.IN_CUSTODY, CaseStatus.ACTIVE],
    [CustodyPhase.UNLAWFULLY_AT_LARGE, CaseStatus.ACTIVE],
    [CustodyPhase.PAROLE_REVIEW, CaseStatus.PAROLE],
    [CustodyPhase.RELEASED, CaseStatus.RELEASED],
    [CustodyPhase.RECALLED, CaseStatus.RECALLED],
    [CustodyPhase.SENTENCE_ENDED, CaseStatus.CLOSED],
    [CustodyPhase.DECEASED, CaseStatus.CLOSED],
    [CustodyPhase.REMOVED_FROM_UK, CaseStatus.CLOSED],
  ])("should give the engaged status when the custody phase is %s", (phase, status) => {
    expect(engagedStatusFor(phase)).toBe(status);
  });

  const closeReasons: [CustodyPhase, CloseReason | null][] = [
    [CustodyPhase.SENTENCE_ENDED, CloseReason.SENTENCE_ENDED],
    [CustodyPhase.DECEASED, CloseReason.OFFENDER_DIED],
    [CustodyPhase.REMOVED_FROM_UK, CloseReason.OFFENDER_REMOVED_FROM_UK],
    ...NON_FINAL_PHASES.map((phase): [CustodyPhase, null] => [phase, null]),
  ];

  it.each(closeReasons)("should give the close reason when the custody phase is %s", (phase, reason) => {
    expect(closeReasonForFinalPhase(phase)).toBe(reason);
  });
});

describe("case machine", () => {
  describe("initial state", () => {
    it("should start referred with the offender's phase and the reachable channels when created", () => {
      const input = { custodyPhase: CustodyPhase.RECALLED, reachableChannels: [ContactChannel.PHONE] };
      const [snapshot] = initialTransition(caseMachine, input);
      expect(snapshot.value).toBe(CaseStatus.REFERRED);
      expect(snapshot.status).toBe("active");
      expect(snapshot.context).toEqual(caseContext(input));
    });
  });

  describe("transition table (DESIGN §3.2)", () => {
    type Row = [string, CaseStatus, CaseContext, CaseEvent, CaseStatus, Partial<CaseContext>];
    const withPlan = (status: CaseStatus, phase: CustodyPhase): CaseContext => ({
      ...typicalContext(status),
      custodyPhase: phase,
      contactPlan: PLAN,
    });

    const rows: Row[] = [
      ...[ContactChannel.LETTER, ContactChannel.EMAIL].map(
        (channel): Row => [
          `send a first invitation by ${channel}`,
          CaseStatus.REFERRED,
          typicalContext(CaseStatus.REFERRED),
          { type: "SEND_INVITATION", channel },
          CaseStatus.INVITED,
          { invitationsSent: 1 },
        ],
      ),
      [
        "send a follow-up invitation offering a visit",
        CaseStatus.INVITED,
        typicalContext(CaseStatus.INVITED),
        { type: "SEND_INVITATION", channel: ContactChannel.EMAIL, visitOffered: true },
        CaseStatus.INVITED,
        { invitationsSent: 2 },
      ],
      [
        "record an opt-in to an invitation",
        CaseStatus.INVITED,
        typicalContext(CaseStatus.INVITED),
        { type: "RECORD_OPT_IN" },
        CaseStatus.OPTED_IN,
        {},
      ],
      [
        "record a decline",
        CaseStatus.INVITED,
        typicalContext(CaseStatus.INVITED),
        { type: "RECORD_DECLINE" },
        CaseStatus.DECLINED,
        { declineReason: DeclineReason.DECLINED },
      ],
      [
        "treat an unanswered invitation as declined",
        CaseStatus.INVITED,
        typicalContext(CaseStatus.INVITED),
        { type: "INVITATION_EXPIRED" },
        CaseStatus.DECLINED,
        { declineReason: DeclineReason.NO_RESPONSE },
      ],
      ...[DeclineReason.DECLINED, DeclineReason.NO_RESPONSE].map(
        (declineReason): Row => [
          `opt in after a ${declineReason} decline without a plan`,
          CaseStatus.DECLINED,
          caseContext({ declineReason, invitationsSent: 1 }),
          { type: "RECORD_OPT_IN" },
          CaseStatus.OPTED_IN,
          { declineReason: null },
        ],
      ),
      [
        "opt back in after an opt-out without a plan",
        CaseStatus.OPTED_OUT,
        caseContext({ invitationsSent: 1 }),
        { type: "RECORD_OPT_IN" },
        CaseStatus.OPTED_IN,
        {},
      ],
      ...[CaseStatus.DECLINED, CaseStatus.OPTED_OUT].flatMap((from) =>
        NON_FINAL_PHASES.map(
          (phase): Row => [
            `resume the agreed plan from ${from} while the offender is ${phase}`,
            from,
            withPlan(from, phase),
            { type: "RECORD_OPT_IN" },
            engagedStatusFor(phase),
            { declineReason: null },
          ],
        ),
      ),
      ...NON_FINAL_PHASES.map(
        (phase): Row => [
          `agree a plan while the offender is ${phase}`,
          CaseStatus.OPTED_IN,
          { ...typicalContext(CaseStatus.OPTED_IN), custodyPhase: phase },
          {
            type: "AGREE_CONTACT_PLAN",
            informationLevel: InformationLevel.ANNUAL_LETTER,
            channels: [ContactChannel.EMAIL, ContactChannel.LETTER],
          },
          engagedStatusFor(phase),
          {
            contactPlan: {
              informationLevel: InformationLevel.ANNUAL_LETTER,
              channels: [ContactChannel.EMAIL, ContactChannel.LETTER],
            },
          },
        ],
      ),
      ...ENGAGED.map(
        (status): Row => [
          `change the plan while ${status}`,
          status,
          typicalContext(status),
          {
            type: "AGREE_CONTACT_PLAN",
            informationLevel: InformationLevel.RELEASE_MONTH_ONLY,
            channels: [ContactChannel.EMAIL],
          },
          status,
          { contactPlan: { informationLevel: InformationLevel.RELEASE_MONTH_ONLY, channels: [ContactChannel.EMAIL] } },
        ],
      ),
      ...ENGAGED.flatMap((status) =>
        NON_FINAL_PHASES.map(
          (custodyPhase): Row => [
            `follow the offender from ${status} to ${custodyPhase}`,
            status,
            typicalContext(status),
            { type: "CUSTODY_CHANGED", custodyPhase },
            engagedStatusFor(custodyPhase),
            { custodyPhase },
          ],
        ),
      ),
      ...NON_FINAL_STATUSES.filter((status) => !ENGAGED_STATUSES.has(status)).flatMap((status) =>
        NON_FINAL_PHASES.map(
          (custodyPhase): Row => [
            `only remember the phase ${custodyPhase} while ${status}`,
            status,
            typicalContext(status),
            { type: "CUSTODY_CHANGED", custodyPhase },
            status,
            { custodyPhase },
          ],
        ),
      ),
      ...NON_FINAL_STATUSES.flatMap((status) =>
        FINAL_PHASES.map(
          (custodyPhase): Row => [
            `close the case from ${status} when the offender's phase becomes ${custodyPhase}`,
            status,
            typicalContext(status),
            { type: "CUSTODY_CHANGED", custodyPhase },
            CaseStatus.CLOSED,
            { custodyPhase, closeReason: closeReasonForFinalPhase(custodyPhase), statusWhenClosed: status },
          ],
        ),
      ),
      ...[CaseStatus.OPTED_IN, ...ENGAGED].map(
        (status): Row => [
          `record an opt-out from ${status}, keeping the plan`,
          status,
          typicalContext(status),
          { type: "RECORD_OPT_OUT" },
          CaseStatus.OPTED_OUT,
          {},
        ],
      ),
      ...NON_FINAL_STATUSES.flatMap((status) =>
        Object.values(CloseReason).map(
          (reason): Row => [
            `close the case from ${status} for ${reason}`,
            status,
            typicalContext(status),
            { type: "CLOSE", reason },
            CaseStatus.CLOSED,
            { closeReason: reason },
          ],
        ),
      ),
    ];

    it.each(rows)("should %s when the event is accepted", (_name, from, context, event, to, changes) => {
      expectAccepted(resolve(from, context), event, to, { ...context, ...changes });
    });

    it("should land an opted-out victim in the status for the offender's current phase when they opt back in", () => {
      let [snapshot] = initialTransition(caseMachine, {
        custodyPhase: CustodyPhase.IN_CUSTODY,
        reachableChannels: [ContactChannel.PHONE],
      });
      const events: CaseEvent[] = [
        { type: "SEND_INVITATION", channel: ContactChannel.PHONE },
        { type: "RECORD_OPT_IN" },
        { type: "AGREE_CONTACT_PLAN", informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.PHONE] },
        { type: "RECORD_OPT_OUT" },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.PAROLE_REVIEW },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.RELEASED },
        { type: "RECORD_OPT_IN" },
      ];
      for (const event of events) [snapshot] = transition(caseMachine, snapshot, event);
      expect(snapshot.value).toBe(CaseStatus.RELEASED);
      expect(snapshot.context.custodyPhase).toBe(CustodyPhase.RELEASED);
    });
  });

  describe("guards", () => {
    it.each([CaseStatus.REFERRED, CaseStatus.INVITED])(
      "should refuse an invitation with INVALID_INPUT when %s and the contact has no detail for the channel",
      (status) => {
        expectRefused(resolve(status), { type: "SEND_INVITATION", channel: ContactChannel.PHONE }, "INVALID_INPUT");
      },
    );

    it("should refuse every invitation with INVALID_INPUT when the contact has no detail at all", () => {
      const snapshot = resolve(CaseStatus.REFERRED, caseContext({ reachableChannels: [] }));
      for (const channel of Object.values(ContactChannel)) {
        expectRefused(snapshot, { type: "SEND_INVITATION", channel }, "INVALID_INPUT");
      }
    });

    const optInAfterSentenceEnded = [CaseStatus.INVITED, CaseStatus.DECLINED, CaseStatus.OPTED_OUT].flatMap((status) =>
      FINAL_PHASES.flatMap((custodyPhase) =>
        [null, PLAN].map((contactPlan) => [status, custodyPhase, contactPlan !== null] as const),
      ),
    );

    it.each(optInAfterSentenceEnded)(
      "should refuse an opt-in with SENTENCE_ENDED when %s and the offender is %s (plan agreed: %s)",
      (status, custodyPhase, hasPlan) => {
        const context = { ...typicalContext(status), custodyPhase, contactPlan: hasPlan ? PLAN : null };
        expectRefused(resolve(status, context), { type: "RECORD_OPT_IN" }, "SENTENCE_ENDED");
      },
    );

    const badPlans: [string, ContactPlanChoice][] = [
      ["no channel", { informationLevel: InformationLevel.KEY_STAGES, channels: [] }],
      [
        "a duplicated channel",
        { informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.LETTER, ContactChannel.LETTER] },
      ],
      [
        "a channel without a contact detail",
        { informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.PHONE] },
      ],
      [
        "an unknown information level",
        { informationLevel: "EVERYTHING" as InformationLevel, channels: [ContactChannel.LETTER] },
      ],
    ];
    const planRefusals = [CaseStatus.OPTED_IN, ...ENGAGED].flatMap((status) =>
      badPlans.map(([name, plan]) => [status, name, plan] as const),
    );

    it.each(planRefusals)(
      "should refuse a plan with INVALID_INPUT when %s and the plan has %s",
      (status, _name, plan) => {
        expectRefused(resolve(status), { type: "AGREE_CONTACT_PLAN", ...plan }, "INVALID_INPUT");
      },
    );

    it.each([
      [[ContactChannel.LETTER], [ContactChannel.LETTER], true],
      [
        [ContactChannel.EMAIL, ContactChannel.PHONE],
        [ContactChannel.PHONE, ContactChannel.EMAIL, ContactChannel.LETTER],
        true,
      ],
      [[], [ContactChannel.LETTER], false],
      [[ContactChannel.EMAIL, ContactChannel.EMAIL], [ContactChannel.EMAIL], false],
      [[ContactChannel.EMAIL], [ContactChannel.LETTER], false],
    ])(
      "should judge a plan with channels %j when the reachable channels are %j (valid: %s)",
      (channels, reachable, valid) => {
        expect(isValidContactPlan({ informationLevel: InformationLevel.ANNUAL_LETTER, channels }, reachable)).toBe(
          valid,
        );
      },
    );

    it("should map each eligibility guard to its error code when listing guard refusals", () => {
      expect(CASE_GUARD_REFUSALS).toEqual({
        canReachVictimByChosenChannel: "INVALID_INPUT",
        isSentenceOngoing: "SENTENCE_ENDED",
        isCompletePlanLeadingTo: "INVALID_INPUT",
      });
    });
  });

  describe("reopening a case the offender's removal from the UK closed (issue 11 §13)", () => {
    const closedByRemoval = (statusWhenClosed: CaseStatus | null, contactPlan: ContactPlanChoice | null = PLAN) =>
      caseContext({
        custodyPhase: CustodyPhase.REMOVED_FROM_UK,
        closeReason: CloseReason.OFFENDER_REMOVED_FROM_UK,
        statusWhenClosed,
        contactPlan,
        invitationsSent: 1,
      });
    const REOPENED = { closeReason: null, statusWhenClosed: null, custodyPhase: CustodyPhase.IN_CUSTODY };
    const BACK: CaseEvent = { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.IN_CUSTODY };

    it.each(ENGAGED)("should resume an engaged victim's contact with their plan when closed from %s", (status) => {
      expectAccepted(resolve(CaseStatus.CLOSED, closedByRemoval(status)), BACK, CaseStatus.ACTIVE, {
        ...closedByRemoval(status),
        ...REOPENED,
      });
    });

    it.each([
      [CaseStatus.REFERRED, CaseStatus.REFERRED],
      [CaseStatus.INVITED, CaseStatus.REFERRED],
      [CaseStatus.OPTED_IN, CaseStatus.OPTED_IN],
      [CaseStatus.DECLINED, CaseStatus.DECLINED],
      [CaseStatus.OPTED_OUT, CaseStatus.OPTED_OUT],
    ])("should return a case closed from %s to %s, contacting nobody who had not chosen it", (from, to) => {
      expectAccepted(resolve(CaseStatus.CLOSED, closedByRemoval(from, null)), BACK, to, {
        ...closedByRemoval(from, null),
        ...REOPENED,
      });
    });

    it.each([CloseReason.SENTENCE_ENDED, CloseReason.OFFENDER_DIED, CloseReason.VICTIM_REQUEST, CloseReason.OTHER])(
      "should keep a case closed for %s closed whatever the offender's phase",
      (closeReason) => {
        const context = { ...closedByRemoval(CaseStatus.ACTIVE), closeReason };
        expectRefused(resolve(CaseStatus.CLOSED, context), BACK, "TRANSITION_NOT_ALLOWED");
      },
    );

    it("should keep closed a case closed by removal before the status was kept, and one whose offender then died", () => {
      expectRefused(resolve(CaseStatus.CLOSED, closedByRemoval(null)), BACK, "TRANSITION_NOT_ALLOWED");
      expectRefused(
        resolve(CaseStatus.CLOSED, closedByRemoval(CaseStatus.ACTIVE)),
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.DECEASED },
        "TRANSITION_NOT_ALLOWED",
      );
    });
  });

  describe("refused events", () => {
    it.each(ALL_STATUSES)("should offer exactly the events of the table when the status is %s", (status) => {
      const offered = new Set(getNextTransitions(resolve(status)).map((t) => t.eventType));
      expect([...offered].sort()).toEqual([...ACCEPTED[status]].sort());
    });

    const refusals = ALL_STATUSES.flatMap((status) =>
      CASE_EVENT_TYPES.filter((type) => !ACCEPTED[status].includes(type)).map((type) => [status, type] as const),
    );

    it.each(refusals)("should refuse with TRANSITION_NOT_ALLOWED when %s receives %s", (status, type) => {
      expectRefused(resolve(status), sampleEvent(type), "TRANSITION_NOT_ALLOWED");
    });
  });

  describe("available actions", () => {
    it("should map every action to a case event when listing action events", () => {
      for (const action of Object.values(CaseAction)) {
        expect(CASE_EVENT_TYPES).toContain(CASE_ACTION_EVENTS[action]);
      }
    });

    const expected: Record<CaseStatus, CaseAction[]> = {
      [CaseStatus.REFERRED]: [CaseAction.SEND_INVITATION, CaseAction.CLOSE],
      [CaseStatus.INVITED]: [
        CaseAction.SEND_INVITATION,
        CaseAction.RECORD_OPT_IN,
        CaseAction.RECORD_DECLINE,
        CaseAction.CLOSE,
      ],
      [CaseStatus.OPTED_IN]: [CaseAction.AGREE_CONTACT_PLAN, CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE],
      [CaseStatus.DECLINED]: [CaseAction.RECORD_OPT_IN, CaseAction.CLOSE],
      [CaseStatus.ACTIVE]: [CaseAction.AGREE_CONTACT_PLAN, CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE],
      [CaseStatus.PAROLE]: [CaseAction.AGREE_CONTACT_PLAN, CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE],
      [CaseStatus.RELEASED]: [CaseAction.AGREE_CONTACT_PLAN, CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE],
      [CaseStatus.RECALLED]: [CaseAction.AGREE_CONTACT_PLAN, CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE],
      [CaseStatus.OPTED_OUT]: [CaseAction.RECORD_OPT_IN, CaseAction.CLOSE],
      [CaseStatus.CLOSED]: [],
    };

    it.each(ALL_STATUSES)("should list the actions in enum order when the status is %s", (status) => {
      expect(availableCaseActions(resolve(status))).toEqual(expected[status]);
    });

    it("should offer an invitation when only a later reachable channel is known", () => {
      const snapshot = resolve(CaseStatus.REFERRED, caseContext({ reachableChannels: [ContactChannel.PHONE] }));
      expect(availableCaseActions(snapshot)).toEqual([CaseAction.SEND_INVITATION, CaseAction.CLOSE]);
    });

    it.each([CaseStatus.REFERRED, CaseStatus.INVITED])(
      "should not offer an invitation when %s and the contact has no detail",
      (status) => {
        const snapshot = resolve(status, { ...typicalContext(status), reachableChannels: [] });
        expect(availableCaseActions(snapshot)).not.toContain(CaseAction.SEND_INVITATION);
      },
    );

    it.each([CaseStatus.OPTED_IN, ...ENGAGED])(
      "should not offer a plan when %s and the contact has no detail",
      (status) => {
        const snapshot = resolve(status, { ...typicalContext(status), reachableChannels: [] });
        expect(availableCaseActions(snapshot)).toEqual([CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE]);
      },
    );

    it.each([CaseStatus.INVITED, CaseStatus.DECLINED, CaseStatus.OPTED_OUT])(
      "should not offer an opt-in when %s and the sentence has ended",
      (status) => {
        const snapshot = resolve(status, { ...typicalContext(status), custodyPhase: CustodyPhase.SENTENCE_ENDED });
        expect(availableCaseActions(snapshot)).not.toContain(CaseAction.RECORD_OPT_IN);
      },
    );

    it.each(ALL_STATUSES)(
      "should answer a stored %s case's actions from memory as the machine does, state by state",
      (status) => {
        // Each field of the context changed on its own: the remembered answer is keyed by all of them.
        const contexts: CaseContext[] = [
          typicalContext(status),
          { ...typicalContext(status), reachableChannels: [] },
          { ...typicalContext(status), reachableChannels: [ContactChannel.PHONE] },
          { ...typicalContext(status), custodyPhase: CustodyPhase.SENTENCE_ENDED },
          { ...typicalContext(status), contactPlan: null },
          { ...typicalContext(status), contactPlan: { ...PLAN, channels: [ContactChannel.PHONE] } },
          { ...typicalContext(status), declineReason: DeclineReason.NO_RESPONSE },
          { ...typicalContext(status), invitationsSent: 0 },
          { ...typicalContext(status), closeReason: CloseReason.OFFENDER_REMOVED_FROM_UK },
          { ...typicalContext(status), statusWhenClosed: CaseStatus.ACTIVE },
          { ...typicalContext(status), statusWhenClosed: CaseStatus.RELEASED },
        ];
        // Twice over, so the second round is answered from memory and must still tell the states apart.
        for (const round of [1, 2])
          for (const context of contexts)
            expect([round, availableCaseActionsOf(status, context)]).toEqual([
              round,
              availableCaseActions(resolve(status, context)),
            ]);
      },
    );
  });

  describe("persistence", () => {
    it.each(ALL_STATUSES)(
      "should round-trip value and context through resolveState when the status is %s",
      (status) => {
        const context = { ...typicalContext(status), reachableChannels: [ContactChannel.PHONE, ContactChannel.EMAIL] };
        const stored = JSON.parse(JSON.stringify({ value: status, context })) as {
          value: CaseStatus;
          context: CaseContext;
        };
        const snapshot = caseMachine.resolveState(stored);
        expect(snapshot.value).toBe(status);
        expect(snapshot.context).toEqual(context);
        expect(snapshot.status).toBe("active");
      },
    );

    it("should give the same result from rebuilt snapshots as from a running actor when a case is walked end to end", () => {
      const input = {
        custodyPhase: CustodyPhase.IN_CUSTODY,
        reachableChannels: [ContactChannel.LETTER, ContactChannel.PHONE],
      };
      const events: CaseEvent[] = [
        { type: "SEND_INVITATION", channel: ContactChannel.LETTER },
        { type: "SEND_INVITATION", channel: ContactChannel.PHONE, visitOffered: true },
        { type: "INVITATION_EXPIRED" },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.PAROLE_REVIEW },
        { type: "RECORD_OPT_IN" },
        { type: "AGREE_CONTACT_PLAN", informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.PHONE] },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.RELEASED },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.RECALLED },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.RELEASED },
        { type: "CUSTODY_CHANGED", custodyPhase: CustodyPhase.SENTENCE_ENDED },
      ];
      const actor = createActor(caseMachine, { input }).start();
      let [stored] = initialTransition(caseMachine, input);
      const path: CaseStatus[] = [];
      for (const event of events) {
        actor.send(event);
        const rebuilt = caseMachine.resolveState({
          value: stored.value,
          context: JSON.parse(JSON.stringify(stored.context)) as CaseContext,
        });
        [stored] = transition(caseMachine, rebuilt, event);
        expect(stored.value).toBe(actor.getSnapshot().value);
        expect(stored.context).toEqual(actor.getSnapshot().context);
        path.push(stored.value);
      }
      expect(path).toEqual([
        CaseStatus.INVITED,
        CaseStatus.INVITED,
        CaseStatus.DECLINED,
        CaseStatus.DECLINED,
        CaseStatus.OPTED_IN,
        CaseStatus.PAROLE,
        CaseStatus.RELEASED,
        CaseStatus.RECALLED,
        CaseStatus.RELEASED,
        CaseStatus.CLOSED,
      ]);
      expect(actor.getSnapshot().status).toBe("active");
      expect(stored.context).toEqual({
        custodyPhase: CustodyPhase.SENTENCE_ENDED,
        reachableChannels: [ContactChannel.LETTER, ContactChannel.PHONE],
        contactPlan: { informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.PHONE] },
        declineReason: null,
        invitationsSent: 2,
        closeReason: CloseReason.SENTENCE_ENDED,
        statusWhenClosed: CaseStatus.RELEASED,
      });
    });
  });
});
