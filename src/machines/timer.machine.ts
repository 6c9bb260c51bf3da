import { setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { TimerStatus } from "../domain/work/timer.enums";
import { explainRefusal } from "./explain-refusal";

export type TimerEvent =
  /** It came due and did what it is for (expired an invitation, queued a letter, escalated, raised a task). */
  | { type: "FIRE" }
  /**
   * It came due but its subject had moved on, or the step it sends was refused: what it is for was
   * not done (an annual letter's next anniversary is still set, even for a victim who opted out).
   * Also sent while still pending when a newer timer replaces it (a release confirmation whose
   * release date changed).
   */
  | { type: "SKIP" };

// A durable timer: written PENDING with the event that sets it, then taken once by the runner when
// due. PENDING → FIRED or SKIPPED, both final. An unexpected failure is retried the next day: the
// runner counts the attempt and sets "not_before", but the status stays PENDING, so a retry is no
// event of this machine.
export const timerMachine = setup({
  types: { events: {} as TimerEvent },
}).createMachine({
  id: "timer",
  description:
    "A durable timer: pending until due, then fired (it did what it is for) or skipped (its subject had moved on, or a newer timer replaced it).",
  initial: TimerStatus.PENDING,
  states: {
    [TimerStatus.PENDING]: {
      on: {
        FIRE: { target: TimerStatus.FIRED },
        SKIP: { target: TimerStatus.SKIPPED },
      },
    },
    [TimerStatus.FIRED]: { type: "final" },
    [TimerStatus.SKIPPED]: { type: "final" },
  },
});

export type TimerSnapshot = SnapshotFrom<typeof timerMachine>;

/** The snapshot of a stored timer. */
export function timerSnapshot(status: TimerStatus): TimerSnapshot {
  return timerMachine.resolveState({ value: status, context: undefined });
}

/** Why the machine refuses an event: a timer fires or is skipped once, so only a pending one moves. */
export function explainTimerRefusal(snapshot: TimerSnapshot, event: TimerEvent): "TRANSITION_NOT_ALLOWED" | null {
  return explainRefusal<"TRANSITION_NOT_ALLOWED">(snapshot, event, {});
}

/** The events the timer's state accepts now: the runner's, since a timer has no officer's buttons. */
export function availableTimerEvents(snapshot: TimerSnapshot): TimerEvent["type"][] {
  return (["FIRE", "SKIP"] as const).filter((type) => snapshot.can({ type }));
}
