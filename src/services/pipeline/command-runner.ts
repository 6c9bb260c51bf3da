import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { selectRows } from "../platform/sql";

export type CommandResult<T> = { ok: true; value: T; replayed: boolean } | { ok: false; error: DomainError };

export interface CommandRequest {
  /** The mutation's name: a key used with another operation is a reuse too. */
  operation: string;
  /** The input as the caller sent it (the idempotency key itself excluded). */
  input: unknown;
  idempotencyKey?: string | null;
  /** What a replay of this command returns: by default the whole result. */
  remember?: (value: object) => object;
  /** Runs in the same transaction after the command succeeds (not on a replay): the change's log row. */
  record?: (manager: EntityManager, value: object) => Promise<void>;
}

// Runs one command in one transaction (DESIGN §4). A DomainError rolls everything back, the
// idempotency claim included, so a failed attempt can be retried with the same key. A replay of
// a committed command returns what the first one returned, without running it again.
export async function runCommand<T extends object>(
  dataSource: DataSource,
  request: CommandRequest,
  command: (manager: EntityManager) => Promise<T>,
): Promise<CommandResult<T>> {
  try {
    return await dataSource.transaction(async (manager) => {
      const key = request.idempotencyKey;
      if (key) {
        const requestHash = hashRequest(request.operation, request.input);
        // A concurrent holder of the same key makes this INSERT wait until it commits or rolls back.
        const claimed: unknown[] = await manager.query(
          `INSERT INTO "idempotency_key" ("key", "operation", "request_hash") VALUES ($1, $2, $3) ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
          [key, request.operation, requestHash],
        );
        if (claimed.length === 0) {
          const [previous] = await selectRows<{ request_hash: string; result: T }>(
            manager,
            `SELECT "request_hash", "result" FROM "idempotency_key" WHERE "key" = $1`,
            [key],
          );
          if (previous.request_hash !== requestHash) {
            throw new DomainError(
              UserErrorCode.IDEMPOTENCY_KEY_REUSED,
              "This idempotency key was already used for a different request.",
              ["input", "idempotencyKey"],
            );
          }
          return { ok: true as const, value: previous.result, replayed: true };
        }
        const value = await command(manager);
        await request.record?.(manager, value);
        await manager.query(`UPDATE "idempotency_key" SET "result" = $2 WHERE "key" = $1`, [
          key,
          JSON.stringify(request.remember ? request.remember(value) : value),
        ]);
        return { ok: true as const, value, replayed: false };
      }
      const value = await command(manager);
      await request.record?.(manager, value);
      return { ok: true as const, value, replayed: false };
    });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
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
