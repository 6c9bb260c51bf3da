import { setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { TaskKind, TaskStatus } from "../domain/work/task.enums";
import { explainRefusal } from "./explain-refusal";

export type TaskContext = { kind: TaskKind };

export type TaskEvent =
  /** The officer says it is done (completeTask); a reason when the task would close with its own step. */
  | { type: "COMPLETE"; reason?: string }
  /** The step it asks for was recorded (an invitation, a statement sent to the Board). */
  | { type: "RESOLVE" }
  /**
   * No longer needed: the victim replied, the review ended, the case closed or the victim opted out;
   * or the officer says so, with a reason (cancelTask).
   */
  | { type: "CANCEL"; reason?: string };

// Kinds whose work is itself a recorded step close with that step, so the record and the task
// cannot disagree; only what the service cannot see done is the officer's to close.
export const CLOSED_BY_OFFICER: ReadonlySet<TaskKind> = new Set([
  TaskKind.CONTACT_VICTIM_DIRECTLY,
  TaskKind.SEEK_VICTIM_VIEWS,
]);

// What each guard checks, in words: the workflows query and docs/machines/ show them beside the diagram.
export const TASK_GUARD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  isClosedByOfficerOrExplained:
    "The task is one only the officer can close (contact the victim directly, seek the victim's views), or the officer gives a reason for completing it by hand.",
};

export const taskMachine = setup({
  types: { context: {} as TaskContext, events: {} as TaskEvent, input: {} as TaskContext },
  guards: {
    // A task its own step closes can still be completed by hand when the officer says why (the
    // step happened outside the service, or the task is stuck): no task is ever left uncleared.
    isClosedByOfficerOrExplained: ({ context, event }) =>
      CLOSED_BY_OFFICER.has(context.kind) || (event.type === "COMPLETE" && Boolean(event.reason?.trim())),
  },
}).createMachine({
  id: "task",
  description:
    "An officer's task on a case: open until done (completed by the officer, or resolved by the step it asked for) or cancelled.",
  initial: TaskStatus.OPEN,
  context: ({ input }) => input,
  states: {
    [TaskStatus.OPEN]: {
      on: {
        COMPLETE: { guard: "isClosedByOfficerOrExplained", target: TaskStatus.DONE },
        RESOLVE: { target: TaskStatus.DONE },
        CANCEL: { target: TaskStatus.CANCELLED },
      },
    },
    [TaskStatus.DONE]: { type: "final" },
    [TaskStatus.CANCELLED]: { type: "final" },
  },
});

export type TaskSnapshot = SnapshotFrom<typeof taskMachine>;

export type TaskRefusalCode = "TRANSITION_NOT_ALLOWED" | "ALREADY_RECORDED" | "INVALID_INPUT";

/**
 * Why the machine refuses an event: a task already done says so; completing one its own step
 * closes needs a reason (INVALID_INPUT); anything else is not allowed now.
 */
export function explainTaskRefusal(snapshot: TaskSnapshot, event: TaskEvent): TaskRefusalCode | null {
  if (snapshot.value === TaskStatus.DONE && event.type === "COMPLETE") return "ALREADY_RECORDED";
  return explainRefusal(snapshot, event, { isClosedByOfficerOrExplained: "INVALID_INPUT" } as const);
}

/** The steps an officer may take on a task now, for buttons (each with a reason where one is needed). */
export function availableTaskEvents(snapshot: TaskSnapshot): ("COMPLETE" | "CANCEL")[] {
  const officerSteps: TaskEvent[] = [
    { type: "COMPLETE", reason: "done" },
    { type: "CANCEL", reason: "not needed" },
  ];
  return officerSteps.filter((event) => snapshot.can(event)).map((event) => event.type as "COMPLETE" | "CANCEL");
}

/** Whether completing the task by hand needs a reason (its own step would otherwise close it). */
export function completionNeedsReason(kind: TaskKind): boolean {
  return !CLOSED_BY_OFFICER.has(kind);
}
