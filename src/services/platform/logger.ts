import {
  destination as pinoDestination,
  pino,
  stdTimeFunctions,
  type DestinationStream,
  type Logger as PinoLogger,
} from "pino";

// One JSON object per line (pino). Callers pass ids and codes, never personal data or SQL;
// redaction below is the safety net for a mistake, not a licence to log records.
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line also carries `bindings` (e.g. a request's correlationId). */
  child(bindings: Record<string, unknown>): Logger;
  /** Whether lines of `level` are written: a caller can skip building one that would not be. */
  writes(level: Exclude<LogLevel, "silent">): boolean;
}

const REDACTED = "[REDACTED]";

// Contact fields of the schema, at the top of a line, one level down (`contact.name`), and in a
// mutation's input. fast-redact has no deep wildcard, so deeper values rely on callers.
const PERSONAL_FIELDS = [
  "name",
  "dateOfBirth",
  "address",
  "phone",
  "email",
  "needs",
  "personalStatement",
  "contact",
  "contacts",
  "variables",
];
const REDACT_PATHS = [
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((field) => `*.${field}`),
  "input.contact.*",
  "*.input.contact.*",
];

export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  // Tests collect lines through `write`; pino hands a destination each line with its newline.
  const stream: DestinationStream = write
    ? { write: (chunk) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) }
    : pinoDestination({ dest: 1, sync: true });
  const root = pino(
    {
      level,
      base: undefined,
      messageKey: "message",
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    stream,
  );
  return wrap(root);
}

function wrap(logger: PinoLogger): Logger {
  return {
    debug: (message, fields = {}) => logger.debug(fields, message),
    info: (message, fields = {}) => logger.info(fields, message),
    warn: (message, fields = {}) => logger.warn(fields, message),
    error: (message, fields = {}) => logger.error(fields, message),
    child: (bindings) => wrap(logger.child(bindings)),
    writes: (level) => logger.isLevelEnabled(level),
  };
}

/** What may be logged of a failure: its class, never its message (which could carry personal data). */
export function errorClassOf(error: unknown): string {
  return error instanceof Error ? error.constructor.name : typeof error;
}
