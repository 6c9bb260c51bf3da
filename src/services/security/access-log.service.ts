import DataLoader from "dataloader";
import { EntityManager, type DataSource } from "typeorm";
import { writeLater } from "../platform/trailing-writes";
import type { AccessAction } from "../../entities/security/access-log.entity";
import { retryOnConnectionError } from "../platform/connection-errors";

export interface AccessLogEntry {
  actor: string;
  roles: readonly string[];
  action: AccessAction;
  operation: string;
  caseId: string | null;
  fields: readonly string[];
  purpose: string;
  /** The server's own id for the request (or job). */
  correlationId: string;
  /** The id the client sent (x-correlation-id), sanitised; null for jobs and clients that sent none. */
  clientCorrelationId: string | null;
}

// In the order appendAccessLog pushes each entry's values.
const COLUMNS = [
  "actor",
  "roles",
  "action",
  "operation",
  "case_id",
  "fields",
  "purpose",
  "correlation_id",
  "client_correlation_id",
] as const;

// One multi-row INSERT per batch. Nothing in an entry is personal data: field names, not values.
export async function appendAccessLog(
  executor: DataSource | EntityManager,
  entries: readonly AccessLogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const values: unknown[] = [];
  const rows = entries.map((entry, index) => {
    values.push(
      entry.actor,
      JSON.stringify(entry.roles),
      entry.action,
      entry.operation,
      entry.caseId,
      JSON.stringify(entry.fields),
      entry.purpose,
      entry.correlationId,
      entry.clientCorrelationId,
    );
    const base = index * COLUMNS.length;
    return `(${COLUMNS.map((_, column) => `$${base + column + 1}`).join(", ")})`;
  });
  const sql = `INSERT INTO "access_log" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${rows.join(", ")}`;
  // In a command, the row goes with the change it records (trailing-writes.ts).
  if (executor instanceof EntityManager) await writeLater(executor, { sql, values, tables: ["access_log"] });
  else await executor.query(sql, values);
}

/**
 * Records reads of personal data, batched per request: the promise settles only once the rows are
 * committed, so a resolver that awaits it returns data only after its consultation is on record.
 */
export function createReadLogLoader(dataSource: DataSource) {
  return new DataLoader<AccessLogEntry, true>(
    async (entries) => {
      // Written again if the connection was lost: a read recorded twice is better than not at all.
      await retryOnConnectionError(() => appendAccessLog(dataSource, entries));
      return entries.map(() => true as const);
    },
    { cache: false },
  );
}
