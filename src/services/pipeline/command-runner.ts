import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { selectRows } from "../platform/sql";
import { batchingTrailingWrites, sendTrailingWrites, writeLater } from "../platform/trailing-writes";
import { CONNECTION_RETRIES, isConnectionError } from "../platform/connection-errors";

export type CommandResult<T> = { ok: true; value: T; replayed: boolean } | { ok: false; error: DomainError };

export interface CommandRequest {
  /** The mutation's name: a key used with another operation is a reuse too. */
  operation: string;
  /** The input as the caller sent it (the idempotency key itself excluded). */
  input: unknown;
  idempotencyKey?: string | null;
  /**
   * What a replay of this command returns: by default the whole result. It must keep nothing a
   * trailing write fills in when sent (trailing-writes.ts): a change's `records` are.
   */
  remember?: (value: object) => object;
  /** Runs in the same transaction after the command succeeds (not on a replay): the change's log row. */
  record?: (manager: EntityManager, value: object) => Promise<void>;
}

// Runs one command in one transaction (DESIGN §4). A DomainError rolls everything back, the
// idempotency claim included, so a failed attempt can be retried with the same key. A replay of
// a committed command returns what the first one returned, without running it again.
// A lost connection is not an answer (issue 13 §4). Before COMMIT nothing was written, so the
// command runs again on a fresh connection. During COMMIT only an idempotency key can tell whether
// it was written: run again, its claim either replays the committed answer or finds nothing and
// runs anew. Without a key that is unknowable, and the answer stays an error.
export async function runCommand<T extends object>(
  dataSource: DataSource,
  request: CommandRequest,
  command: (manager: EntityManager) => Promise<T>,
): Promise<CommandResult<T>> {
  // Whether any attempt lost its connection during COMMIT: then it may have been written.
  let mayHaveCommitted = false;
  for (let attempt = 0; ; attempt++) {
    // Set once the command's work is done and only COMMIT is left.
    let committing = false;
    try {
      return await dataSource.transaction(async (manager) => {
        const result = await batchingTrailingWrites(manager, () => attemptCommand(manager, request, command));
        committing = !result.replayed;
        return result;
      });
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error };
      if (!isConnectionError(error)) throw error;
      mayHaveCommitted ||= committing;
      const unknowable = committing && !request.idempotencyKey;
      if (attempt >= CONNECTION_RETRIES || unknowable) throw mayHaveCommitted ? error : new NothingWrittenError(error);
    }
  }
}

/** Every attempt lost its connection before COMMIT: certainly nothing was written, and trying again is safe. */
export class NothingWrittenError extends Error {
  override name = "NothingWrittenError";

  constructor(override readonly cause: unknown) {
    super("the database connection was lost before anything was written");
  }
}

async function attemptCommand<T extends object>(
  manager: EntityManager,
  request: CommandRequest,
  command: (manager: EntityManager) => Promise<T>,
): Promise<{ ok: true; value: T; replayed: boolean }> {
  const key = request.idempotencyKey;
  if (!key) {
    const value = await command(manager);
    await request.record?.(manager, value);
    return { ok: true, value, replayed: false };
  }
  const requestHash = hashRequest(request.operation, request.input);
  const previous = await claimKey<T>(manager, key, request.operation, requestHash);
  if (previous) {
    if (previous.request_hash !== requestHash) {
      throw new DomainError(
        UserErrorCode.IDEMPOTENCY_KEY_REUSED,
        "This idempotency key was already used for a different request.",
        ["input", "idempotencyKey"],
      );
    }
    return { ok: true, value: previous.result, replayed: true };
  }
  const value = await command(manager);
  await request.record?.(manager, value);
  await rememberResult(manager, key, request, value);
  return { ok: true, value, replayed: false };
}

/** Stores what a replay of the command answers, beside its claimed key. */
async function rememberResult(
  manager: EntityManager,
  key: string,
  request: CommandRequest,
  value: object,
): Promise<void> {
  const sql = `UPDATE "idempotency_key" SET "result" = $2 WHERE "key" = $1`;
  // What `remember` keeps is complete now, so the row can go with the command's trailing writes;
  // the whole value is complete only once they are sent (a change's records come back with them).
  if (request.remember)
    return writeLater(manager, {
      sql,
      values: [key, JSON.stringify(request.remember(value))],
      tables: ["idempotency_key"],
    });
  await sendTrailingWrites(manager);
  await manager.query(sql, [key, JSON.stringify(value)]);
}

/**
 * Claims the key, or answers the row of whoever claimed it first. A concurrent holder of the same
 * key makes the INSERT wait until it commits or rolls back. An expired key is deleted by the expiry
 * job (idempotency-key-expiry.ts); one that goes between the INSERT and the SELECT is claimed anew.
 */
async function claimKey<T>(
  manager: EntityManager,
  key: string,
  operation: string,
  requestHash: string,
): Promise<{ request_hash: string; result: T } | null> {
  for (;;) {
    const claimed = await selectRows<{ key: string }>(
      manager,
      `INSERT INTO "idempotency_key" ("key", "operation", "request_hash") VALUES ($1, $2, $3) ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
      [key, operation, requestHash],
    );
    if (claimed.length > 0) return null;
    const [previous] = await selectRows<{ request_hash: string; result: T }>(
      manager,
      `SELECT "request_hash", "result" FROM "idempotency_key" WHERE "key" = $1`,
      [key],
    );
    if (previous) return previous;
  }
}

function hashRequest(operation: string, input: unknown): string {
  return createHash("sha256").update(operation).update("\0").update(stableJson(input)).digest("hex");
}

// Key order must not make two equal inputs look different.
function stableJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${stableJson(item)}`).join(",")}}`;
}
