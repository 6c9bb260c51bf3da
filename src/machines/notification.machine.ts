import { assign, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { NotificationStatus } from "../domain/notifications/notification.enums";
import { explainRefusal } from "./explain-refusal";

export type NotificationContext = { attempts: number };

export type NotificationEvent =
  | { type: "RECORD_SENT" }
  | { type: "RECORD_FAILED" }
  | { type: "RECORD_ACKNOWLEDGED" }
  | { type: "ESCALATE" }
  | { type: "CANCEL" };

/** After this many failed attempts the officer's manager is told (escalated), like VINE's confirmation. */
export const MAX_ATTEMPTS = 3;

const tryAgain = {
  RECORD_SENT: { target: NotificationStatus.SENT },
  RECORD_FAILED: [
    { guard: "isLastAttempt", target: NotificationStatus.ESCALATED, actions: "countAttempt" },
    { target: NotificationStatus.FAILED, actions: "countAttempt" },
  ],
  CANCEL: { target: NotificationStatus.CANCELLED },
} as const;

// What each guard checks, in words: the workflows query and docs/machines/ show them beside the diagram.
export const NOTIFICATION_GUARD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  isLastAttempt: `This failure is attempt ${MAX_ATTEMPTS}, the last: the officer's manager is told.`,
};

export const notificationMachine = setup({
  types: { context: {} as NotificationContext, events: {} as NotificationEvent, input: {} as NotificationContext },
  guards: {
    isLastAttempt: ({ context }) => context.attempts + 1 >= MAX_ATTEMPTS,
  },
  actions: {
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
  },
}).createMachine({
  id: "notification",
  description:
    "One letter, email or call owed to a victim: due, sent, acknowledged; a failed attempt is retried until the last one, which escalates, and so does a letter nobody acknowledges. An escalated one is closed by reaching the victim.",
  initial: NotificationStatus.DUE,
  context: ({ input }) => input,
  states: {
    [NotificationStatus.DUE]: { on: tryAgain },
    [NotificationStatus.FAILED]: { on: tryAgain },
    [NotificationStatus.SENT]: {
      on: {
        RECORD_ACKNOWLEDGED: { target: NotificationStatus.ACKNOWLEDGED },
        ESCALATE: { target: NotificationStatus.ESCALATED },
        // A letter comes back or an email bounces after it was sent: it is still owed.
        RECORD_FAILED: tryAgain.RECORD_FAILED,
      },
    },
    [NotificationStatus.ESCALATED]: {
      on: {
        RECORD_SENT: { target: NotificationStatus.SENT },
        RECORD_ACKNOWLEDGED: { target: NotificationStatus.ACKNOWLEDGED },
        CANCEL: { target: NotificationStatus.CANCELLED },
      },
    },
    [NotificationStatus.ACKNOWLEDGED]: { type: "final" },
    [NotificationStatus.CANCELLED]: { type: "final" },
  },
});

export type NotificationSnapshot = SnapshotFrom<typeof notificationMachine>;

export function explainNotificationRefusal(
  snapshot: NotificationSnapshot,
  event: NotificationEvent,
): "TRANSITION_NOT_ALLOWED" | null {
  return explainRefusal<"TRANSITION_NOT_ALLOWED">(snapshot, event, {});
}

/** The steps an officer may record now, for buttons (escalation is the service's own). */
export function availableNotificationEvents(
  snapshot: NotificationSnapshot,
): ("RECORD_SENT" | "RECORD_FAILED" | "RECORD_ACKNOWLEDGED")[] {
  return (["RECORD_SENT", "RECORD_FAILED", "RECORD_ACKNOWLEDGED"] as const).filter((type) => snapshot.can({ type }));
}
