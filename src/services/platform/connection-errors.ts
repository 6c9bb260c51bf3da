/*
 * A lost database connection (a restart, a failover, pg_terminate_backend) is not the request's
 * fault, and a statement that failed with one wrote nothing. So work that can be run again safely
 * is run again, once or twice, on a fresh connection from the pool (issue 13 §4).
 */

/** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
const CONNECTION_FAILURE_CODES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, or a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
]);
const CONNECTION_EXCEPTION_CLASS = "08";
/** What node-postgres and Node's sockets say when the connection itself went. */
const CONNECTION_FAILURE_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
  "terminating connection",
];
const SOCKET_ERRORS = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);
/** What TypeORM throws when the connection under a transaction went and its query runner was let go. */
const RELEASED_RUNNER_ERRORS = new Set(["QueryRunnerAlreadyReleasedError", "QueryRunnerProviderAlreadyReleasedError"]);

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (RELEASED_RUNNER_ERRORS.has(error.name) || RELEASED_RUNNER_ERRORS.has(error.constructor.name)) return true;
  // TypeORM wraps the driver's error; the SQLSTATE and socket codes are on it, or on its cause.
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === "string") {
    if (CONNECTION_FAILURE_CODES.has(code) || code.startsWith(CONNECTION_EXCEPTION_CLASS) || SOCKET_ERRORS.has(code))
      return true;
  }
  if (driverError && driverError !== error && isConnectionError(driverError)) return true;
  return CONNECTION_FAILURE_MESSAGES.some((message) => error.message.includes(message));
}

/** How many times work that lost its connection is run again. */
export const CONNECTION_RETRIES = 2;

/**
 * Runs `work`, and runs it again when it fails because the connection was lost. Only for work
 * that wrote nothing when it failed: a read, or a whole transaction that never reached COMMIT.
 */
export async function retryOnConnectionError<T>(work: () => Promise<T>, retries = CONNECTION_RETRIES): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isConnectionError(error)) throw error;
    }
  }
}
