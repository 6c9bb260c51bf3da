import { getNextTransitions, initialTransition, transition } from "xstate";
import { TaskKind, TaskStatus } from "../../src/domain/work/task.enums";
import {
  availableTaskEvents,
  CLOSED_BY_OFFICER,
  explainTaskRefusal,
  taskMachine,
  type TaskEvent,
} from "../../src/machines/task.machine";

const EVENTS: TaskEvent[] = [{ type: "COMPLETE" }, { type: "RESOLVE" }, { type: "CANCEL" }];

const resolve = (status: TaskStatus, kind: TaskKind) => taskMachine.resolveState({ value: status, context: { kind } });

// The table of a task's life (issue "Contact plans in action"): OPEN → DONE or CANCELLED; only the
// officer's own kinds are completed by hand, the others by the step they ask for.
// The work the service cannot see done: only the officer can say it is.
const OFFICER_CLOSES: readonly TaskKind[] = [TaskKind.CONTACT_VICTIM_DIRECTLY, TaskKind.SEEK_VICTIM_VIEWS];

function expected(
  status: TaskStatus,
  kind: TaskKind,
  type: TaskEvent["type"],
): TaskStatus | "TRANSITION_NOT_ALLOWED" | "ALREADY_RECORDED" {
  if (status === TaskStatus.OPEN) {
    if (type === "RESOLVE") return TaskStatus.DONE;
    if (type === "CANCEL") return TaskStatus.CANCELLED;
    return OFFICER_CLOSES.includes(kind) ? TaskStatus.DONE : "TRANSITION_NOT_ALLOWED";
  }
  return status === TaskStatus.DONE && type === "COMPLETE" ? "ALREADY_RECORDED" : "TRANSITION_NOT_ALLOWED";
}

const rows = Object.values(TaskStatus).flatMap((status) =>
  Object.values(TaskKind).flatMap((kind) =>
    EVENTS.map((event) => [status, kind, event.type, expected(status, kind, event.type)] as const),
  ),
);

describe("task machine", () => {
  it.each(rows)("should, in %s for a %s task, answer %s with %s", (status, kind, type, outcome) => {
    const snapshot = resolve(status, kind);
    const event = EVENTS.find((candidate) => candidate.type === type)!;
    if (outcome === "TRANSITION_NOT_ALLOWED" || outcome === "ALREADY_RECORDED") {
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

  it("should offer COMPLETE only on an open task the officer closes", () => {
    expect([...CLOSED_BY_OFFICER]).toEqual(OFFICER_CLOSES);
    for (const status of Object.values(TaskStatus)) {
      for (const kind of Object.values(TaskKind)) {
        expect(availableTaskEvents(resolve(status, kind))).toEqual(
          status === TaskStatus.OPEN && OFFICER_CLOSES.includes(kind) ? ["COMPLETE"] : [],
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
