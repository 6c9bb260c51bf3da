import { today } from "../../domain/calendar/london-date";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { NotificationStatus } from "../../domain/notifications/notification.enums";
import type { NotificationEntity } from "../../entities/notifications/notification.entity";
import {
  explainNotificationRefusal,
  notificationMachine,
  type NotificationEvent,
} from "../../machines/notification.machine";
import { neededStates } from "../../machines/accepting-states";
import { SqlExpression, type StatefulRecord } from "../pipeline/stateful-record";

type StoredNotification = Pick<
  NotificationEntity,
  "id" | "version" | "status" | "attempts" | "sentOn" | "acknowledgedOn" | "escalatedOn"
>;

/** A notification owed to a victim (DESIGN §4): DUE until sent, then acknowledged, failed, escalated or cancelled. */
export const NOTIFICATION_RECORD: StatefulRecord<StoredNotification, NotificationEvent> = {
  noun: "notification",
  table: "notification",
  statusColumn: "status",
  machine: notificationMachine,
  updatedAt: true,
  stateOf: (notification) => ({ value: notification.status, context: { attempts: notification.attempts } }),
  explain: (snapshot, event) => explainNotificationRefusal(snapshot, event),
  refuse: (notification, _code, event) =>
    new DomainError(
      UserErrorCode.TRANSITION_NOT_ALLOWED,
      `The notification is ${notification.status}; ${event.type} needs ${neededStates(notificationMachine, event.type)}.`,
      ["input", "notificationId"],
    ),
  columns(next, notification, event) {
    const status = next.value as NotificationStatus;
    const on = today();
    // Each date is set when its status is reached and kept afterwards.
    const stamp = (reached: NotificationStatus, previous: string | null) => (status === reached ? on : previous);
    // Any change of status ends the reading back of Notify's status (notification-delivery.ts): the
    // Notify id on the row belongs to the send before this change. Only the dispatcher's own send
    // follows a message, setting the next question after this, in the same transaction. A resend is
    // a new delivery, so an earlier one's delivered_at no longer applies.
    return {
      attempts: (next.context as { attempts: number }).attempts,
      sent_on: stamp(NotificationStatus.SENT, notification.sentOn),
      acknowledged_on: stamp(NotificationStatus.ACKNOWLEDGED, notification.acknowledgedOn),
      escalated_on: stamp(NotificationStatus.ESCALATED, notification.escalatedOn),
      next_status_check_at: null,
      delivered_at: new SqlExpression(`CASE WHEN ?::boolean THEN NULL ELSE "delivered_at" END`, [
        event.type === "RECORD_SENT",
      ]),
    };
  },
};

/** Statuses with something still to send or do: a victim who opts out is told none of them. */
export const OPEN_NOTIFICATION_STATUSES = [
  NotificationStatus.DUE,
  NotificationStatus.FAILED,
  NotificationStatus.ESCALATED,
] as const;
