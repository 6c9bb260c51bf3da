import { getNextTransitions, initialTransition, transition } from "xstate";
import { TaskKind, TaskStatus } from "../../src/domain/work/task.enums";
import {
  availableTaskEvents,
  CLOSED_BY_OFFICER,
  explainTaskRefusal,
  taskMachine,
  type TaskEvent,
} from "../../src/machines/task.machine";

// COMPLETE_WITH_REASON is the officer's completeTask with a reason; CANCEL the same whether a
// reaction or the officer (with a reason) sends it.
const EVENTS = {
  COMPLETE: { type: "COMPLETE" },
  COMPLETE_WITH_REASON: { type: "COMPLETE", reason: "Done by telephone." },
  RESOLVE: { type: "RESOLVE" },
  CANCEL: { type: "CANCEL" },
} satisfies Record<string, TaskEvent>;
type Step = keyof typeof EVENTS;

const resolve = (status: TaskStatus, kind: TaskKind) => taskMachine.resolveState({ value: status, context: { kind } });

// The table of a task's life (issue "Contact plans in action"): OPEN → DONE or CANCELLED; the
// officer's own kinds are completed by hand, the others by the step they ask for, or by hand with a
// reason (issue 12: no task that cannot be cleared).
// The work the service cannot see done: only the officer can say it is.
const OFFICER_CLOSES: readonly TaskKind[] = [TaskKind.CONTACT_VICTIM_DIRECTLY, TaskKind.SEEK_VICTIM_VIEWS];

function expected(
  status: TaskStatus,
  kind: TaskKind,
  step: Step,
): TaskStatus | "TRANSITION_NOT_ALLOWED" | "ALREADY_RECORDED" | "INVALID_INPUT" {
  if (status === TaskStatus.OPEN) {
    if (step === "RESOLVE" || step === "COMPLETE_WITH_REASON") return TaskStatus.DONE;
    if (step === "CANCEL") return TaskStatus.CANCELLED;
    return OFFICER_CLOSES.includes(kind) ? TaskStatus.DONE : "INVALID_INPUT";
  }
  return status === TaskStatus.DONE && EVENTS[step].type === "COMPLETE" ? "ALREADY_RECORDED" : "TRANSITION_NOT_ALLOWED";
}

const rows = Object.values(TaskStatus).flatMap((status) =>
  Object.values(TaskKind).flatMap((kind) =>
    (Object.keys(EVENTS) as Step[]).map((step) => [status, kind, step, expected(status, kind, step)] as const),
  ),
);

describe("task machine", () => {
  it.each(rows)("should, in %s for a %s task, answer %s with %s", (status, kind, step, outcome) => {
    const snapshot = resolve(status, kind);
    const event = EVENTS[step];
    if (outcome === "TRANSITION_NOT_ALLOWED" || outcome === "ALREADY_RECORDED" || outcome === "INVALID_INPUT") {
      expect(snapshot.can(event)).toBe(false);
      expect(explainTaskRefusal(snapshot, event)).toBe(outcome);
      return;
    }
    expect(explainTaskRefusal(snapshot, event)).toBeNull();
    expect(transition(taskMachine, snapshot, event)[0].value).toBe(outcome);
  });

  it("should raise every kind OPEN, keeping its kind in the context", () => {
    for (const kind of Object.values(TaskKind)) {
      const [snapshot] = initialTransition(taskMachine, { kind });
      expect([snapshot.value, snapshot.context.kind]).toEqual([TaskStatus.OPEN, kind]);
    }
  });

  it("should offer COMPLETE and CANCEL on every open task, and nothing on a closed one", () => {
    expect([...CLOSED_BY_OFFICER]).toEqual(OFFICER_CLOSES);
    for (const status of Object.values(TaskStatus)) {
      for (const kind of Object.values(TaskKind)) {
        expect(availableTaskEvents(resolve(status, kind))).toEqual(
          status === TaskStatus.OPEN ? ["COMPLETE", "CANCEL"] : [],
        );
      }
    }
  });

  it("should be final once done or cancelled", () => {
    for (const status of [TaskStatus.DONE, TaskStatus.CANCELLED]) {
      expect(getNextTransitions(resolve(status, TaskKind.FIRST_CONTACT))).toEqual([]);
      expect(resolve(status, TaskKind.FIRST_CONTACT).status).toBe("done");
    }
  });
});
