import type { EntityManager } from "typeorm";
import { applyEventToMatching, insertRecords } from "../pipeline/apply-event";
import { SqlExpression } from "../pipeline/stateful-record";
import { NOTIFICATION_RECORD, OPEN_NOTIFICATION_STATUSES } from "./notification.record";
import type { NotificationFactsSnapshot } from "../../entities/notifications/notification.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import type { CaseContext, ContactPlanChoice } from "../../machines/machine-events";
import {
  CALL_EVERY_LEVEL,
  channelFor,
  notificationsDue,
  type NotificationTrigger,
} from "../../domain/notifications/notification-policy";
import type { ContactChannel } from "../../domain/cases/contact.enums";
import { NotificationStatus } from "../../domain/notifications/notification.enums";
import { changeRows } from "../platform/sql";
import { addWorkingDays } from "../../domain/calendar/working-days";

// The outbox: notifications are rows written with the event that caused them, so an event is never
// recorded without its notifications or the other way round (DESIGN §4 step 4).

/**
 * How long an officer has to send an ordinary notification: an assumption (the Policy Framework's
 * figure is not public), kept in one place. An urgent call is due the same day.
 */
const NOTIFICATION_DUE_WORKING_DAYS = 5;

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
    const [inserted] = await insertRecords(
      manager,
      NOTIFICATION_RECORD,
      [
        {
          values: {
            case_id: source.before.id,
            kind: notification.kind,
            channel: notification.channel,
            urgent: notification.urgent,
            due_on: dueOn,
            trigger_id: source.triggerId,
            facts: JSON.stringify(source.facts),
          },
        },
      ],
      { onConflict: new SqlExpression(`ON CONFLICT ("case_id", "trigger_id", "kind") DO NOTHING`), returning: `"id"` },
    );
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
  return applyEventToMatching(
    manager,
    NOTIFICATION_RECORD,
    { type: "CANCEL" },
    {
      from: OPEN_NOTIFICATION_STATUSES,
      // CANCEL does not depend on the attempts made.
      contextOf: () => ({ attempts: 0 }),
      where: new SqlExpression(`"case_id" = ?`, [caseId]),
    },
  );
}

/**
 * A contact's details changed: an open notification whose channel the contacts can no longer be
 * reached by (or never could: a letter waiting for an address) takes the plan's first channel they
 * can be reached by now, and is sent at the next dispatch. Calls stay calls. One statement.
 */
export async function followContactDetails(
  manager: EntityManager,
  caseId: string,
  plan: ContactPlanChoice | null,
  reachable: readonly ContactChannel[],
): Promise<number> {
  if (!plan) return 0;
  const channel = channelFor(plan, reachable);
  const { rows } = await changeRows(
    manager,
    `UPDATE "notification" SET "channel" = $2, "next_dispatch_at" = NULL, "version" = "version" + 1, "updated_at" = now()
      WHERE "case_id" = $1 AND "status" = ANY($3) AND "channel" <> $2 AND NOT ("channel" = ANY($4)) AND NOT ("kind" = ANY($5))
      RETURNING "id"`,
    [caseId, channel, [NotificationStatus.DUE, NotificationStatus.FAILED], reachable, [...CALL_EVERY_LEVEL]],
  );
  return rows.length;
}
