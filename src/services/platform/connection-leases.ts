import { randomUUID } from "node:crypto";
import { wallClock } from "../../domain/calendar/clock";
import { errorClassOf, type Logger } from "./logger";
import { changeRows, selectRows, type SqlExecutor } from "./sql";

/*
 * How many subscription connections each caller holds, counted across every instance: each open
 * connection holds a lease on one of its caller's numbered slots (1 … limit), so the table never
 * has more than limit rows per caller and taking a slot is one statement. Two instances racing
 * for the same slot: one inserts, the other's ON CONFLICT finds a live lease and takes nothing, so
 * the limit is never exceeded; the loser tries the next free slot (at most limit tries in all, as
 * each lost race is a slot someone else now holds).
 *
 * A lease lives LEASE_TTL_MS; the instance renews those of its open connections in one statement
 * every HEARTBEAT_MS. A crashed instance stops renewing, so its connections stop counting once
 * their leases expire, and their slots are taken over; so does a lease whose release failed.
 */

const HEARTBEAT_MS = 20_000;
const LEASE_TTL_MS = 60_000;

/** A connection's hold on one of its caller's slots; slot null: the limit is off, nothing is stored. */
export interface ConnectionLease {
  caller: string;
  slot: number | null;
  connectionId: string;
}

// The lowest slot without a live lease, taken if nobody took it meanwhile; `seen` says whether
// there was one, so a lost race (seen, not taken) is told apart from a full set.
const TAKE_SLOT = `
  WITH "candidate" AS (
    SELECT free."slot"
    FROM generate_series(1, $5::int) AS free("slot")
    WHERE NOT EXISTS (
      SELECT 1 FROM "connection_lease" AS live
      WHERE live."caller" = $1 AND live."slot" = free."slot" AND live."expires_at" > $6::timestamptz
    )
    ORDER BY free."slot"
    LIMIT 1
  ), "taken" AS (
    INSERT INTO "connection_lease" AS l ("caller", "slot", "instance_id", "connection_id", "expires_at")
    SELECT $1, "slot", $2::uuid, $3::uuid, $4::timestamptz FROM "candidate"
    ON CONFLICT ("caller", "slot") DO UPDATE
      SET "instance_id" = EXCLUDED."instance_id", "connection_id" = EXCLUDED."connection_id", "expires_at" = EXCLUDED."expires_at"
      WHERE l."expires_at" <= $6::timestamptz
    RETURNING "slot"
  )
  SELECT (SELECT "slot" FROM "taken") AS "slot", EXISTS (SELECT 1 FROM "candidate") AS "seen"`;

export class ConnectionLeases {
  /** This instance, as its leases name it. */
  readonly instanceId = randomUUID();
  /** The connection ids of this instance's leases. */
  private readonly live = new Set<string>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly db: SqlExecutor,
    /** Connections one caller may hold across every instance; 0: no limit. */
    readonly perCaller: number,
    private readonly logger: Logger,
    private readonly now: () => Date = wallClock,
  ) {}

  /** A lease for one more connection of `caller`, or null when they hold all their slots. */
  async acquire(caller: string): Promise<ConnectionLease | null> {
    const connectionId = randomUUID();
    if (this.perCaller <= 0) return { caller, slot: null, connectionId };
    const at = this.now();
    for (let attempt = 0; attempt < this.perCaller; attempt++) {
      const [taken] = await selectRows<{ slot: number | null; seen: boolean }>(this.db, TAKE_SLOT, [
        caller,
        this.instanceId,
        connectionId,
        new Date(at.getTime() + LEASE_TTL_MS),
        this.perCaller,
        at,
      ]);
      if (taken.slot !== null) {
        this.live.add(connectionId);
        this.startHeartbeat();
        return { caller, slot: taken.slot, connectionId };
      }
      if (!taken.seen) break;
    }
    return null;
  }

  /** Frees the lease's slot, unless it expired and another connection has taken it since. */
  async release(lease: ConnectionLease): Promise<void> {
    if (lease.slot === null) return;
    this.live.delete(lease.connectionId);
    await changeRows(
      this.db,
      `DELETE FROM "connection_lease" WHERE "caller" = $1 AND "slot" = $2 AND "connection_id" = $3::uuid`,
      [lease.caller, lease.slot, lease.connectionId],
    );
  }

  /** Extends the leases of this instance's open connections (the heartbeat; tests call it directly). */
  async renew(): Promise<void> {
    await changeRows(
      this.db,
      `UPDATE "connection_lease" SET "expires_at" = $1::timestamptz
       WHERE "instance_id" = $2::uuid AND "connection_id" = ANY($3::uuid[])`,
      [new Date(this.now().getTime() + LEASE_TTL_MS), this.instanceId, [...this.live]],
    );
  }

  /** Stops the heartbeat and frees every lease of this instance (on shutdown). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.live.clear();
    await changeRows(this.db, `DELETE FROM "connection_lease" WHERE "instance_id" = $1::uuid`, [this.instanceId]);
  }

  // Runs only while this instance holds leases: an idle instance sends nothing.
  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (this.live.size === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      this.renew().catch((error: unknown) =>
        this.logger.warn("connection leases not renewed", { errorClass: errorClassOf(error) }),
      );
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }
}
