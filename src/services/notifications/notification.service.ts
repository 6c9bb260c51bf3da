import type { EntityManager } from "typeorm";
import { NotificationStatus, type NotificationFailure } from "../../domain/notifications/notification.enums";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import type { NotificationEvent } from "../../machines/notification.machine";
import type { CaseScope } from "../security/access-control";
import { appendCaseNote, lockCaseOfRecord } from "../cases/case-transition.service";
import { today } from "../../domain/calendar/london-date";
import { applyEvent } from "../pipeline/apply-event";
import { SqlExpression } from "../pipeline/stateful-record";
import { NOTIFICATION_RECORD } from "./notification.record";
import { DEFAULT_TIMER_SETTINGS, scheduleAcknowledgementDue } from "../work/timer-schedule";
import { selectRows } from "../platform/sql";

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

// A notification recorded sent, failed, acknowledged, escalated or cancelled: the case's history
// records it.
export async function applyNotificationEvent(
  manager: EntityManager,
  notificationId: string,
  event: NotificationEvent,
  options: {
    actor: string;
    scope: CaseScope;
    expectedVersion?: number | null;
    failure?: NotificationFailure | null;
    /** How long a sent letter or email waits for an acknowledgement (configuration). */
    acknowledgementWorkingDays?: number;
  },
): Promise<AppliedNotificationEvent> {
  const [found] = await selectRows<{ case_id: string }>(
    manager,
    `SELECT "case_id" FROM "notification" WHERE "id" = $1`,
    [notificationId],
  );
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
  const applied = await applyEvent(manager, NOTIFICATION_RECORD, notification, event, {
    expectedVersion: options.expectedVersion,
    columns: { last_failure: new SqlExpression(`COALESCE(?, "last_failure")`, [options.failure ?? null]) },
  });
  const status = applied.to as NotificationStatus;
  if (status === NotificationStatus.SENT) {
    const workingDays = options.acknowledgementWorkingDays ?? DEFAULT_TIMER_SETTINGS.acknowledgementWorkingDays;
    await scheduleAcknowledgementDue(manager, notification.id, today(), workingDays);
  }
  const transitionId = await appendCaseNote(manager, victimCase, {
    event: NOTE[event.type],
    actor: options.actor,
    reason: options.failure ?? null,
    payload: { notificationId: notification.id, kind: notification.kind, status },
  });
  return { caseId: victimCase.id, transitionId, notificationId: notification.id };
}
