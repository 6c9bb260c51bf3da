import type { PoolClient, Pool } from "pg";
import type { BaselineContext } from "./request-context";

// The service's one-row access-log INSERT (src/services/security/access-log.service.ts).
const INSERT_ACCESS_LOG = `INSERT INTO "access_log" ("actor", "roles", "action", "operation", "case_id", "fields", "purpose", "correlation_id", "client_correlation_id") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

interface AccessLogEntry {
  action: "READ" | "CHANGE";
  operation: string;
  caseId: string;
  fields: string[];
}

/** Writes one access-log row for the request: field names only, never values. */
export async function writeAccessLog(
  executor: Pool | PoolClient,
  context: BaselineContext,
  entry: AccessLogEntry,
): Promise<void> {
  await executor.query(INSERT_ACCESS_LOG, accessLogValues(context, entry));
}

/** The row's values, in INSERT_ACCESS_LOG's order. */
export function accessLogValues(context: BaselineContext, entry: AccessLogEntry): unknown[] {
  return [
    context.username,
    JSON.stringify(context.roles),
    entry.action,
    entry.operation,
    entry.caseId,
    JSON.stringify(entry.fields),
    "CASE_WORK",
    context.correlationId,
    null,
  ];
}
