import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorClassOf, type Logger } from "../services/platform/logger";
import { clientCorrelationIdFrom } from "./client-correlation-id";

/** What the one log line of an HTTP request says, filled in as the request goes along. */
export interface RequestRecord {
  correlationId: string;
  /** The client's x-correlation-id, sanitised, logged beside ours; null if none. */
  clientCorrelationId: string | null;
  actor?: string;
  operationName?: string | null;
  operationType?: string;
  errorCodes: string[];
}

/** One header's value as a single string (Node gives arrays only for a few headers sent twice). */
export function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * Starts the record of one HTTP request, and writes its one log line when the response is done: ids,
 * codes and timings only. Never the query text, variables or URL query string (a GET carries the
 * document there). `path` is the URL as the client sent it (Express's originalUrl inside a mount).
 */
export function beginRequestRecord(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  logger: Logger,
): RequestRecord {
  // Always our own id: the audit trail must not carry one a client chose (issue 13 §6).
  const correlationId = randomUUID();
  const clientCorrelationId = clientCorrelationIdFrom(headerOf(request, "x-correlation-id"));
  const record: RequestRecord = { correlationId, clientCorrelationId, errorCodes: [] };
  // Set now so refusals made before Apollo runs (body too large, CSRF, batching) carry it too.
  response.setHeader("x-correlation-id", correlationId);
  const started = performance.now();
  response.once("close", () => {
    const failed = response.statusCode >= 500;
    if (!logger.writes(failed ? "error" : "info")) return;
    const line = {
      correlationId,
      method: request.method,
      path: path.split("?")[0].slice(0, 200),
      status: response.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      clientCorrelationId: record.clientCorrelationId ?? undefined,
      actor: record.actor,
      operationName: record.operationName ?? undefined,
      operationType: record.operationType,
      errorCodes: record.errorCodes.length > 0 ? record.errorCodes : undefined,
      ...(response.writableFinished ? {} : { aborted: true }),
    };
    // The id as a field, not a child logger's binding: a child per request costs more than its line.
    if (failed) logger.error("request", line);
    else logger.info("request", line);
  });
  return record;
}

/** Largest JSON body accepted, in bytes (documents are capped at 1,000 tokens; variables are small). */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** A body that could not be read, in body-parser's terms: `type` says why, `status` is its 4xx. */
export interface BodyReadFailure {
  type?: unknown;
  status?: unknown;
}

/**
 * The answer to a request that failed before GraphQL (its body too large, not JSON, or an error of
 * ours): a JSON error like Apollo's, never Express's default page, which shows a stack trace outside
 * production.
 */
export function sendFailureBeforeGraphql(
  response: ServerResponse,
  record: RequestRecord,
  error: unknown,
  logger: Logger,
): void {
  const failure = (error ?? {}) as BodyReadFailure;
  const status =
    typeof failure.status === "number" && failure.status >= 400 && failure.status < 500 ? failure.status : 500;
  let code = "BAD_REQUEST";
  let message = "The request could not be read.";
  if (failure.type === "entity.too.large")
    [code, message] = ["PAYLOAD_TOO_LARGE", `The request body is larger than ${BODY_LIMIT_BYTES / 1024} kB.`];
  else if (failure.type === "entity.parse.failed") message = "The request body is not valid JSON.";
  else if (status === 500) {
    [code, message] = ["INTERNAL_SERVER_ERROR", "Internal server error"];
    logger.error("request failed", { correlationId: record.correlationId, errorClass: errorClassOf(error) });
  }
  record.errorCodes.push(code);
  const body = JSON.stringify({ errors: [{ message, extensions: { code, correlationId: record.correlationId } }] });
  response.statusCode = status;
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.setHeader("content-length", Buffer.byteLength(body));
  response.end(body);
}
