import type { EntityManager } from "typeorm";
import { transition } from "xstate";
import { NotificationStatus } from "../../domain/notifications/notification.enums";
import { notificationMachine } from "../../machines/notification.machine";
import type { NotificationFactsSnapshot } from "../../entities/notifications/notification.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import type { CaseContext } from "../../machines/machine-events";
import { notificationsDue, type NotificationTrigger } from "../../domain/notifications/notification-policy";
import { addWorkingDays } from "../../domain/calendar/working-days";

// The outbox: notifications are rows written with the event that caused them, so an event is never
// recorded without its notifications or the other way round (DESIGN §4 step 4).

/**
 * How long an officer has to send an ordinary notification: an assumption (the Policy Framework's
 * figure is not public), kept in one place. An urgent call is due the same day.
 */
export const NOTIFICATION_DUE_WORKING_DAYS = 5;

export interface QueuedNotificationSource {
  /** The case as it was before the event (its status decides whether the victim is told). */
  before: Pick<VictimCaseEntity, "id" | "status"> & { context: CaseContext };
  trigger: NotificationTrigger;
  /** The history row or record that caused it: the same event never notifies twice. */
  triggerId: string;
  occurredOn: string;
  facts: NotificationFactsSnapshot | null;
}

/** Writes the notifications the policy says fall due, in the caller's transaction. */
export async function queueNotifications(manager: EntityManager, source: QueuedNotificationSource): Promise<string[]> {
  const due = notificationsDue(
    {
      status: source.before.status,
      contactPlan: source.before.context.contactPlan,
      reachableChannels: source.before.context.reachableChannels,
    },
    source.trigger,
  );
  const ids: string[] = [];
  for (const notification of due) {
    const dueOn = notification.urgent
      ? source.occurredOn
      : addWorkingDays(source.occurredOn, NOTIFICATION_DUE_WORKING_DAYS);
    const [inserted] = (await manager.query(
      `INSERT INTO "notification" ("case_id", "kind", "channel", "urgent", "status", "due_on", "trigger_id", "facts")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ("case_id", "trigger_id", "kind") DO NOTHING RETURNING "id"`,
      [
        source.before.id,
        notification.kind,
        notification.channel,
        notification.urgent,
        NotificationStatus.DUE,
        dueOn,
        source.triggerId,
        JSON.stringify(source.facts),
      ],
    )) as { id: string }[];
    if (inserted) ids.push(inserted.id);
  }
  return ids;
}

/**
 * A victim who opts out, or whose case is closed on request, is told nothing more: each notification
 * still to send is cancelled through its machine (the case is locked by the caller, and its history
 * records the opt-out or closure itself).
 */
export async function cancelOpenNotifications(manager: EntityManager, caseId: string): Promise<number> {
  const open = (await manager.query(
    `SELECT "id", "status", "attempts", "version" FROM "notification" WHERE "case_id" = $1 AND "status" IN ($2, $3, $4) FOR UPDATE`,
    [caseId, NotificationStatus.DUE, NotificationStatus.FAILED, NotificationStatus.ESCALATED],
  )) as { id: string; status: NotificationStatus; attempts: number; version: number }[];
  for (const row of open) {
    const [next] = transition(
      notificationMachine,
      notificationMachine.resolveState({ value: row.status, context: { attempts: row.attempts } }),
      { type: "CANCEL" },
    );
    await manager.query(
      `UPDATE "notification" SET "status" = $3, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $2`,
      [row.id, row.version, next.value],
    );
  }
  return open.length;
}
