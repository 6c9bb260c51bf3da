import { initialTransition, transition, type AnyMachineSnapshot } from "xstate";
import { CaseStatus, CloseReason } from "../../src/domain/cases/case.enums";
import { ContactChannel, InformationLevel } from "../../src/domain/cases/contact.enums";
import { CustodyPhase } from "../../src/domain/custody/custody.enums";
import { caseMachine } from "../../src/machines/case.machine";
import type { CaseContext, CaseEvent } from "../../src/machines/machine-events";
import { initialTransitionOf, transitionOf } from "../../src/machines/pure-transition";

// The kept scope must give exactly what XState's own pure functions give, call after call.
describe("transitionOf and initialTransitionOf", () => {
  const contexts: CaseContext[] = [
    {
      custodyPhase: CustodyPhase.IN_CUSTODY,
      reachableChannels: [ContactChannel.LETTER],
      contactPlan: null,
      declineReason: null,
      invitationsSent: 1,
      closeReason: null,
      statusWhenClosed: null,
    },
    {
      custodyPhase: CustodyPhase.PAROLE_REVIEW,
      reachableChannels: [],
      contactPlan: { informationLevel: InformationLevel.KEY_STAGES, channels: [ContactChannel.EMAIL] },
      declineReason: null,
      invitationsSent: 2,
      closeReason: null,
      statusWhenClosed: CaseStatus.ACTIVE,
    },
  ];
  const events: CaseEvent[] = [
    { type: "SEND_INVITATION", channel: ContactChannel.LETTER },
    { type: "SEND_INVITATION", channel: ContactChannel.EMAIL },
    { type: "RECORD_OPT_IN" },
    { type: "RECORD_DECLINE" },
    { type: "INVITATION_EXPIRED" },
    {
      type: "AGREE_CONTACT_PLAN",
      informationLevel: InformationLevel.RELEASE_MONTH_ONLY,
      channels: [ContactChannel.LETTER],
    },
    { type: "RECORD_OPT_OUT" },
    { type: "CONTACTS_CHANGED", reachableChannels: [ContactChannel.PHONE] },
    { type: "CLOSE", reason: Object.values(CloseReason)[0] },
    ...Object.values(CustodyPhase).map((custodyPhase): CaseEvent => ({ type: "CUSTODY_CHANGED", custodyPhase })),
  ];
  const shape = ([snapshot, actions]: [AnyMachineSnapshot, unknown[]]) => ({
    value: snapshot.value,
    context: snapshot.context,
    status: snapshot.status,
    actions: actions.map((action) => (action as { type: string }).type),
  });

  it("should give XState's snapshot and actions for every status, context and event of the case machine", () => {
    let compared = 0;
    let moved = 0;
    for (const status of Object.values(CaseStatus))
      for (const context of contexts)
        for (const event of events) {
          const snapshot = caseMachine.resolveState({ value: status, context });
          const ours = shape(transitionOf(caseMachine, snapshot, event));
          expect(ours).toEqual(shape(transition(caseMachine, snapshot, event)));
          compared += 1;
          if (ours.value !== status || JSON.stringify(ours.context) !== JSON.stringify(context)) moved += 1;
        }
    expect(compared).toBe(Object.values(CaseStatus).length * contexts.length * events.length);
    // Most of them change something: the comparison is not of snapshots left as they were.
    expect(moved).toBeGreaterThan(compared / 3);
  });

  it("should start a machine as XState's initialTransition does, whatever was called before", () => {
    const input = { custodyPhase: CustodyPhase.IN_CUSTODY, reachableChannels: [ContactChannel.EMAIL] };
    const before = shape(initialTransitionOf(caseMachine, input));
    transitionOf(caseMachine, caseMachine.resolveState({ value: CaseStatus.INVITED, context: contexts[0] }), events[0]);
    expect(shape(initialTransitionOf(caseMachine, input))).toEqual(before);
    expect(before).toEqual(shape(initialTransition(caseMachine, input)));
    expect(before.value).toBe(CaseStatus.REFERRED);
  });
});
