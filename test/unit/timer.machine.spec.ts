import { getNextTransitions, initialTransition, transition } from "xstate";
import { TimerStatus } from "../../src/domain/work/timer.enums";
import {
  availableTimerEvents,
  explainTimerRefusal,
  timerMachine,
  timerSnapshot,
  type TimerEvent,
} from "../../src/machines/timer.machine";

const EVENTS: TimerEvent[] = [{ type: "FIRE" }, { type: "SKIP" }];

// The table of what timer-runner.ts does today: it takes only PENDING timers, and marks each FIRED
// (it did its work) or SKIPPED (its subject had moved on, or the step was refused); a fired or
// skipped timer is never taken again.
function expected(status: TimerStatus, type: TimerEvent["type"]): TimerStatus | "TRANSITION_NOT_ALLOWED" {
  if (status !== TimerStatus.PENDING) return "TRANSITION_NOT_ALLOWED";
  return type === "FIRE" ? TimerStatus.FIRED : TimerStatus.SKIPPED;
}

const rows = Object.values(TimerStatus).flatMap((status) =>
  EVENTS.map((event) => [status, event.type, expected(status, event.type)] as const),
);

describe("timer machine", () => {
  it("should have exactly the stored statuses as its states", () => {
    expect(Object.keys(timerMachine.root.states).sort()).toEqual(Object.values(TimerStatus).sort());
  });

  it.each(rows)("should, in %s, answer %s with %s", (status, type, outcome) => {
    const snapshot = timerSnapshot(status);
    const event = EVENTS.find((candidate) => candidate.type === type)!;
    if (outcome === "TRANSITION_NOT_ALLOWED") {
      expect(snapshot.can(event)).toBe(false);
      expect(explainTimerRefusal(snapshot, event)).toBe(outcome);
      expect(transition(timerMachine, snapshot, event)[0].value).toBe(status);
      return;
    }
    expect(snapshot.can(event)).toBe(true);
    expect(explainTimerRefusal(snapshot, event)).toBeNull();
    expect(transition(timerMachine, snapshot, event)[0].value).toBe(outcome);
  });

  it("should set every timer PENDING", () => {
    const [snapshot] = initialTransition(timerMachine);
    expect([snapshot.value, snapshot.status]).toEqual([TimerStatus.PENDING, "active"]);
  });

  it("should accept both of the runner's events while pending, and none after", () => {
    expect(Object.values(TimerStatus).map((status) => [status, availableTimerEvents(timerSnapshot(status))])).toEqual([
      [TimerStatus.PENDING, ["FIRE", "SKIP"]],
      [TimerStatus.FIRED, []],
      [TimerStatus.SKIPPED, []],
    ]);
  });

  it("should be final once fired or skipped", () => {
    for (const status of [TimerStatus.FIRED, TimerStatus.SKIPPED]) {
      expect(getNextTransitions(timerSnapshot(status))).toEqual([]);
      expect(timerSnapshot(status).status).toBe("done");
    }
  });
});
