import { getNextTransitions, transition } from "xstate";
import { NotificationStatus } from "../../src/domain/notifications/notification.enums";
import {
  explainNotificationRefusal,
  MAX_ATTEMPTS,
  notificationMachine,
  type NotificationEvent,
} from "../../src/machines/notification.machine";

const EVENTS: NotificationEvent[] = [
  { type: "RECORD_SENT" },
  { type: "RECORD_FAILED" },
  { type: "RECORD_ACKNOWLEDGED" },
  { type: "ESCALATE" },
  { type: "CANCEL" },
];

const resolve = (status: NotificationStatus, attempts = 0) =>
  notificationMachine.resolveState({ value: status, context: { attempts } });

// The table of the notification's life (issue "Contact plans in action" §2).
const ACCEPTED: Record<NotificationStatus, Partial<Record<NotificationEvent["type"], NotificationStatus>>> = {
  [NotificationStatus.DUE]: {
    RECORD_SENT: NotificationStatus.SENT,
    RECORD_FAILED: NotificationStatus.FAILED,
    CANCEL: NotificationStatus.CANCELLED,
  },
  [NotificationStatus.FAILED]: {
    RECORD_SENT: NotificationStatus.SENT,
    RECORD_FAILED: NotificationStatus.FAILED,
    CANCEL: NotificationStatus.CANCELLED,
  },
  [NotificationStatus.SENT]: {
    RECORD_ACKNOWLEDGED: NotificationStatus.ACKNOWLEDGED,
    ESCALATE: NotificationStatus.ESCALATED,
    RECORD_FAILED: NotificationStatus.FAILED,
  },
  [NotificationStatus.ESCALATED]: {
    RECORD_SENT: NotificationStatus.SENT,
    RECORD_ACKNOWLEDGED: NotificationStatus.ACKNOWLEDGED,
    CANCEL: NotificationStatus.CANCELLED,
  },
  [NotificationStatus.ACKNOWLEDGED]: {},
  [NotificationStatus.CANCELLED]: {},
};

const rows = Object.values(NotificationStatus).flatMap((status) =>
  EVENTS.map((event) => [status, event.type, ACCEPTED[status][event.type] ?? null] as const),
);

describe("notification machine", () => {
  it.each(rows)("should, in %s, answer %s with %s", (status, type, expected) => {
    const snapshot = resolve(status);
    const event = EVENTS.find((candidate) => candidate.type === type)!;
    if (expected === null) {
      expect(snapshot.can(event)).toBe(false);
      expect(explainNotificationRefusal(snapshot, event)).toBe("TRANSITION_NOT_ALLOWED");
      return;
    }
    expect(explainNotificationRefusal(snapshot, event)).toBeNull();
    expect(transition(notificationMachine, snapshot, event)[0].value).toBe(expected);
  });

  it("should count failed attempts and escalate on the third", () => {
    expect(MAX_ATTEMPTS).toBe(3);
    let snapshot = resolve(NotificationStatus.DUE);
    const statuses: string[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      [snapshot] = transition(notificationMachine, snapshot, { type: "RECORD_FAILED" });
      statuses.push(`${snapshot.value}:${snapshot.context.attempts}`);
    }
    expect(statuses).toEqual(["FAILED:1", "FAILED:2", "ESCALATED:3"]);
  });

  it("should keep the attempts when a failed notification is finally sent", () => {
    const [sent] = transition(notificationMachine, resolve(NotificationStatus.FAILED, 2), { type: "RECORD_SENT" });
    expect([sent.value, sent.context.attempts]).toEqual([NotificationStatus.SENT, 2]);
  });

  it("should offer nothing once acknowledged or cancelled", () => {
    for (const status of [NotificationStatus.ACKNOWLEDGED, NotificationStatus.CANCELLED]) {
      expect(getNextTransitions(resolve(status))).toEqual([]);
      expect(resolve(status).status).toBe("done");
    }
  });
});
