import "reflect-metadata";
import { createServer } from "node:http";
import { loadConfig } from "./config";
import { createApp } from "./server";
import { openDatabase } from "./services/database";
import { isDatabaseEmpty, loadDemoData } from "./services/demo-data";
import { configureFieldEncryption } from "./services/field-encryption";
import { createLogger } from "./services/logger";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  configureFieldEncryption(config.dataEncryptionKey);

  const dataSource = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  logger.info("database ready", { engine: config.databaseUrl ? "postgresql" : "pglite", migrations: "applied" });
  if (config.loadDemoData && (await isDatabaseEmpty(dataSource))) {
    await loadDemoData(dataSource);
    logger.info("demo data loaded");
  }

  const { app, apollo } = await createApp({ dataSource, logger, production: config.environment === "production" });
  const server = createServer(app);
  server.listen(config.port, () => logger.info("listening", { graphql: `http://localhost:${config.port}/graphql`, sandbox: `http://localhost:${config.port}/` }));

  const shutdown = async (signal: string) => {
    logger.info("shutting down", { signal });
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
