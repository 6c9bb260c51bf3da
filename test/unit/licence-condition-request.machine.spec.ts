import { createActor, getNextTransitions, initialTransition, transition } from "xstate";
import { LicenceConditionRequestStatus } from "../../src/domain/licence-conditions/licence-condition.enums";
import {
  explainLicenceConditionRefusal,
  licenceConditionRequestMachine,
} from "../../src/machines/licence-condition-request.machine";
import type {
  LicenceConditionRequestEvent,
  LicenceConditionRequestSnapshot,
} from "../../src/machines/licence-condition-request.machine";

const ALL_STATES = Object.values(LicenceConditionRequestStatus);
const FINAL_STATES: LicenceConditionRequestStatus[] = [
  LicenceConditionRequestStatus.ADOPTED,
  LicenceConditionRequestStatus.NOT_ADOPTED,
  LicenceConditionRequestStatus.WITHDRAWN,
];

// Every distinct event, including both answers of RECORD_DECISION.
const ALL_EVENTS: LicenceConditionRequestEvent[] = [
  { type: "FORWARD" },
  { type: "RECORD_DECISION", adopted: true },
  { type: "RECORD_DECISION", adopted: false },
  { type: "WITHDRAW" },
];

const ACCEPTED: Record<LicenceConditionRequestStatus, LicenceConditionRequestEvent["type"][]> = {
  [LicenceConditionRequestStatus.REQUESTED]: ["FORWARD", "WITHDRAW"],
  [LicenceConditionRequestStatus.FORWARDED]: ["RECORD_DECISION", "WITHDRAW"],
  [LicenceConditionRequestStatus.ADOPTED]: [],
  [LicenceConditionRequestStatus.NOT_ADOPTED]: [],
  [LicenceConditionRequestStatus.WITHDRAWN]: [],
};

function resolve(state: LicenceConditionRequestStatus): LicenceConditionRequestSnapshot {
  return licenceConditionRequestMachine.resolveState({ value: state });
}

const describeEvent = (event: LicenceConditionRequestEvent) =>
  event.type === "RECORD_DECISION" ? `RECORD_DECISION(adopted: ${event.adopted})` : event.type;

function expectAccepted(
  snapshot: LicenceConditionRequestSnapshot,
  event: LicenceConditionRequestEvent,
  expectedState: LicenceConditionRequestStatus,
): void {
  expect(snapshot.can(event)).toBe(true);
  expect(explainLicenceConditionRefusal(snapshot, event)).toBeNull();
  const [next] = transition(licenceConditionRequestMachine, snapshot, event);
  expect(next.value).toBe(expectedState);
  expect(next.status).toBe(FINAL_STATES.includes(expectedState) ? "done" : "active");
}

function expectRefused(snapshot: LicenceConditionRequestSnapshot, event: LicenceConditionRequestEvent): void {
  const before = snapshot.value;
  expect(snapshot.can(event)).toBe(false);
  expect(explainLicenceConditionRefusal(snapshot, event)).toBe("TRANSITION_NOT_ALLOWED");
  const [next] = transition(licenceConditionRequestMachine, snapshot, event);
  expect(next.value).toBe(before);
}

describe("licence condition request machine", () => {
  it("should start REQUESTED when a victim makes a request", () => {
    const [snapshot] = initialTransition(licenceConditionRequestMachine);
    expect(snapshot.value).toBe(LicenceConditionRequestStatus.REQUESTED);
    expect(snapshot.status).toBe("active");
  });

  describe("transition table", () => {
    type Row = [string, LicenceConditionRequestStatus, LicenceConditionRequestEvent, LicenceConditionRequestStatus];
    const rows: Row[] = [
      [
        "forward a request to the decision maker",
        LicenceConditionRequestStatus.REQUESTED,
        { type: "FORWARD" },
        LicenceConditionRequestStatus.FORWARDED,
      ],
      [
        "withdraw a request before it is forwarded",
        LicenceConditionRequestStatus.REQUESTED,
        { type: "WITHDRAW" },
        LicenceConditionRequestStatus.WITHDRAWN,
      ],
      [
        "record that a forwarded condition was adopted",
        LicenceConditionRequestStatus.FORWARDED,
        { type: "RECORD_DECISION", adopted: true },
        LicenceConditionRequestStatus.ADOPTED,
      ],
      [
        "record that a forwarded condition was not adopted",
        LicenceConditionRequestStatus.FORWARDED,
        { type: "RECORD_DECISION", adopted: false },
        LicenceConditionRequestStatus.NOT_ADOPTED,
      ],
      [
        "withdraw a request after it is forwarded",
        LicenceConditionRequestStatus.FORWARDED,
        { type: "WITHDRAW" },
        LicenceConditionRequestStatus.WITHDRAWN,
      ],
    ];

    it.each(rows)("should %s", (_name, from, event, to) => {
      expectAccepted(resolve(from), event, to);
    });
  });

  describe("refused events", () => {
    it.each(ALL_STATES)("should offer exactly the events of the table when the state is %s", (state) => {
      const offered = new Set(getNextTransitions(resolve(state)).map((t) => t.eventType));
      expect([...offered].sort()).toEqual([...ACCEPTED[state]].sort());
    });

    it.each([true, false])(
      "should refuse RECORD_DECISION(adopted: %s) with TRANSITION_NOT_ALLOWED when the request has not been forwarded",
      (adopted) => {
        expectRefused(resolve(LicenceConditionRequestStatus.REQUESTED), { type: "RECORD_DECISION", adopted });
      },
    );

    it("should refuse FORWARD with TRANSITION_NOT_ALLOWED when the request is already forwarded", () => {
      expectRefused(resolve(LicenceConditionRequestStatus.FORWARDED), { type: "FORWARD" });
    });

    const finalRefusals = FINAL_STATES.flatMap((state) =>
      ALL_EVENTS.map((event) => [state, describeEvent(event), event] as const),
    );

    it.each(finalRefusals)(
      "should refuse with TRANSITION_NOT_ALLOWED when final state %s receives %s",
      (state, _name, event) => {
        const snapshot = resolve(state);
        expect(snapshot.status).toBe("done");
        expectRefused(snapshot, event);
      },
    );
  });

  describe("can() and explainLicenceConditionRefusal agree", () => {
    const pairs = ALL_STATES.flatMap((state) =>
      ALL_EVENTS.map((event) => [state, describeEvent(event), event] as const),
    );

    it.each(pairs)(
      "should have can() true exactly when the refusal is null when %s receives %s",
      (state, _name, event) => {
        const snapshot = resolve(state);
        const refusal = explainLicenceConditionRefusal(snapshot, event);
        expect(snapshot.can(event)).toBe(refusal === null);
        expect(refusal === null).toBe(ACCEPTED[state].includes(event.type));
      },
    );
  });

  describe("persistence", () => {
    it.each(ALL_STATES)("should round-trip the state through resolveState when it is %s", (state) => {
      const stored = JSON.parse(JSON.stringify({ value: state })) as { value: LicenceConditionRequestStatus };
      const snapshot = licenceConditionRequestMachine.resolveState(stored);
      expect(snapshot.value).toBe(state);
      expect(snapshot.status).toBe(FINAL_STATES.includes(state) ? "done" : "active");
    });

    it.each([
      [true, LicenceConditionRequestStatus.ADOPTED],
      [false, LicenceConditionRequestStatus.NOT_ADOPTED],
    ])("should finish a running actor when the decision is recorded with adopted %s", (adopted, expected) => {
      const actor = createActor(licenceConditionRequestMachine).start();
      actor.send({ type: "FORWARD" });
      actor.send({ type: "RECORD_DECISION", adopted });
      expect(actor.getSnapshot().value).toBe(expected);
      expect(actor.getSnapshot().status).toBe("done");
    });
  });
});
