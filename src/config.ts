import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import {
  DEFAULT_INVITATION_TIMINGS,
  DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS,
  type InvitationTimings,
} from "./domain/work/deadline-rules";
import type { TestClock } from "./domain/calendar/clock";
import { inMemory } from "./services/platform/pglite-instance";

export interface AppConfig {
  readonly environment: "production" | "development" | "test";
  readonly port: number;
  /** The address to listen on; null: every interface (production's default). */
  readonly host: string | null;
  /** Set: run on this PostgreSQL. Unset: run on the embedded PGlite database. */
  readonly databaseUrl: string | null;
  /** The tables' owner, to run the migrations as; the service itself runs as DATABASE_URL's role. Null: that role does both. */
  readonly migrationDatabaseUrl: string | null;
  /** A read replica of DATABASE_URL for the analysts' aggregates and the caseload list; null: the primary serves them. */
  readonly readDatabaseUrl: string | null;
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
  /** Days an idempotency key is kept; after that a request sent with it again runs as a new one. */
  readonly idempotencyKeyRetentionDays: number;
  /** Mutation fields one caller may send per minute, across every instance; 0: no limit. */
  readonly mutationsPerMinute: number;
  /** Queries one caller may send per minute, across every instance; 0: no limit. */
  readonly queriesPerMinute: number;
  /** Subscription connections one caller may hold open, across every instance; 0: no limit. */
  readonly subscriptionConnectionsPerCaller: number;
  /** WebSocket connections one instance holds before they authenticate; 0: no limit. */
  readonly unauthenticatedConnections: number;
  /** Working days before an unanswered invitation gets a follow-up, and then before it expires. */
  readonly invitationTimings: InvitationTimings;
  /** Working days a sent letter or email waits for the victim's acknowledgement before it is escalated. */
  readonly acknowledgementWorkingDays: number;
  /** Days before the expected release that every victim is sent a final confirmation of the month (an assumption). */
  readonly releaseConfirmationLeadDays: number;
  /** Outside production: the service's time held at a moment (CLOCK) or moved by days (CLOCK_OFFSET_DAYS); null: the system's. */
  readonly testClock: TestClock | null;
  /** GOV.UK Notify, when a key is given; without one, letters and emails wait for the officer. */
  readonly notify: { apiKey: string; baseUrl: string | undefined; templates: { email: string; letter: string } } | null;
}

/** What every token must satisfy besides its signature and issuer. */
interface TokenRules {
  /** Checked when set, in every mode. */
  audience: string | null;
  /** Production: a token without `exp`, or living longer than this, is refused. Null elsewhere. */
  maxLifetimeSeconds: number | null;
}

type AuthConfig =
  /** Tokens from the issuer's JWKS (HMPPS Auth). */
  | ({ mode: "jwks"; jwksUrl: string; issuer: string } & TokenRules)
  /** Development: the server signs and checks its own tokens with a key pair kept in `keyDir`. */
  | ({ mode: "development"; keyDir: string; issuer: string } & TokenRules);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * The development issuer's name. Not a URL with the port: `npm run token` and the server must agree
 * whatever PORT each was started with.
 */
export const DEVELOPMENT_ISSUER = "vcs-development";

const ENVIRONMENTS = ["development", "test", "production"] as const;
const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 3600;
const KEY_FORMAT = "must be 32 bytes, as 64 hex digits or base64";

// An unset variable and an empty one mean the same: the default.
const blankAsUnset = (value: unknown) => {
  if (typeof value !== "string") return value;
  return value.trim() === "" ? undefined : value.trim();
};
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());

const wholeNumber = optional(z.string().regex(/^\d+$/, "must be a whole number").transform(Number));
// Days counted back from now in SQL: 1 or more, and no further back than a century.
const days = optional(
  z
    .string()
    .regex(/^\d+$/, "must be a whole number of days from 1 to 36500")
    .transform(Number)
    .refine((value) => value >= 1 && value <= 36500, "must be a whole number of days from 1 to 36500"),
);
const flag = optional(z.enum(["true", "1", "false", "0"], { error: "must be true or false" }).transform(isTrue));
const encryptionKey = z.string().transform((value, context) => {
  const key = decodeEncryptionKey(value);
  if (!key) context.addIssue({ code: "custom", message: KEY_FORMAT });
  return key ?? z.NEVER;
});

/** Every variable the service reads, each checked on its own; the rules between them follow. */
const environmentSchema = z
  .object({
    NODE_ENV: optional(
      z.enum(ENVIRONMENTS, {
        error: (issue) => `must be development, test or production, not ${JSON.stringify(issue.input)}`,
      }),
    ),
    PORT: optional(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number from 0 to 65535")
        .transform(Number)
        .refine((port) => port <= 65535, "must be a whole number from 0 to 65535"),
    ),
    HOST: optional(z.string().regex(/^[A-Za-z0-9.:%_-]+$/, "must be a host name or an IP address")),
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")),
    MIGRATION_DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://"),
    ),
    DATABASE_READ_URL: optional(z.string().refine(isPostgresUrl, "must be a postgres:// or postgresql:// URL")),
    PGLITE_DIR: optional(z.string()),
    ALLOW_EMBEDDED_IN_PRODUCTION: flag,
    DATA_ENCRYPTION_KEY: optional(encryptionKey),
    DATA_ENCRYPTION_PREVIOUS_KEYS: optional(
      z.string().transform((value, context) => {
        const keys = value
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean)
          .map(decodeEncryptionKey);
        if (keys.some((key) => !key))
          context.addIssue({ code: "custom", message: `must be comma-separated keys, each ${KEY_FORMAT}` });
        return keys.filter((key): key is Buffer => key !== null);
      }),
    ),
    LOAD_DEMO_DATA: flag,
    LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
    AUTH_JWKS_URL: optional(z.string().refine(isHttpUrl, "must be an http(s) URL")),
    AUTH_ISSUER: optional(z.string()),
    AUTH_AUDIENCE: optional(z.string()),
    AUTH_MAX_TOKEN_LIFETIME: optional(
      z
        .string()
        .regex(/^[1-9]\d*[smh]?$/, "must be a whole number of seconds, or of minutes or hours as 30m or 1h")
        .transform(durationInSeconds),
    ),
    AUTH_DEV_KEY_DIR: optional(z.string()),
    ENABLE_SANDBOX: flag,
    RETENTION_DAYS: wholeNumber,
    IDEMPOTENCY_KEY_RETENTION_DAYS: days,
    MUTATIONS_PER_MINUTE: wholeNumber,
    QUERIES_PER_MINUTE: wholeNumber,
    SUBSCRIPTION_CONNECTIONS_PER_CALLER: wholeNumber,
    UNAUTHENTICATED_CONNECTIONS: wholeNumber,
    ACKNOWLEDGEMENT_WORKING_DAYS: wholeNumber,
    RELEASE_CONFIRMATION_LEAD_DAYS: wholeNumber,
    INVITATION_FOLLOW_UP_WORKING_DAYS: wholeNumber,
    INVITATION_EXPIRY_WORKING_DAYS: wholeNumber,
    CLOCK: optional(
      z
        .string()
        .regex(
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
          "must be a moment with its zone, as 2026-06-01T09:00:00Z",
        )
        .refine(isRealMoment, "must be a real moment, as 2026-06-01T09:00:00Z")
        .transform((value) => new Date(value)),
    ),
    CLOCK_OFFSET_DAYS: optional(
      z
        .string()
        .regex(/^-?\d+$/, "must be a whole number of days (negative for the past)")
        .transform(Number)
        .refine((days) => Math.abs(days) <= 36500, "must be within a century"),
    ),
    NOTIFY_API_KEY: optional(z.string()),
    NOTIFY_EMAIL_TEMPLATE_ID: optional(z.string()),
    NOTIFY_LETTER_TEMPLATE_ID: optional(z.string()),
    NOTIFY_BASE_URL: optional(z.string()),
  })
  // `when`: the rules between variables run even when some variable is bad, so one start reports
  // every problem. A variable that failed its own check still holds its raw text here.
  .superRefine(checkCombinations, { when: () => true });

type Environment = z.output<typeof environmentSchema>;

function checkCombinations(env: Environment, context: z.RefinementCtx): void {
  const problem = (variable: keyof Environment, message: string) =>
    context.addIssue({ code: "custom", path: [variable], message });
  if (env.NOTIFY_API_KEY && (!env.NOTIFY_EMAIL_TEMPLATE_ID || !env.NOTIFY_LETTER_TEMPLATE_ID))
    problem("NOTIFY_API_KEY", "needs NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_LETTER_TEMPLATE_ID");
  if (env.AUTH_JWKS_URL && !env.AUTH_ISSUER) problem("AUTH_ISSUER", "is required with AUTH_JWKS_URL");
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL)
    problem("MIGRATION_DATABASE_URL", "needs DATABASE_URL (the embedded database has one role)");
  if (env.DATABASE_READ_URL && !env.DATABASE_URL)
    problem("DATABASE_READ_URL", "needs DATABASE_URL (the embedded database has no replica)");
  if (env.CLOCK !== undefined && env.CLOCK_OFFSET_DAYS !== undefined)
    problem("CLOCK_OFFSET_DAYS", "cannot be set with CLOCK: one test clock at a time");
  if (env.NODE_ENV !== "production") return;

  if (env.CLOCK !== undefined) problem("CLOCK", "must not be set in production: production runs on the system clock");
  if (env.CLOCK_OFFSET_DAYS !== undefined)
    problem("CLOCK_OFFSET_DAYS", "must not be set in production: production runs on the system clock");

  // Production fails closed: nothing it would otherwise make up for itself.
  if (!env.AUTH_JWKS_URL) problem("AUTH_JWKS_URL", "is required in production");
  else if (!/^https:\/\//i.test(env.AUTH_JWKS_URL))
    problem("AUTH_JWKS_URL", "must be an https:// URL in production: keys fetched over http:// can be swapped");
  if (!env.DATA_ENCRYPTION_KEY) problem("DATA_ENCRYPTION_KEY", "is required in production");
  else if (Buffer.isBuffer(env.DATA_ENCRYPTION_KEY)) {
    const weakness = weaknessOf(env.DATA_ENCRYPTION_KEY);
    if (weakness)
      problem("DATA_ENCRYPTION_KEY", `is ${weakness}: production needs a random key (openssl rand -hex 32)`);
  }
  if (!env.DATABASE_URL && env.ALLOW_EMBEDDED_IN_PRODUCTION !== true)
    problem(
      "DATABASE_URL",
      "is required in production (the embedded database is for development; ALLOW_EMBEDDED_IN_PRODUCTION=true allows it)",
    );
  if (env.LOAD_DEMO_DATA === true) problem("LOAD_DEMO_DATA", "must not be true in production: no demo data there");
}

/** Why a well-formed key is still unfit for production, or null. */
function weaknessOf(key: Buffer): string | null {
  if (key.every((byte) => byte === 0)) return "all zeros";
  if (key.every((byte) => byte === key[0])) return "one byte repeated";
  // A random 32-byte key has about 30 different byte values; fewer than 16 is a pattern.
  if (new Set(key).size < 16) return "a short repeated pattern (too few different bytes)";
  const step = (key[1] - key[0] + 256) % 256;
  if (key.every((byte, index) => index === 0 || (byte - key[index - 1] + 256) % 256 === step))
    return "a counting sequence";
  return null;
}

// Read once at start; everything else receives the typed object.
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`configuration refused:\n- ${problems.join("\n- ")}`);
  }
  const settings = parsed.data;
  // Unset stays development, so `npm ci && npm start` works on a fresh machine.
  const environment = settings.NODE_ENV ?? "development";
  const production = environment === "production";
  const databaseUrl = settings.DATABASE_URL ?? null;
  const pgliteDir = settings.PGLITE_DIR ?? ".data/pglite";

  return {
    environment,
    port: settings.PORT ?? 4000,
    // Outside production only this machine can reach the server unless HOST says otherwise.
    host: settings.HOST ?? (production ? null : "127.0.0.1"),
    databaseUrl,
    migrationDatabaseUrl: settings.MIGRATION_DATABASE_URL ?? null,
    readDatabaseUrl: settings.DATABASE_READ_URL ?? null,
    pgliteDir,
    dataEncryptionKey: settings.DATA_ENCRYPTION_KEY ?? developmentEncryptionKey(databaseUrl ? null : pgliteDir),
    previousEncryptionKeys: settings.DATA_ENCRYPTION_PREVIOUS_KEYS ?? [],
    loadDemoData: settings.LOAD_DEMO_DATA ?? (!databaseUrl && !production),
    logLevel: settings.LOG_LEVEL ?? (environment === "test" ? "silent" : "info"),
    auth: resolveAuth(settings, production),
    sandboxEnabled: !production || settings.ENABLE_SANDBOX === true,
    retentionDays: settings.RETENTION_DAYS ?? 365 * 2,
    idempotencyKeyRetentionDays: settings.IDEMPOTENCY_KEY_RETENTION_DAYS ?? 30,
    mutationsPerMinute: settings.MUTATIONS_PER_MINUTE ?? 120,
    queriesPerMinute: settings.QUERIES_PER_MINUTE ?? 600,
    subscriptionConnectionsPerCaller: settings.SUBSCRIPTION_CONNECTIONS_PER_CALLER ?? 10,
    unauthenticatedConnections: settings.UNAUTHENTICATED_CONNECTIONS ?? 100,
    testClock: testClockOf(settings),
    notify: settings.NOTIFY_API_KEY
      ? {
          apiKey: settings.NOTIFY_API_KEY,
          baseUrl: settings.NOTIFY_BASE_URL,
          templates: { email: settings.NOTIFY_EMAIL_TEMPLATE_ID!, letter: settings.NOTIFY_LETTER_TEMPLATE_ID! },
        }
      : null,
    acknowledgementWorkingDays: settings.ACKNOWLEDGEMENT_WORKING_DAYS ?? 10,
    releaseConfirmationLeadDays: settings.RELEASE_CONFIRMATION_LEAD_DAYS ?? DEFAULT_RELEASE_CONFIRMATION_LEAD_DAYS,
    invitationTimings: {
      followUpWorkingDays: settings.INVITATION_FOLLOW_UP_WORKING_DAYS ?? DEFAULT_INVITATION_TIMINGS.followUpWorkingDays,
      expiryWorkingDays: settings.INVITATION_EXPIRY_WORKING_DAYS ?? DEFAULT_INVITATION_TIMINGS.expiryWorkingDays,
    },
  };
}

// Production trusts only the issuer's published keys (checked above); elsewhere the server can be its own issuer.
function resolveAuth(settings: Environment, production: boolean): AuthConfig {
  const rules: TokenRules = {
    audience: settings.AUTH_AUDIENCE ?? null,
    maxLifetimeSeconds: production ? (settings.AUTH_MAX_TOKEN_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS) : null,
  };
  if (settings.AUTH_JWKS_URL)
    return { mode: "jwks", jwksUrl: settings.AUTH_JWKS_URL, issuer: settings.AUTH_ISSUER!, ...rules };
  return {
    mode: "development",
    keyDir: settings.AUTH_DEV_KEY_DIR ?? ".data/dev-auth",
    issuer: settings.AUTH_ISSUER ?? DEVELOPMENT_ISSUER,
    ...rules,
  };
}

function testClockOf(settings: Environment): TestClock | null {
  if (settings.CLOCK instanceof Date) return { kind: "FIXED", at: settings.CLOCK };
  if (typeof settings.CLOCK_OFFSET_DAYS === "number") return { kind: "OFFSET", days: settings.CLOCK_OFFSET_DAYS };
  return null;
}

// Date would roll 31 February on into March; a typo must not start a test a few days off.
function isRealMoment(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return (
    calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && !Number.isNaN(new Date(value).getTime())
  );
}

function isTrue(value: string): boolean {
  return value === "true" || value === "1";
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

// A socket URL (postgres:///vcs?host=/run/postgresql) has no host, and is one all the same.
function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\/./i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function durationInSeconds(value: string): number {
  const unit = { s: 1, m: 60, h: 3600 }[value.slice(-1)];
  return unit ? Number(value.slice(0, -1)) * unit : Number(value);
}

function decodeEncryptionKey(value: string): Buffer | null {
  const key = Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? "hex" : "base64");
  return key.length === 32 ? key : null;
}

// Outside production (production must be given its key) a development key is made once and kept
// beside the embedded database, so data written in one run can be read in the next.
function developmentEncryptionKey(pgliteDir: string | null): Buffer {
  if (!pgliteDir || inMemory(pgliteDir)) return randomBytes(32);
  const keyFile = join(dirname(pgliteDir), "dev-encryption.key");
  if (existsSync(keyFile)) {
    const key = decodeEncryptionKey(readFileSync(keyFile, "utf8").trim());
    if (!key) throw new ConfigError(`${keyFile} ${KEY_FORMAT}`);
    return key;
  }
  const key = randomBytes(32);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, key.toString("hex"), { mode: 0o600 });
  return key;
}
