import { setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { TaskKind, TaskStatus } from "../domain/work/task.enums";
import { explainRefusal } from "./explain-refusal";

export type TaskContext = { kind: TaskKind };

export type TaskEvent =
  /** The officer says it is done (completeTask). */
  | { type: "COMPLETE" }
  /** The step it asks for was recorded (an invitation, a statement sent to the Board). */
  | { type: "RESOLVE" }
  /** No longer needed: the victim replied, the review ended, the case closed or the victim opted out. */
  | { type: "CANCEL" };

// Kinds whose work is itself a recorded step close with that step, so the record and the task
// cannot disagree; only what the service cannot see done is the officer's to close.
export const CLOSED_BY_OFFICER: ReadonlySet<TaskKind> = new Set([
  TaskKind.CONTACT_VICTIM_DIRECTLY,
  TaskKind.SEEK_VICTIM_VIEWS,
]);

// OPEN → DONE (completed, or resolved by the step it asked for) or CANCELLED.
export const taskMachine = setup({
  types: { context: {} as TaskContext, events: {} as TaskEvent, input: {} as TaskContext },
  guards: {
    isClosedByOfficer: ({ context }) => CLOSED_BY_OFFICER.has(context.kind),
  },
}).createMachine({
  id: "task",
  initial: TaskStatus.OPEN,
  context: ({ input }) => input,
  states: {
    [TaskStatus.OPEN]: {
      on: {
        COMPLETE: { guard: "isClosedByOfficer", target: TaskStatus.DONE },
        RESOLVE: { target: TaskStatus.DONE },
        CANCEL: { target: TaskStatus.CANCELLED },
      },
    },
    [TaskStatus.DONE]: { type: "final" },
    [TaskStatus.CANCELLED]: { type: "final" },
  },
});

export type TaskSnapshot = SnapshotFrom<typeof taskMachine>;

export type TaskRefusalCode = "TRANSITION_NOT_ALLOWED" | "ALREADY_RECORDED";

/** Why the machine refuses an event: a task already done says so; anything else is not allowed now. */
export function explainTaskRefusal(snapshot: TaskSnapshot, event: TaskEvent): TaskRefusalCode | null {
  if (snapshot.value === TaskStatus.DONE && event.type === "COMPLETE") return "ALREADY_RECORDED";
  return explainRefusal<"TRANSITION_NOT_ALLOWED">(snapshot, event, {});
}

/** The steps an officer may take on a task now, for buttons. */
export function availableTaskEvents(snapshot: TaskSnapshot): "COMPLETE"[] {
  return snapshot.can({ type: "COMPLETE" }) ? ["COMPLETE"] : [];
}
