import "reflect-metadata";
import { createServer } from "node:http";
import { loadConfig, type AppConfig } from "./config";
import { createApp, type ServerOptions } from "./server";
import { loadOrCreateDevKeys, signDevToken } from "./services/security/dev-auth-keys";
import { createTokenVerifier } from "./services/security/identity";
import { openDatabase } from "./services/platform/database";
import { isDatabaseEmpty, loadDemoData } from "./services/platform/demo-data";
import { dispatchDueNotifications } from "./services/notifications/notification-dispatcher";
import { checkDeliveryStatus } from "./services/notifications/notification-delivery";
import { NotifyAdapter } from "./services/clients/notify-adapter";
import type { TimerSettings } from "./services/work/timer-schedule";
import { runDueTimers } from "./services/work/timer-runner";
import { purgeExpiredContactData } from "./services/cases/erasure.service";
import { configureFieldEncryption } from "./entities/field-encryption.transformer";
import { createLogger } from "./services/platform/logger";
import { LiveUpdates } from "./services/platform/live-updates";
import { serveSubscriptions } from "./graphql/subscription-server";
import { now as clockNow } from "./domain/calendar/clock";

// Production checks tokens against the issuer's JWKS; development is its own issuer, publishes its
// JWKS, and opens Sandbox signed in as alice.vlo.
async function createAuth(
  config: AppConfig,
): Promise<Pick<ServerOptions, "verifyToken" | "sandboxToken" | "publishedJwks">> {
  if (config.auth.mode === "jwks")
    return { verifyToken: createTokenVerifier({ issuer: config.auth.issuer, jwksUrl: config.auth.jwksUrl }) };
  const keys = await loadOrCreateDevKeys(config.auth.keyDir);
  return {
    verifyToken: createTokenVerifier({ issuer: config.auth.issuer, jwks: keys.publicJwks }),
    sandboxToken: config.sandboxEnabled
      ? await signDevToken(keys, {
          issuer: config.auth.issuer,
          user: "alice.vlo",
          roles: ["VCS_VLO"],
          ttlSeconds: 12 * 3600,
        })
      : undefined,
    publishedJwks: keys.publicJwks,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  configureFieldEncryption(config.dataEncryptionKey, config.previousEncryptionKeys);

  // The settings every runner and request is given, from the one configuration read at start.
  const timers: TimerSettings = {
    invitation: config.invitationTimings,
    acknowledgementWorkingDays: config.acknowledgementWorkingDays,
  };
  const dataSource = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  logger.info("database ready", { engine: config.databaseUrl ? "postgresql" : "pglite", migrations: "applied" });
  if (config.loadDemoData && (await isDatabaseEmpty(dataSource))) {
    await loadDemoData(dataSource, undefined, timers);
    logger.info("demo data loaded");
  }

  const auth = await createAuth(config);
  const { app, apollo, schema } = await createApp({
    dataSource,
    logger,
    sandboxEnabled: config.sandboxEnabled,
    mutationsPerMinute: config.mutationsPerMinute,
    timers,
    ...auth,
  });
  const server = createServer(app);
  // Subscriptions: changes committed by any instance reach this one through LISTEN/NOTIFY.
  const liveUpdates = await LiveUpdates.start(dataSource, { databaseUrl: config.databaseUrl, logger });
  const subscriptions = serveSubscriptions(server, {
    schema,
    dataSource,
    logger,
    verifyToken: auth.verifyToken,
    liveUpdates,
    timers,
  });
  server.listen(config.port, () =>
    logger.info("listening", {
      graphql: `http://localhost:${config.port}/graphql`,
      subscriptions: `ws://localhost:${config.port}/graphql`,
      sandbox: `http://localhost:${config.port}/`,
    }),
  );

  // Retention runs in every instance; each case is erased in its own locked transaction, so two
  // instances running at once do not conflict. (A job queue takes this over with durable timers.)
  const runRetention = () =>
    purgeExpiredContactData(dataSource, config.retentionDays).then(
      (erased) =>
        erased > 0 &&
        logger.info("retention: contact data erased", { cases: erased, retentionDays: config.retentionDays }),
      (error: unknown) =>
        logger.error("retention run failed", {
          errorClass: error instanceof Error ? error.constructor.name : typeof error,
        }),
    );
  void runRetention();
  const retentionTimer = setInterval(() => void runRetention(), 60 * 60 * 1000);
  retentionTimer.unref();

  // Letters and emails go through GOV.UK Notify when a key is configured; without one they stay in
  // the work queue for the officer to send by hand. Every instance may run this: claims skip
  // notifications another instance holds.
  const notify =
    config.notify &&
    new NotifyAdapter({
      apiKey: config.notify.apiKey,
      baseUrl: config.notify.baseUrl,
      templates: config.notify.templates,
    });
  let dispatching = false;
  const runDispatch = async () => {
    if (!notify || dispatching) return;
    dispatching = true;
    try {
      const result = await dispatchDueNotifications(dataSource, {
        adapter: notify,
        acknowledgementWorkingDays: timers.acknowledgementWorkingDays,
      });
      if (result.sent + result.retrying + result.failed > 0) logger.info("notifications dispatched", { ...result });
    } catch (error) {
      logger.error("notification dispatch failed", {
        errorClass: error instanceof Error ? error.constructor.name : typeof error,
      });
    } finally {
      dispatching = false;
    }
  };
  // Then what became of what was sent: a bounce or an unpostable letter becomes FAILED for the
  // officer, a delivery is recorded. The same kind of claims, so instances share this too.
  let checking = false;
  const runDeliveryChecks = async () => {
    if (!notify || checking) return;
    checking = true;
    try {
      const result = await checkDeliveryStatus(dataSource, { adapter: notify });
      if (result.delivered + result.failed + result.unanswered + result.stopped > 0)
        logger.info("notification deliveries checked", { ...result });
    } catch (error) {
      logger.error("notification delivery check failed", {
        errorClass: error instanceof Error ? error.constructor.name : typeof error,
      });
    } finally {
      checking = false;
    }
  };
  const dispatchTimer = setInterval(() => void runDispatch().then(runDeliveryChecks), 30 * 1000);
  dispatchTimer.unref();
  logger.info(
    notify ? "GOV.UK Notify sending on" : "GOV.UK Notify not configured: letters and emails wait in the work queue",
  );

  // Durable timers (invitation expiry, annual letters, unacknowledged notifications) are rows; every
  // instance runs them, and each fires once under its row lock.
  const runTimers = () =>
    runDueTimers(dataSource, clockNow(), {
      // The timer's id and the error's class only: a message could carry personal data.
      onError: (timerId, error) =>
        logger.error("timer failed; tried again tomorrow", {
          timerId,
          errorClass: error instanceof Error ? error.constructor.name : typeof error,
        }),
    }).then(
      (run) => run.fired + run.skipped + run.failed > 0 && logger.info("timers run", { ...run }),
      (error: unknown) =>
        logger.error("timer run failed", {
          errorClass: error instanceof Error ? error.constructor.name : typeof error,
        }),
    );
  void runTimers();
  const timersInterval = setInterval(() => void runTimers(), 60 * 1000);
  timersInterval.unref();

  const shutdown = async (signal: string) => {
    clearInterval(retentionTimer);
    clearInterval(timersInterval);
    clearInterval(dispatchTimer);
    logger.info("shutting down", { signal });
    await subscriptions.close();
    await liveUpdates.stop();
    server.close();
    await apollo.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  // Only the class and message of a start-up failure: configuration errors are written for operators.
  const failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`${JSON.stringify({ level: "error", message: "failed to start", error: failure })}\n`);
  process.exit(1);
});
