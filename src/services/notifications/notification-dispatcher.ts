import { In, type DataSource, type EntityManager } from "typeorm";
import { ContactChannel } from "../../domain/cases/contact.enums";
import { DomainError } from "../../domain/errors/domain-error";
import { NotificationFailure, NotificationStatus } from "../../domain/notifications/notification.enums";
import { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import type { NotificationEvent } from "../../machines/notification.machine";
import { appendAccessLog } from "../security/access-log.service";
import { firstStatusCheckAt } from "../../domain/notifications/delivery-check-schedule";
import { applyNotificationEvent } from "./notification.service";
import { notificationWords, reasonRequestIds } from "./notification-words";
import { LicenceConditionRequestEntity } from "../../entities/licence-conditions/licence-condition-request.entity";
import {
  NotifyLookupError,
  retryDelayMs,
  type LetterAddress,
  type NotifyAdapter,
  type NotifyMessage,
  type NotifyOutcome,
} from "../clients/notify-adapter";
import { now as clockNow } from "../../domain/calendar/clock";
import { changeRows } from "../platform/sql";

export const NOTIFY_ACTOR = "system:notify";

export interface DispatchOptions {
  adapter: NotifyAdapter;
  /** How long a sent letter or email waits for an acknowledgement (configuration; default 10). */
  acknowledgementWorkingDays?: number;
  now?: () => Date;
  random?: () => number;
  /** Notifications claimed per run. */
  batchSize?: number;
  /** How long a claimed notification is left alone while its send is under way. */
  leaseMs?: number;
  /** After this many provider failures the officer is asked to send it by hand. */
  maxAttempts?: number;
}

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

const SENDABLE = [ContactChannel.EMAIL, ContactChannel.LETTER];

interface Claimed {
  id: string;
  case_id: string;
  channel: ContactChannel;
  dispatch_attempts: number;
}

/**
 * Sends due letters and emails through GOV.UK Notify, after the transactions that queued them
 * have committed. Each notification is claimed with a lease (SKIP LOCKED, so instances share the
 * work), sent outside any transaction, then recorded through the notification pipeline. A retry
 * first asks Notify whether the earlier attempt arrived (the notification id is the reference), so
 * nothing is sent twice. Calls are the officer's job and stay in the work queue.
 */
export async function dispatchDueNotifications(
  dataSource: DataSource,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const now = options.now ?? clockNow;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const claimed = await claim(dataSource, now(), options.batchSize ?? 20, leaseMs);
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  for (const notification of claimed) {
    const outcome = await attempt(dataSource, options.adapter, notification, new Date(now().getTime() + leaseMs));
    if (outcome.kind === "SKIP") continue;
    if (outcome.kind === "SENT") {
      await record(
        dataSource,
        notification.id,
        { type: "RECORD_SENT" },
        null,
        outcome.notifyId,
        firstStatusCheckAt(now()),
        options.acknowledgementWorkingDays,
      );
      result.sent += 1;
    } else if (outcome.kind === "RETRY" && notification.dispatch_attempts < maxAttempts) {
      const retryAt = new Date(now().getTime() + retryDelayMs(notification.dispatch_attempts, random));
      await dataSource.query(`UPDATE "notification" SET "next_dispatch_at" = $2 WHERE "id" = $1`, [
        notification.id,
        retryAt,
      ]);
      result.retrying += 1;
    } else {
      const failure =
        outcome.kind === "NO_DETAIL" ? NotificationFailure.WRONG_DETAILS : NotificationFailure.PROVIDER_ERROR;
      await record(dataSource, notification.id, { type: "RECORD_FAILED" }, failure, null, null, undefined);
      result.failed += 1;
    }
  }
  return result;
}

async function claim(dataSource: DataSource, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  return dataSource.transaction(async (manager) => {
    const { rows } = await changeRows<Claimed>(
      manager,
      `UPDATE "notification" SET "dispatch_attempts" = "dispatch_attempts" + 1, "next_dispatch_at" = $2
        WHERE "id" IN (
          SELECT "id" FROM "notification"
           WHERE "status" = $3 AND "channel" = ANY($4) AND ("next_dispatch_at" IS NULL OR "next_dispatch_at" <= $1)
           ORDER BY "due_on", "id" LIMIT $5 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "case_id", "channel", "dispatch_attempts"`,
      [now, new Date(now.getTime() + leaseMs), NotificationStatus.DUE, SENDABLE, limit],
    );
    return rows;
  });
}

type Attempt = NotifyOutcome | { kind: "NO_DETAIL" } | { kind: "SKIP" };

async function attempt(
  dataSource: DataSource,
  adapter: NotifyAdapter,
  notification: Claimed,
  leaseUntil: Date,
): Promise<Attempt> {
  // An earlier attempt may have reached Notify even though we never heard back.
  if (notification.dispatch_attempts > 1) {
    try {
      const found = await adapter.findByReference(notification.id);
      if (found) return { kind: "SENT", notifyId: found.notifyId };
    } catch (error) {
      if (error instanceof NotifyLookupError) return { kind: error.kind, code: error.code };
      throw error;
    }
  }
  const message = await readRecipient(dataSource, notification, leaseUntil);
  if (message === "SKIP") return { kind: "SKIP" };
  if (!message) return { kind: "NO_DETAIL" };
  return message.channel === ContactChannel.EMAIL
    ? adapter.sendEmail(message.email, message.words, notification.id)
    : adapter.sendLetter(message.address, message.words, notification.id);
}

type Recipient =
  | { channel: ContactChannel.EMAIL; email: string; words: NotifyMessage }
  | { channel: ContactChannel.LETTER; address: LetterAddress; words: NotifyMessage };

// Reading the victim's details to send to them is a read of personal data like any other: it is
// logged, in the same transaction, before the details are used.
async function readRecipient(
  dataSource: DataSource,
  notification: Claimed,
  leaseUntil: Date,
): Promise<Recipient | null | "SKIP"> {
  return dataSource.transaction(async (manager: EntityManager) => {
    const entity = await manager.findOneOrFail(NotificationEntity, {
      where: { id: notification.id },
      lock: { mode: "pessimistic_write" },
    });
    // Sent by hand or cancelled (the victim opted out) while it waited: nothing to send. And the
    // attempt count is a fence: if the lease ran out and another instance claimed it since, that
    // instance sends it, not this one.
    if (entity.status !== NotificationStatus.DUE || entity.dispatchAttempts !== notification.dispatch_attempts)
      return "SKIP";
    // The lease starts again now, for the send itself.
    await manager.query(`UPDATE "notification" SET "next_dispatch_at" = $2 WHERE "id" = $1`, [
      notification.id,
      leaseUntil,
    ]);
    const contacts = await manager.find(CaseContactEntity, {
      where: { caseId: notification.case_id },
      order: { createdAt: "ASC", id: "ASC" },
    });
    const email = notification.channel === ContactChannel.EMAIL ? contacts.find((contact) => contact.email) : undefined;
    const postal =
      notification.channel === ContactChannel.LETTER ? contacts.find((contact) => contact.address) : undefined;
    const contact = email ?? postal;
    if (!contact) return null;
    // A reason a condition was not adopted is quoted from its sealed request, and logged as read below.
    const quoted = reasonRequestIds(entity);
    const reasons = quoted.length
      ? new Map(
          (await manager.findBy(LicenceConditionRequestEntity, { id: In(quoted) })).map((request) => [
            request.id,
            request.reasonNotAdopted,
          ]),
        )
      : new Map<string, string | null>();
    const words = notificationWords(entity, reasons);
    const fields = [
      ...(email ? ["email", "name"] : ["address", "name"]),
      ...(quoted.length ? ["reasonNotAdopted"] : []),
    ];
    await appendAccessLog(manager, [
      {
        actor: NOTIFY_ACTOR,
        roles: [],
        action: "READ",
        operation: "notificationDispatch",
        caseId: notification.case_id,
        fields,
        purpose: "NOTIFICATION",
        correlationId: `notify-${notification.id}`,
        clientCorrelationId: null,
      },
    ]);
    const message = { subject: words.subject, body: words.body, name: contact.name };
    if (email) return { channel: ContactChannel.EMAIL, email: email.email!, words: message };
    const address = postal!.address!;
    return {
      channel: ContactChannel.LETTER,
      address: {
        lines: [contact.name ?? "", address.line1, address.line2 ?? "", address.town],
        postcode: address.postcode,
      },
      words: message,
    };
  });
}

async function record(
  dataSource: DataSource,
  notificationId: string,
  event: NotificationEvent,
  failure: NotificationFailure | null,
  notifyId: string | null,
  statusCheckAt: Date | null,
  acknowledgementWorkingDays: number | undefined,
): Promise<void> {
  try {
    await dataSource.transaction(async (manager) => {
      await applyNotificationEvent(manager, notificationId, event, {
        actor: NOTIFY_ACTOR,
        scope: { kind: "ALL" },
        failure,
        acknowledgementWorkingDays,
      });
      await manager.query(
        `UPDATE "notification" SET "next_dispatch_at" = NULL, "notify_id" = COALESCE($2, "notify_id") WHERE "id" = $1`,
        [notificationId, notifyId],
      );
      // Sent by us: ask Notify later what became of it (notification-delivery.ts). Only this send is
      // followed: the pipeline just cleared any earlier question, as it does for every change of
      // status, so one the officer records by hand is theirs, whatever an older notify_id says.
      if (statusCheckAt) {
        await manager.query(
          `UPDATE "notification" SET "next_status_check_at" = $2, "status_checks" = 0, "delivered_at" = NULL WHERE "id" = $1`,
          [notificationId, statusCheckAt],
        );
      }
    });
  } catch (error) {
    // The officer recorded it, or the victim opted out, during the send: their record stands.
    if (!(error instanceof DomainError)) throw error;
    await dataSource.query(
      `UPDATE "notification" SET "next_dispatch_at" = NULL, "notify_id" = COALESCE($2, "notify_id") WHERE "id" = $1`,
      [notificationId, notifyId],
    );
  }
}
