import { Client } from "pg";
import type { DataSource } from "typeorm";
import { Region } from "../../domain/security/region.enum";
import { LiveEventQueue, type Selection } from "./live-event-queue";
import type { OfficerDirectory } from "../security/officer-directory";
import type { Logger } from "./logger";
import { PGlitePool } from "./pglite-pool";

// The channels the triggers of migrations 1765000000000-live-updates and 1767100000000-officer-changes
// notify on; a migration is history, so their values are repeated here rather than imported.
const LIVE_UPDATE_CHANNEL = "vcs_live";
const OFFICER_CHANNEL = "vcs_officer";
const CHANNELS = [LIVE_UPDATE_CHANNEL, OFFICER_CHANNEL];

/** A committed change to a case, as the database announced it (ids only, never what changed). */
export interface CaseChange {
  kind: "CASE";
  caseId: string;
  region: Region | null;
  officerId: string | null;
  /** Notifications or other work items of the case changed: officers' work queues are out of date. */
  workQueue: boolean;
}

/** This instance lost touch with the database for a while: anything may have changed meanwhile. */
export interface Resync {
  kind: "RESYNC";
}

export type LiveEvent = CaseChange | Resync;

export const RESYNC: Resync = { kind: "RESYNC" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGIONS = new Set<string>(Object.values(Region));

/** Reads one NOTIFY payload; anything not of the trigger's shape is dropped. */
export function parseAnnouncement(payload: string | undefined): CaseChange | null {
  let value: unknown;
  try {
    value = JSON.parse(payload ?? "");
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  const { caseId, region, officerId, workQueue } = value as Record<string, unknown>;
  if (typeof caseId !== "string" || !UUID.test(caseId)) return null;
  if (region !== null && (typeof region !== "string" || !REGIONS.has(region))) return null;
  if (officerId !== null && (typeof officerId !== "string" || !UUID.test(officerId))) return null;
  if (typeof workQueue !== "boolean") return null;
  return { kind: "CASE", caseId, region: region as Region | null, officerId, workQueue };
}

function keyOf(event: LiveEvent): string {
  return event.kind === "RESYNC" ? "RESYNC" : `${event.caseId}|${event.workQueue}`;
}

/** What a source tells: an announcement heard, and the loss and return of its connection. */
interface AnnouncementHandlers {
  heard(channel: string, payload: string | undefined): void;
  /** Announcements may go unheard until `back`. */
  lost(): void;
  back(): void;
}

/** Where announcements come from: a LISTEN on PostgreSQL, or on the embedded database. */
interface AnnouncementSource {
  start(handlers: AnnouncementHandlers): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Live updates for this instance: one LISTEN connection, fanned out in memory to each
 * subscriber's queue. The changes themselves are announced by database triggers (migration
 * 1765000000000), so a change committed on any instance reaches the subscribers of every one.
 * The same connection hears officer changes (migration 1767100000000) for the officer directory.
 */
export class LiveUpdates {
  private readonly queues = new Set<LiveEventQueue<LiveEvent>>();
  /** Announcements heard in this turn of the event loop, merged per case (see announce). */
  private heard = new Map<string, CaseChange>();

  private constructor(private readonly source: AnnouncementSource) {}

  static async start(
    dataSource: DataSource,
    options: { databaseUrl?: string | null; logger: Logger; officers?: OfficerDirectory },
  ): Promise<LiveUpdates> {
    const pool: unknown = (dataSource.driver as unknown as { master?: unknown }).master;
    const source =
      pool instanceof PGlitePool
        ? new EmbeddedListener(pool)
        : new PostgresListener(requireUrl(options.databaseUrl), options.logger);
    const live = new LiveUpdates(source);
    const { officers } = options;
    await source.start({
      heard: (channel, payload) => {
        if (channel === OFFICER_CHANNEL) return officers?.officerChanged(payload || null);
        const change = parseAnnouncement(payload);
        if (change) live.announce(change);
        else options.logger.warn("live update: unreadable announcement dropped");
      },
      lost: () => officers?.listeningLost(),
      back: () => {
        officers?.listeningStarted();
        live.publish(RESYNC);
      },
    });
    officers?.listeningStarted();
    return live;
  }

  /** A subscriber's stream; `select` decides, as each event arrives, whether it is for them. */
  subscribe(select: (event: LiveEvent) => Selection): LiveEventQueue<LiveEvent> {
    const queue: LiveEventQueue<LiveEvent> = new LiveEventQueue<LiveEvent>(select, keyOf, RESYNC, () =>
      this.queues.delete(queue),
    );
    this.queues.add(queue);
    return queue;
  }

  get subscriberCount(): number {
    return this.queues.size;
  }

  async stop(): Promise<void> {
    for (const queue of [...this.queues]) await queue.return();
    await this.source.stop();
  }

  // One commit announces a case once per changed table (its row, its history, a task...); they
  // arrive together, so those heard in one turn become one event per case, its work-queue flag
  // set if any was. A move between regions stays two events, the new side first.
  private announce(change: CaseChange): void {
    const key = `${change.caseId}|${change.region}|${change.officerId}`;
    const earlier = this.heard.get(key);
    if (earlier) {
      earlier.workQueue ||= change.workQueue;
      return;
    }
    this.heard.set(key, { ...change });
    if (this.heard.size === 1) {
      setImmediate(() => {
        const changes = [...this.heard.values()];
        this.heard = new Map();
        for (const heard of changes) this.publish(heard);
      });
    }
  }

  private publish(event: LiveEvent): void {
    for (const queue of [...this.queues]) queue.push(event);
  }
}

function requireUrl(databaseUrl: string | null | undefined): string {
  if (!databaseUrl) throw new Error("live updates on PostgreSQL need the database URL");
  return databaseUrl;
}

// The embedded database is one session in this process: LISTEN on it hears its own NOTIFYs.
class EmbeddedListener implements AnnouncementSource {
  private unlisteners: (() => Promise<void>)[] = [];

  constructor(private readonly pool: PGlitePool) {}

  async start({ heard }: AnnouncementHandlers): Promise<void> {
    for (const channel of CHANNELS)
      this.unlisteners.push(await this.pool.listen(channel, (payload) => heard(channel, payload)));
  }

  async stop(): Promise<void> {
    for (const unlisten of this.unlisteners.splice(0)) await unlisten().catch(() => undefined);
  }
}

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

// A connection of its own, outside the pool: LISTEN belongs to a session, and a pooled session
// would lose it when lent to a transaction. If it drops, it reconnects with backoff and tells
// every subscriber to read again, since announcements made meanwhile were not heard (and the
// officer directory to forget what it kept, from the moment the connection goes).
class PostgresListener implements AnnouncementSource {
  private client: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private delay = RECONNECT_FIRST_MS;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  async start(handlers: AnnouncementHandlers): Promise<void> {
    await this.connect(handlers, false);
  }

  private async connect(handlers: AnnouncementHandlers, reconnecting: boolean): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      keepAlive: true,
      application_name: "vcs-case-service live updates",
    });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners();
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      handlers.lost();
      // The class only: a driver message can quote connection details.
      this.logger.warn("live updates: database connection lost; reconnecting", {
        errorClass: error instanceof Error ? error.constructor.name : "end",
        retryInMs: this.delay,
      });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.connect(handlers, true).catch((failure: unknown) => lost(failure));
      }, this.delay);
      this.retryTimer.unref();
      this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
    };
    this.client = client;
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (CHANNELS.includes(message.channel)) handlers.heard(message.channel, message.payload);
    });
    try {
      await client.connect();
      await client.query(CHANNELS.map((channel) => `LISTEN "${channel}";`).join(" "));
    } catch (error) {
      if (!reconnecting) {
        this.client = null;
        client.removeAllListeners();
        await client.end().catch(() => undefined);
        throw error;
      }
      lost(error);
      return;
    }
    if (reconnecting) {
      this.logger.info("live updates: database connection back");
      handlers.back();
    }
    this.delay = RECONNECT_FIRST_MS;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
