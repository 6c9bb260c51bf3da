import type { AppServices } from "./composition-root";
import { dispatchDueNotifications } from "./services/notifications/notification-dispatcher";
import { checkDeliveryStatus } from "./services/notifications/notification-delivery";
import { runDueTimers, runTimersExclusively } from "./services/work/timer-runner";
import { purgeExpiredContactData } from "./services/cases/erasure.service";
import { expireIdempotencyKeys } from "./services/pipeline/idempotency-key-expiry";
import { errorClassOf } from "./services/platform/logger";
import { now as clockNow } from "./domain/calendar/clock";

const MINUTE = 60 * 1000;

/**
 * Starts the runners every instance runs (retention, idempotency-key expiry, Notify sending and
 * delivery checks, durable timers); each takes its rows under locks or claims, so instances share
 * the work. Returns a stop.
 */
export function startBackgroundWork({ config, logger, dataSource, timers, notify }: AppServices): () => void {
  // Only the error's class is logged: a message could carry personal data.
  const failed = (what: string) => (error: unknown) => logger.error(what, { errorClass: errorClassOf(error) });

  // Retention: each case is erased in its own locked transaction, so two instances do not conflict.
  const runRetention = () =>
    purgeExpiredContactData(dataSource, config.retentionDays).then(
      (erased) =>
        erased > 0 &&
        logger.info("retention: contact data erased", { cases: erased, retentionDays: config.retentionDays }),
      failed("retention run failed"),
    );

  // Idempotency keys are kept for IDEMPOTENCY_KEY_RETENTION_DAYS; a key sent again after that runs
  // as a new request. Bounded batches, each one statement skipping rows another instance holds.
  const runKeyExpiry = () =>
    expireIdempotencyKeys(dataSource, config.idempotencyKeyRetentionDays).then(
      (expired) =>
        expired > 0 &&
        logger.info("idempotency keys expired", {
          keys: expired,
          retentionDays: config.idempotencyKeyRetentionDays,
        }),
      failed("idempotency key expiry failed"),
    );

  // Letters and emails go through GOV.UK Notify when a key is configured; without one they stay in
  // the work queue for the officer to send by hand. Then what became of what was sent: a bounce or
  // an unpostable letter becomes FAILED for the officer, a delivery is recorded.
  let sending = false;
  const runNotify = async () => {
    if (!notify || sending) return;
    sending = true;
    try {
      const sent = await dispatchDueNotifications(dataSource, {
        adapter: notify,
        acknowledgementWorkingDays: timers.acknowledgementWorkingDays,
      }).catch(failed("notification dispatch failed"));
      if (sent && sent.sent + sent.retrying + sent.failed > 0) logger.info("notifications dispatched", { ...sent });
      const checked = await checkDeliveryStatus(dataSource, { adapter: notify }).catch(
        failed("notification delivery check failed"),
      );
      if (checked && checked.delivered + checked.failed + checked.unanswered + checked.stopped > 0)
        logger.info("notification deliveries checked", { ...checked });
    } finally {
      sending = false;
    }
  };
  logger.info(
    notify ? "GOV.UK Notify sending on" : "GOV.UK Notify not configured: letters and emails wait in the work queue",
  );

  // Durable timers (invitation expiry, annual letters, unacknowledged notifications) are rows; each
  // fires once under its row lock.
  const runTimers = () =>
    runTimersExclusively(() =>
      runDueTimers(dataSource, clockNow(), {
        onError: (timerId, error) =>
          logger.error("timer failed; tried again tomorrow", { timerId, errorClass: errorClassOf(error) }),
      }),
    ).then(
      ({ fired, skipped, failed: retried }) =>
        fired + skipped + retried > 0 && logger.info("timers run", { fired, skipped, failed: retried }),
      failed("timer run failed"),
    );

  void runRetention();
  void runKeyExpiry();
  void runTimers();
  const intervals = [
    setInterval(() => void runRetention(), 60 * MINUTE),
    setInterval(() => void runKeyExpiry(), 60 * MINUTE),
    setInterval(() => void runNotify(), MINUTE / 2),
    setInterval(() => void runTimers(), MINUTE),
  ];
  for (const interval of intervals) interval.unref();
  return () => intervals.forEach(clearInterval);
}
