import { cachingTokenVerifier } from "./services/security/token-cache";
import type { DataSource } from "typeorm";
import { ConfigError, type AppConfig } from "./config";
import type { ServerOptions } from "./server";
import { loadOrCreateDevKeys, signDevToken } from "./services/security/dev-auth-keys";
import { createTokenVerifier } from "./services/security/identity";
import { openDatabase } from "./services/platform/database";
import type { PGliteThread } from "./services/platform/pglite-thread";
import { historyRewriteRisk, runtimeRolePowers } from "./services/platform/runtime-role";
import { reindexContacts } from "./services/cases/contact-reindex";
import { sealPlaintextPersonalData } from "./services/cases/plaintext-sealing";
import { NotifyAdapter } from "./services/clients/notify-adapter";
import type { TimerSettings } from "./services/work/timer-schedule";
import { configureFieldEncryption } from "./entities/field-encryption.transformer";
import { holdClock, now } from "./domain/calendar/clock";
import { createLogger, type Logger } from "./services/platform/logger";

type AuthServices = Pick<ServerOptions, "verifyToken" | "mintBrowserToken" | "publishedJwks">;

/** Everything the process runs with, built once at start from the one configuration. */
export interface AppServices {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  /** How long an invitation waits for a reply, and a notification for its acknowledgement. */
  timers: TimerSettings;
  auth: AuthServices;
  /** GOV.UK Notify, when a key is configured; without it letters and emails wait for the officer. */
  notify: NotifyAdapter | null;
}

// Production checks tokens against the issuer's JWKS; development is its own issuer, publishes its
// JWKS, and opens Sandbox and GraphiQL signed in as alice.vlo
// (for a browser on this machine only: see explorer/loopback.ts).
async function createAuth(config: AppConfig): Promise<AuthServices> {
  const { issuer, audience, maxLifetimeSeconds } = config.auth;
  if (config.auth.mode === "jwks")
    return {
      verifyToken: cachingTokenVerifier(
        createTokenVerifier({ issuer, audience, maxLifetimeSeconds, jwksUrl: config.auth.jwksUrl }),
      ),
    };
  const keys = await loadOrCreateDevKeys(config.auth.keyDir);
  return {
    verifyToken: cachingTokenVerifier(
      createTokenVerifier({ issuer, audience, maxLifetimeSeconds, jwks: keys.publicJwks }),
    ),
    // A new token for each page load, so a page opened long after the start is signed in too.
    mintBrowserToken: config.sandboxEnabled
      ? () =>
          signDevToken(keys, {
            issuer,
            audience,
            user: "alice.vlo",
            roles: ["VCS_VLO"],
            ttlSeconds: 12 * 3600,
          })
      : undefined,
    publishedJwks: keys.publicJwks,
  };
}

// The histories are append-only for a role that owns nothing (issue 13 §1). Production refuses to
// run as one that could rewrite them; elsewhere it is a warning, as one role is simpler to set up.
async function refuseHistoryRewriters(dataSource: DataSource, config: AppConfig, logger: Logger): Promise<void> {
  const risk = historyRewriteRisk(await runtimeRolePowers(dataSource));
  if (!risk) return;
  if (config.environment !== "production") {
    logger.warn("the service's database role could rewrite the audit trail", { why: risk });
    return;
  }
  await dataSource.destroy();
  throw new ConfigError(
    `DATABASE_URL refused: ${risk}. Run the service as a role that owns nothing (a member of vcs_runtime) and the migrations as the owner (MIGRATION_DATABASE_URL).`,
  );
}

/**
 * Opens the database (migrated, with demo data when asked and empty) and builds the services. On
 * the embedded engine, `pgliteThread` is the database already started on `config.pgliteDir`.
 */
export async function composeServices(config: AppConfig, pgliteThread?: PGliteThread): Promise<AppServices> {
  const logger = createLogger(config.logLevel);
  // The one exception to passing things in: TypeORM column transformers are bound when the entity
  // classes load, so the keys they seal with are installed for the process, once, here.
  configureFieldEncryption(config.dataEncryptionKey, config.previousEncryptionKeys);
  // Likewise the clock: every date the service computes reads it (the configuration refuses a test clock in production).
  holdClock(config.testClock);
  if (config.testClock) logger.warn("test clock: the service's time is held", { now: now().toISOString() });
  const timers: TimerSettings = {
    invitation: config.invitationTimings,
    acknowledgementWorkingDays: config.acknowledgementWorkingDays,
    releaseConfirmationLeadDays: config.releaseConfirmationLeadDays,
  };
  const dataSource = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    readDatabaseUrl: config.readDatabaseUrl,
    pgliteDir: config.pgliteDir,
    pgliteThread,
  });
  logger.info("database ready", { engine: config.databaseUrl ? "postgresql" : "pglite", migrations: "applied" });
  if (config.databaseUrl) await refuseHistoryRewriters(dataSource, config, logger);
  // Contacts written before the blind indexes existed, or before a key rotation, are indexed now.
  const reindexed = await reindexContacts(dataSource);
  if (reindexed > 0) logger.info("contact indexes made", { contacts: reindexed });
  // Free text written before it was treated as personal data (discretionary reasons, history notes) is sealed now.
  const sealed = await sealPlaintextPersonalData(dataSource);
  if (sealed > 0) logger.info("plain-text personal data sealed", { values: sealed });
  // Checked and loaded under a lock, so instances starting together on one database load it once.
  if (config.loadDemoData) {
    // Read only when asked for: production never loads demo data.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a load on first use, typed by its import
    const demoData = require("./services/platform/demo-data") as typeof import("./services/platform/demo-data");
    if (await demoData.loadDemoDataIfEmpty(dataSource, timers)) logger.info("demo data loaded");
  }
  const notify = config.notify
    ? new NotifyAdapter({
        apiKey: config.notify.apiKey,
        baseUrl: config.notify.baseUrl,
        templates: config.notify.templates,
      })
    : null;
  return { config, logger, dataSource, timers, auth: await createAuth(config), notify };
}
