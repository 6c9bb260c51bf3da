import type { DataSource } from "typeorm";
import { wallClock } from "../../domain/calendar/clock";
import { changeRows } from "../platform/sql";

export interface IdempotencyKeyExpiryOptions {
  /** The moment the retention is counted back from. */
  now?: Date;
  /** Keys removed by one statement. */
  batchSize?: number;
  /** Statements one run makes at most; what is left waits for the next run. */
  maxBatches?: number;
}

/**
 * Removes the idempotency keys claimed more than `retentionDays` ago, oldest first, in batches of
 * at most `batchSize`, each one DELETE on its own (so no lock is held for long and no statement
 * grows with the backlog). Keys another instance is deleting are skipped, so instances share the
 * work. Once a key is gone, a request sent with it again is a new request: it runs and claims the
 * key afresh. Answers how many keys were removed.
 */
export async function expireIdempotencyKeys(
  dataSource: DataSource,
  retentionDays: number,
  { now = wallClock(), batchSize = 1000, maxBatches = 100 }: IdempotencyKeyExpiryOptions = {},
): Promise<number> {
  let removed = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const { count } = await changeRows(
      dataSource,
      `DELETE FROM "idempotency_key" WHERE "key" IN (
         SELECT "key" FROM "idempotency_key"
          WHERE "created_at" < $1::timestamptz - make_interval(days => $2)
          ORDER BY "created_at" LIMIT $3
          FOR UPDATE SKIP LOCKED)`,
      [now.toISOString(), retentionDays, batchSize],
    );
    removed += count;
    if (count < batchSize) break;
  }
  return removed;
}
