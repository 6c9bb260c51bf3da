import "reflect-metadata";
import "./graphql/production-graphql";
import { createServer } from "node:http";
import type { AppConfig } from "./config";
import { createApp } from "./server";
import { composeServices } from "./composition-root";
import { startBackgroundWork } from "./background-work";
import { LiveUpdates } from "./services/platform/live-updates";
import type { PGliteThread } from "./services/platform/pglite-thread";
import { OfficerDirectory } from "./services/security/officer-directory";
import { serveSubscriptions } from "./graphql/subscription-server";

/**
 * Runs the service on `config` (the embedded database already started in its thread when there is one).
 * @public loaded by index.ts with `require`, after the database's thread is started
 */
export async function serve(config: AppConfig, pgliteThread?: PGliteThread): Promise<void> {
  const services = await composeServices(config, pgliteThread);
  const { logger, dataSource, timers, auth } = services;

  // Subscriptions, and the officer records this instance keeps: changes committed by any instance
  // reach this one through LISTEN/NOTIFY.
  const officers = new OfficerDirectory(dataSource);
  const liveUpdates = await LiveUpdates.start(dataSource, { databaseUrl: config.databaseUrl, logger, officers });
  const { listener, apollo, schema } = await createApp({
    dataSource,
    logger,
    sandboxEnabled: config.sandboxEnabled,
    mutationsPerMinute: config.mutationsPerMinute,
    queriesPerMinute: config.queriesPerMinute,
    exposeTokenFailureReason: config.environment !== "production",
    timers,
    officers,
    ...auth,
  });
  const server = createServer(listener);
  const subscriptions = serveSubscriptions(server, {
    schema,
    dataSource,
    logger,
    verifyToken: auth.verifyToken,
    liveUpdates,
    timers,
    officers,
    maxConnectionsPerCaller: config.subscriptionConnectionsPerCaller,
    maxUnauthenticatedConnections: config.unauthenticatedConnections,
  });
  // Outside production, 127.0.0.1 unless HOST says otherwise; in production every interface by default.
  const host = config.host ?? undefined;
  const shown = !host || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  server.listen({ port: config.port, host }, () =>
    logger.info("listening", {
      host: host ?? "every interface",
      graphql: `http://${shown}:${config.port}/graphql`,
      subscriptions: `ws://${shown}:${config.port}/graphql`,
      sandbox: `http://${shown}:${config.port}/`,
      explorer: `http://${shown}:${config.port}/explorer`,
    }),
  );
  const stopBackgroundWork = startBackgroundWork(services);

  const shutdown = async (signal: string) => {
    stopBackgroundWork();
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
