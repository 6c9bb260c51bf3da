import { selectRows, type SqlExecutor } from "./sql";

/*
 * Per-caller request counts shared by every instance through the database: one row per caller
 * and kind, read and written by one statement per counted request, whatever the traffic.
 *
 * The row holds the counts of the last 13 five-second buckets (the current one and the twelve
 * before it), which together cover between 60 and 65 seconds. A request is let in only if the
 * buckets' sum plus the request stays within the limit, so no caller ever gets more than the limit
 * in any rolling minute; the price is being held back for up to five seconds longer than an exact
 * log of times would. Refused requests are not counted.
 */

export type RateKind = "QUERY" | "MUTATION";
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const BUCKET_MS = 5_000;
const BUCKETS = 13;
const WINDOW_MS = 60_000;

interface Take {
  caller: string;
  kind: RateKind;
  /** How much this request uses (a mutation counts each of its fields). */
  count: number;
  perMinute: number;
  /** The clock's now. */
  at: Date;
}

// The stored counts (`w`, newest first) shifted to the current bucket ($3): the buckets since are
// zeros, and those that have left the window fall off the end. A clock behind the row's shifts nothing.
const ROLLED = `(array_fill(0, ARRAY[LEAST(GREATEST($3::bigint - w."bucket", 0), ${BUCKETS})::int])
  || w."counts"[1:${BUCKETS} - LEAST(GREATEST($3::bigint - w."bucket", 0), ${BUCKETS})::int])`;
const FITS = `((SELECT coalesce(sum(c), 0) FROM unnest(${ROLLED}) AS c) + $4::int <= $5::int)`;

const TAKE = `
  INSERT INTO "rate_window" AS w ("caller", "kind", "bucket", "counts", "granted")
  VALUES (
    $1, $2, $3::bigint,
    ARRAY[CASE WHEN $4::int <= $5::int THEN $4::int ELSE 0 END] || array_fill(0, ARRAY[${BUCKETS - 1}]),
    $4::int <= $5::int
  )
  ON CONFLICT ("caller", "kind") DO UPDATE SET
    "bucket" = GREATEST(w."bucket", $3::bigint),
    "counts" = CASE WHEN ${FITS} THEN ARRAY[${ROLLED}[1] + $4::int] || ${ROLLED}[2:${BUCKETS}] ELSE ${ROLLED} END,
    "granted" = ${FITS}
  RETURNING "bucket", "counts", "granted"`;

/** Counts the request against the caller's allowance if it fits; otherwise says when it would. */
export async function takeFromRateWindow(db: SqlExecutor, take: Take): Promise<RateDecision> {
  const ms = take.at.getTime();
  const [row] = await selectRows<{ bucket: string | number; counts: number[]; granted: boolean }>(db, TAKE, [
    take.caller,
    take.kind,
    Math.floor(ms / BUCKET_MS),
    take.count,
    take.perMinute,
  ]);
  if (row.granted) return { allowed: true };
  const waitMs = msUntilFits(Number(row.bucket), row.counts, ms, take.count, take.perMinute);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

// When enough of the oldest buckets have left the window for `count` more, if nothing else is
// taken meanwhile. At most 65 seconds; more than a minute's allowance at once never fits: a minute.
function msUntilFits(bucket: number, counts: number[], ms: number, count: number, limit: number): number {
  if (count > limit) return WINDOW_MS;
  let remaining = counts.reduce((sum, each) => sum + each, 0);
  for (let age = counts.length - 1; age >= 0; age--) {
    remaining -= counts[age];
    // The bucket `age` steps back leaves once the current bucket is BUCKETS steps past it.
    if (remaining + count <= limit) return (bucket - age + BUCKETS) * BUCKET_MS - ms;
  }
  return WINDOW_MS;
}
