import type { EntityManager } from "typeorm";
import { transition } from "xstate";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import { NotificationStatus, type NotificationFailure } from "../../domain/notifications/notification.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import {
  explainNotificationRefusal,
  notificationMachine,
  type NotificationEvent,
} from "../../machines/notification.machine";
import type { CaseScope } from "../security/access-control";
import { appendCaseNote, lockCaseOfRecord } from "../cases/case-transition.service";
import { today } from "../../domain/calendar/london-date";
import { scheduleAcknowledgementDue } from "../work/timer-schedule";

const NOTE: Record<NotificationEvent["type"], string> = {
  RECORD_SENT: "NOTIFICATION_SENT",
  RECORD_FAILED: "NOTIFICATION_FAILED",
  RECORD_ACKNOWLEDGED: "NOTIFICATION_ACKNOWLEDGED",
  ESCALATE: "NOTIFICATION_ESCALATED",
  CANCEL: "NOTIFICATION_CANCELLED",
};

export interface AppliedNotificationEvent {
  caseId: string;
  transitionId: string;
  notificationId: string;
}

// The one path that changes a notification's status (DESIGN §4); the case's history records it.
export async function applyNotificationEvent(
  manager: EntityManager,
  notificationId: string,
  event: NotificationEvent,
  options: { actor: string; scope: CaseScope; expectedVersion?: number | null; failure?: NotificationFailure | null },
): Promise<AppliedNotificationEvent> {
  const [found] = (await manager.query(`SELECT "case_id" FROM "notification" WHERE "id" = $1`, [notificationId])) as {
    case_id: string;
  }[];
  const victimCase = await lockCaseOfRecord(
    manager,
    found?.case_id,
    options.scope,
    ["input", "notificationId"],
    "notification",
  );
  const notification = await manager.findOneOrFail(NotificationEntity, {
    where: { id: notificationId },
    lock: { mode: "pessimistic_write" },
  });
  requireCurrentVersion(options.expectedVersion, notification.version, "notification");
  const snapshot = notificationMachine.resolveState({
    value: notification.status,
    context: { attempts: notification.attempts },
  });
  if (explainNotificationRefusal(snapshot, event)) {
    throw new DomainError(
      UserErrorCode.TRANSITION_NOT_ALLOWED,
      `The notification is ${notification.status.toLowerCase()}: this cannot be recorded now.`,
      ["input", "notificationId"],
    );
  }
  const [next] = transition(notificationMachine, snapshot, event);
  const status = next.value as NotificationStatus;
  const on = today();
  // Each date is set when its status is reached and kept afterwards.
  const stamp = (reached: NotificationStatus, previous: string | null) => (status === reached ? on : previous);
  // Any change of status ends the reading back of Notify's status (notification-delivery.ts): the
  // Notify id on the row belongs to the send before this change. Only the dispatcher's own send
  // follows a message, setting the next question after this, in the same transaction. A resend is
  // a new delivery, so an earlier one's delivered_at no longer applies.
  await manager.query(
    `UPDATE "notification" SET "status" = $3, "attempts" = $4, "sent_on" = $5, "acknowledged_on" = $6, "escalated_on" = $7, "last_failure" = COALESCE($8, "last_failure"),
       "next_status_check_at" = NULL, "delivered_at" = CASE WHEN $9::boolean THEN NULL ELSE "delivered_at" END,
       "version" = "version" + 1, "updated_at" = now()
     WHERE "id" = $1 AND "version" = $2`,
    [
      notification.id,
      notification.version,
      status,
      next.context.attempts,
      stamp(NotificationStatus.SENT, notification.sentOn),
      stamp(NotificationStatus.ACKNOWLEDGED, notification.acknowledgedOn),
      stamp(NotificationStatus.ESCALATED, notification.escalatedOn),
      options.failure ?? null,
      event.type === "RECORD_SENT",
    ],
  );
  if (status === NotificationStatus.SENT) await scheduleAcknowledgementDue(manager, notification.id, on);
  const transitionId = await appendCaseNote(manager, victimCase, {
    event: NOTE[event.type],
    actor: options.actor,
    reason: options.failure ?? null,
    payload: { notificationId: notification.id, kind: notification.kind, status },
  });
  return { caseId: victimCase.id, transitionId, notificationId: notification.id };
}
