import type { DataSource, EntityManager } from "typeorm";
import { ENGAGED_STATUSES } from "../../domain/cases/case.enums";
import { ContactChannel } from "../../domain/cases/contact.enums";
import { DomainError } from "../../domain/errors/domain-error";
import { NotificationFailure, NotificationStatus } from "../../domain/notifications/notification.enums";
import { lockCase } from "../cases/case-transition.service";
import { nextStatusCheckAt, statusCheckTooLate } from "../../domain/notifications/delivery-check-schedule";
import { applyNotificationEvent } from "./notification.service";
import { NOTIFY_ACTOR } from "./notification-dispatcher";
import {
  NotifyLookupError,
  type NotifyAdapter,
  type NotifyDelivery,
  type NotifyFailure,
} from "../clients/notify-adapter";
import { now as clockNow } from "../../domain/calendar/clock";
import { changeRows } from "../platform/sql";

export interface DeliveryCheckOptions {
  adapter: NotifyAdapter;
  now?: () => Date;
  /** Notifications claimed per run. */
  limit?: number;
  /** How long a claimed notification is left alone while Notify is asked. */
  leaseMs?: number;
}

export interface DeliveryCheckResult {
  /** Notify reported it delivered: recorded, the status stays SENT. */
  delivered: number;
  /** It will not arrive: recorded as a failure for the officer. */
  failed: number;
  /** Still on its way: asked again later. */
  inFlight: number;
  /** Notify could not answer (429, 5xx, timeout, 404, …): asked again later, nothing changed. */
  unanswered: number;
  /** No longer asked: the officer moved it on meanwhile, the victim opted out or the case closed, or no final answer came in time. */
  stopped: number;
}

interface Claimed {
  id: string;
  case_id: string;
  channel: ContactChannel;
  status: NotificationStatus;
  notify_id: string | null;
  version: number;
  status_checks: number;
  sent_on: string | null;
}

type Answer = NotifyDelivery | { kind: "UNANSWERED"; code: string };

/**
 * Reads back from GOV.UK Notify what became of letters and emails it accepted. Each notification
 * the dispatcher sent is claimed with a lease when its next question is due (SKIP LOCKED, so
 * instances share the work), Notify is asked outside any transaction, and the answer is recorded:
 * a bounce or a letter that cannot be posted through the notification pipeline (RECORD_FAILED by
 * system:notify), a delivery as `delivered_at` only, since only the victim's acknowledgement makes
 * it ACKNOWLEDGED. Whatever the officer recorded meanwhile stands: the answer is applied only at
 * the version that was claimed. Every change of status clears the next question (the pipeline), so
 * only the dispatcher's own send is followed, never one the officer made by hand.
 */
export async function checkDeliveryStatus(
  dataSource: DataSource,
  options: DeliveryCheckOptions,
): Promise<DeliveryCheckResult> {
  const now = options.now ?? clockNow;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const claimed = await claim(dataSource, now(), options.limit ?? 50, leaseMs);
  const result: DeliveryCheckResult = { delivered: 0, failed: 0, inFlight: 0, unanswered: 0, stopped: 0 };
  for (const notification of claimed) {
    // Acknowledged, failed or re-sent by hand before we asked: nothing to ask any more.
    if (notification.status !== NotificationStatus.SENT || !notification.notify_id) {
      await stop(dataSource, notification);
      result.stopped += 1;
      continue;
    }
    const answer = await ask(options.adapter, notification.notify_id);
    if (answer.kind === "DELIVERED") {
      // Notify's own time when it gives one, but never later than now (its clock is not ours).
      const at = answer.completedAt && answer.completedAt < now() ? answer.completedAt : now();
      if (await recordDelivered(dataSource, notification, at)) result.delivered += 1;
      else result.stopped += 1;
    } else if (answer.kind === "FAILED") {
      if (await recordFailed(dataSource, notification, deliveryFailure(notification.channel, answer.failure)))
        result.failed += 1;
      else result.stopped += 1;
    } else {
      const next = nextStatusCheckAt(now(), notification.status_checks);
      const tooLate = !notification.sent_on || statusCheckTooLate(notification.sent_on, next);
      const rescheduled = await reschedule(dataSource, notification, tooLate ? null : next);
      if (tooLate || !rescheduled) result.stopped += 1;
      else if (answer.kind === "UNANSWERED") result.unanswered += 1;
      else result.inFlight += 1;
    }
  }
  return result;
}

/**
 * The failure the officer sees. An email that will not arrive bounced (the address does not exist,
 * or the recipient's server refused it for 72 hours); a letter whose content or address Notify
 * found invalid needs the details checked; one the provider cannot print, or one that never left
 * Notify, is the provider's failure, not the address's (Notify advises against resending a letter
 * in technical failure: the officer decides).
 */
function deliveryFailure(channel: ContactChannel, failure: NotifyFailure): NotificationFailure {
  if (failure === "NOT_SENT" || failure === "NOT_PRINTED") return NotificationFailure.PROVIDER_ERROR;
  return channel === ContactChannel.LETTER ? NotificationFailure.WRONG_DETAILS : NotificationFailure.EMAIL_BOUNCED;
}

async function claim(dataSource: DataSource, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  return dataSource.transaction(async (manager) => {
    const { rows } = await changeRows<Claimed>(
      manager,
      `UPDATE "notification" SET "status_checks" = "status_checks" + 1, "next_status_check_at" = $2
        WHERE "id" IN (
          SELECT "id" FROM "notification"
           WHERE "next_status_check_at" <= $1
           ORDER BY "next_status_check_at", "id" LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "case_id", "channel", "status", "notify_id", "version", "status_checks", "sent_on"::text AS "sent_on"`,
      [now, new Date(now.getTime() + leaseMs), limit],
    );
    return rows;
  });
}

async function ask(adapter: NotifyAdapter, notifyId: string): Promise<Answer> {
  try {
    return await adapter.getDeliveryStatus(notifyId);
  } catch (error) {
    // Rate limits, outages, timeouts and 404s alike: the notification is untouched and asked again.
    if (error instanceof NotifyLookupError) return { kind: "UNANSWERED", code: error.code };
    throw error;
  }
}

async function recordDelivered(dataSource: DataSource, notification: Claimed, at: Date): Promise<boolean> {
  // One statement, so the row lock is the check: only the SENT version that was claimed. Recorded
  // whatever the case's status: a fact about a letter already sent, it puts nothing on the queue.
  const { rows } = await changeRows<{ id: string }>(
    dataSource,
    `UPDATE "notification" SET "delivered_at" = $4, "next_status_check_at" = NULL
      WHERE "id" = $1 AND "version" = $2 AND "status" = $3
      RETURNING "id"`,
    [notification.id, notification.version, NotificationStatus.SENT, at],
  );
  if (rows.length > 0) return true;
  await stop(dataSource, notification);
  return false;
}

async function recordFailed(
  dataSource: DataSource,
  notification: Claimed,
  failure: NotificationFailure,
): Promise<boolean> {
  try {
    return await dataSource.transaction(async (manager) => {
      // The case first, then the notification: the codebase's lock order. A victim who opted out,
      // or whose case closed, is owed nothing more: a bounce must not put the letter back on the
      // queue (opting out cancels only what was not yet sent). Asked no more, status unchanged.
      const victimCase = await lockCase(manager, notification.case_id, { kind: "ALL" });
      if (!ENGAGED_STATUSES.has(victimCase.status)) {
        await stop(manager, notification);
        return false;
      }
      // The pipeline locks the row and refuses a stale version: an officer's change meanwhile
      // stands. It also clears the next question.
      await applyNotificationEvent(
        manager,
        notification.id,
        { type: "RECORD_FAILED" },
        { actor: NOTIFY_ACTOR, scope: { kind: "ALL" }, expectedVersion: notification.version, failure },
      );
      return true;
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await stop(dataSource, notification);
    return false;
  }
}

// The question count and the version are the fence for what follows a question. The count: if
// the lease ran out and another instance asked since, or the dispatcher sent it afresh (which
// starts the count again), that decides the next question, not this older one. The version: a
// change of status since the claim ended the questions (the pipeline), and must not be undone.

async function reschedule(dataSource: DataSource, notification: Claimed, at: Date | null): Promise<boolean> {
  const { rows } = await changeRows<{ id: string }>(
    dataSource,
    `UPDATE "notification" SET "next_status_check_at" = $4 WHERE "id" = $1 AND "status_checks" = $2 AND "version" = $3 RETURNING "id"`,
    [notification.id, notification.status_checks, notification.version, at],
  );
  return rows.length > 0;
}

async function stop(db: DataSource | EntityManager, notification: Claimed): Promise<void> {
  await db.query(
    `UPDATE "notification" SET "next_status_check_at" = NULL WHERE "id" = $1 AND "status_checks" = $2 AND "version" = $3`,
    [notification.id, notification.status_checks, notification.version],
  );
}
