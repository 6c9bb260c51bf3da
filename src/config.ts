import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  DEFAULT_INVITATION_TIMINGS,
  DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS,
  type InvitationTimings,
} from "./domain/work/deadline-rules";

export interface AppConfig {
  readonly environment: "production" | "development" | "test";
  readonly port: number;
  /** Set: run on this PostgreSQL. Unset: run on the embedded PGlite database. */
  readonly databaseUrl: string | null;
  /** PGlite data directory, or `memory://` for a database that lives only in this process. */
  readonly pgliteDir: string;
  /** AES-256 key for personal data at rest. */
  readonly dataEncryptionKey: Buffer;
  /** Older keys, still able to read values until `npm run rotate-key` has re-sealed them. */
  readonly previousEncryptionKeys: Buffer[];
  readonly loadDemoData: boolean;
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
  readonly auth: AuthConfig;
  /** Introspection and the Sandbox landing page (always on outside production). */
  readonly sandboxEnabled: boolean;
  /** Days after a case closes before its personal data is removed. */
  readonly retentionDays: number;
  /** Mutations one caller may make per minute. */
  readonly mutationsPerMinute: number;
  /** Working days before an unanswered invitation gets a follow-up, and then before it expires. */
  readonly invitationTimings: InvitationTimings;
  /** Working days a sent letter or email waits for the victim's acknowledgement before it is escalated. */
  readonly acknowledgementWorkingDays: number;
  /** Days before the expected release that every victim is sent a final confirmation of the month (an assumption). */
  readonly releaseConfirmationLeadDays: number;
  /** GOV.UK Notify, when a key is given; without one, letters and emails wait for the officer. */
  readonly notify: { apiKey: string; baseUrl: string | undefined; templates: { email: string; letter: string } } | null;
}

type AuthConfig =
  /** Tokens from the issuer's JWKS (HMPPS Auth). */
  | { mode: "jwks"; jwksUrl: string; issuer: string }
  /** Development: the server signs and checks its own tokens with a key pair kept in `keyDir`. */
  | { mode: "development"; keyDir: string; issuer: string };

export class ConfigError extends Error {
  override name = "ConfigError";
}

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

// Read once at start; everything else receives the typed object.
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const environment = parseEnvironment(env.NODE_ENV);
  const pgliteDir = env.PGLITE_DIR?.trim() || ".data/pglite";
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://");
  }
  const port = parsePort(env.PORT);
  const logLevel = (env.LOG_LEVEL ?? (environment === "test" ? "silent" : "info")) as AppConfig["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);

  return {
    environment,
    port,
    databaseUrl,
    pgliteDir,
    dataEncryptionKey: resolveEncryptionKey(env.DATA_ENCRYPTION_KEY, environment, databaseUrl ? null : pgliteDir),
    previousEncryptionKeys: (env.DATA_ENCRYPTION_PREVIOUS_KEYS ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean)
      .map(parseEncryptionKey),
    loadDemoData: parseBoolean(env.LOAD_DEMO_DATA, !databaseUrl),
    logLevel,
    auth: resolveAuth(env, environment),
    sandboxEnabled: environment !== "production" || parseBoolean(env.ENABLE_SANDBOX, false),
    retentionDays: parseWholeNumber(env.RETENTION_DAYS, 365 * 2, "RETENTION_DAYS"),
    mutationsPerMinute: parseWholeNumber(env.MUTATIONS_PER_MINUTE, 120, "MUTATIONS_PER_MINUTE"),
    notify: resolveNotify(env),
    acknowledgementWorkingDays: parseWholeNumber(env.ACKNOWLEDGEMENT_WORKING_DAYS, 10, "ACKNOWLEDGEMENT_WORKING_DAYS"),
    releaseConfirmationLeadDays: parseWholeNumber(
      env.RELEASE_CONFIRMATION_LEAD_DAYS,
      DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS,
      "RELEASE_CONFIRMATION_LEAD_DAYS",
    ),
    invitationTimings: {
      followUpWorkingDays: parseWholeNumber(
        env.INVITATION_FOLLOW_UP_WORKING_DAYS,
        DEFAULT_INVITATION_TIMINGS.followUpWorkingDays,
        "INVITATION_FOLLOW_UP_WORKING_DAYS",
      ),
      expiryWorkingDays: parseWholeNumber(
        env.INVITATION_EXPIRY_WORKING_DAYS,
        DEFAULT_INVITATION_TIMINGS.expiryWorkingDays,
        "INVITATION_EXPIRY_WORKING_DAYS",
      ),
    },
  };
}

function resolveNotify(env: NodeJS.ProcessEnv): AppConfig["notify"] {
  const apiKey = env.NOTIFY_API_KEY?.trim();
  if (!apiKey) return null;
  const email = env.NOTIFY_EMAIL_TEMPLATE_ID?.trim();
  const letter = env.NOTIFY_LETTER_TEMPLATE_ID?.trim();
  if (!email || !letter)
    throw new ConfigError("NOTIFY_API_KEY needs NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_LETTER_TEMPLATE_ID");
  return { apiKey, baseUrl: env.NOTIFY_BASE_URL?.trim() || undefined, templates: { email, letter } };
}

/**
 * The development issuer's name. Not a URL with the port: `npm run token` and the server must agree
 * whatever PORT each was started with.
 */
export const DEVELOPMENT_ISSUER = "vcs-development";

// Production trusts only the issuer's published keys; elsewhere the server can be its own issuer.
function resolveAuth(env: NodeJS.ProcessEnv, environment: AppConfig["environment"]): AuthConfig {
  const jwksUrl = env.AUTH_JWKS_URL?.trim();
  if (jwksUrl) {
    if (!/^https?:\/\//.test(jwksUrl)) throw new ConfigError("AUTH_JWKS_URL must be an http(s) URL");
    const issuer = env.AUTH_ISSUER?.trim();
    if (!issuer) throw new ConfigError("AUTH_ISSUER is required with AUTH_JWKS_URL");
    return { mode: "jwks", jwksUrl, issuer };
  }
  if (environment === "production") throw new ConfigError("AUTH_JWKS_URL is required in production");
  return {
    mode: "development",
    keyDir: env.AUTH_DEV_KEY_DIR?.trim() || ".data/dev-auth",
    issuer: env.AUTH_ISSUER?.trim() || DEVELOPMENT_ISSUER,
  };
}

function parseWholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new ConfigError(`${name} must be a whole number`);
  return number;
}

function parseEnvironment(value: string | undefined): AppConfig["environment"] {
  if (value === "production" || value === "test") return value;
  return "development";
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError("PORT must be a whole number from 0 to 65535");
  return port;
}

function parseBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new ConfigError("boolean settings take true or false");
}

function parseEncryptionKey(value: string): Buffer {
  const key = Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? "hex" : "base64");
  if (key.length !== 32) throw new ConfigError("DATA_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64");
  return key;
}

// Production must be given its key; elsewhere a development key is made once and kept beside
// the embedded database, so data written in one run can be read in the next.
function resolveEncryptionKey(
  value: string | undefined,
  environment: AppConfig["environment"],
  pgliteDir: string | null,
): Buffer {
  if (value) return parseEncryptionKey(value);
  if (environment === "production") throw new ConfigError("DATA_ENCRYPTION_KEY is required in production");
  if (!pgliteDir || pgliteDir.startsWith("memory://")) return randomBytes(32);
  const keyFile = join(dirname(pgliteDir), "dev-encryption.key");
  if (existsSync(keyFile)) return parseEncryptionKey(readFileSync(keyFile, "utf8").trim());
  const key = randomBytes(32);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, key.toString("hex"), { mode: 0o600 });
  return key;
}
