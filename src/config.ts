import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface AppConfig {
  readonly environment: "production" | "development" | "test";
  readonly port: number;
  /** Set: run on this PostgreSQL. Unset: run on the embedded PGlite database. */
  readonly databaseUrl: string | null;
  /** PGlite data directory, or `memory://` for a database that lives only in this process. */
  readonly pgliteDir: string;
  /** AES-256 key for personal data at rest. */
  readonly dataEncryptionKey: Buffer;
  readonly loadDemoData: boolean;
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

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
    loadDemoData: parseBoolean(env.LOAD_DEMO_DATA, !databaseUrl),
    logLevel,
  };
}

function parseEnvironment(value: string | undefined): AppConfig["environment"] {
  if (value === "production" || value === "test") return value;
  return "development";
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError("PORT must be a whole number from 0 to 65535");
  return port;
}

function parseBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new ConfigError("boolean settings take true or false");
}

export function parseEncryptionKey(value: string): Buffer {
  const key = Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? "hex" : "base64");
  if (key.length !== 32) throw new ConfigError("DATA_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64");
  return key;
}

// Production must be given its key; elsewhere a development key is made once and kept beside
// the embedded database, so data written in one run can be read in the next.
function resolveEncryptionKey(value: string | undefined, environment: AppConfig["environment"], pgliteDir: string | null): Buffer {
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
