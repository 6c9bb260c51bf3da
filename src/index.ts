import "./heap-growth";
import "reflect-metadata";
import "./graphql/production-graphql";
import { createServer } from "node:http";
import { loadConfig } from "./config";
import { createApp } from "./server";
import { composeServices } from "./composition-root";
import { startBackgroundWork } from "./background-work";
import { LiveUpdates } from "./services/platform/live-updates";
import { OfficerDirectory } from "./services/security/officer-directory";
import { serveSubscriptions } from "./graphql/subscription-server";

async function main(): Promise<void> {
  const services = await composeServices(loadConfig());
  const { config, logger, dataSource, timers, auth } = services;

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

main().catch((error: unknown) => {
  // Only the class and message of a start-up failure: configuration errors are written for operators.
  const failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`${JSON.stringify({ level: "error", message: "failed to start", error: failure })}\n`);
  process.exit(1);
});
