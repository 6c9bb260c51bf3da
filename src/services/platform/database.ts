import type { EventEmitter } from "node:events";
import { DataSource, type DataSourceOptions, type Logger } from "typeorm";
import { ENTITIES } from "../../entities";
import { MIGRATIONS } from "../../migrations";
import { CallbackQueryClient } from "./callback-query-client";
import { useLeanQueryRunners } from "./lean-query-runner";
import { pgliteDriverModule } from "./pglite-pool";
import { newPGlite } from "./pglite-instance";
import { PGliteThread } from "./pglite-thread";

export interface DatabaseOptions {
  /** A postgres:// URL; without one, the embedded PGlite database is used. */
  databaseUrl?: string | null;
  /**
   * The owner's postgres:// URL, to run the migrations as; the service then runs as `databaseUrl`'s
   * role, which owns nothing (issue 13 §1). Unset: `databaseUrl` does both (development).
   */
  migrationDatabaseUrl?: string | null;
  /**
   * A read replica's postgres:// URL (DATABASE_READ_URL): the analysts' aggregates and the caseload
   * list read from it (see read-connection.ts); everything else stays on `databaseUrl`.
   */
  readDatabaseUrl?: string | null;
  /** PGlite data directory or `memory://`. */
  pgliteDir?: string;
  /** The embedded database on `pgliteDir`, already started (index.ts starts it before the rest loads). */
  pgliteThread?: PGliteThread;
  /** A PGlite data directory image to start from, in this thread (tests use one to skip initdb). */
  pgliteImage?: Blob;
  logger?: Logger;
  poolSize?: number;
}

/** The service's DataSource on either engine, its query runners lean ones (lean-query-runner.ts). */
export function createDataSource(options: DatabaseOptions): DataSource {
  return useLeanQueryRunners(new DataSource(dataSourceOptions(options)));
}

// The same entities and migrations on both engines; no synchronize outside throwaway tests.
function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  const common = {
    type: "postgres" as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: "each" as const,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension is needed on either engine.
    uuidExtension: "pgcrypto" as const,
    installExtensions: false,
    logger: options.logger,
    logging: options.logger ? ("all" as const) : false,
  };
  if (options.databaseUrl) {
    const url = withServiceSettings(options.databaseUrl);
    // With a replica each server gets a pool of this size: its connections are not taken from the primary's.
    const poolSize = options.poolSize ?? 10;
    const applicationName = "vcs-case-service";
    // Every pool's connections, the replica's too (callback-query-client.ts says why).
    const extra = { Client: CallbackQueryClient };
    if (!options.readDatabaseUrl) return { ...common, url, poolSize, applicationName, extra };
    return {
      ...common,
      extra,
      // The primary's URL stays where the rest of the code looks for it (options.url).
      url,
      poolSize,
      replication: {
        master: { url, applicationName },
        slaves: [{ url: withServiceSettings(options.readDatabaseUrl), applicationName: `${applicationName}-replica` }],
        // TypeORM would send every find and query builder read outside a transaction to the replica,
        // a mutation's own reads among them; only the paths that ask for it go there (read-connection.ts).
        defaultMode: "master",
      },
    };
  }
  const dataDir = options.pgliteDir ?? "memory://";
  const db = options.pgliteImage
    ? newPGlite(dataDir, options.pgliteImage)
    : (options.pgliteThread ?? PGliteThread.start(dataDir));
  return { ...common, driver: pgliteDriverModule(db) };
}

// Settings of the service's own connections, whatever the server's.
// - JIT off: PostgreSQL compiles a query to machine code once its estimated cost passes a
//   threshold. That pays off for queries that run for many seconds; the scheme's statistics over
//   100k cases cross the threshold and spent more time compiling (0.56 s) than running.
// - 64 MB of memory per sort or hash (the default is 4 MB): the statistics sort up to a few
//   hundred thousand history rows, which at 4 MB spill to disk and take twice as long. The
//   service's other statements sort a page at most, so they use no more than before.
function withServiceSettings(databaseUrl: string): string {
  return withServerSettings(databaseUrl, "jit=off", "work_mem=64MB");
}

/** The URL with each `name=value` added to its `options`, after any it already gives. */
export function withServerSettings(databaseUrl: string, ...settings: string[]): string {
  const url = new URL(databaseUrl);
  const given = url.searchParams.get("options");
  const added = settings.map((setting) => `-c ${setting}`).join(" ");
  url.searchParams.set("options", given ? `${given} ${added}` : added);
  return url.toString();
}

export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const { databaseUrl, migrationDatabaseUrl } = options;
  if (databaseUrl && migrationDatabaseUrl && migrationDatabaseUrl !== databaseUrl) {
    // The owner migrates on a connection of its own and leaves; the service never holds its powers.
    // Two connections: one holds the migration lock while the other migrates.
    const owner = createDataSource({ databaseUrl: migrationDatabaseUrl, logger: options.logger, poolSize: 2 });
    await owner.initialize();
    try {
      await migrateUnderLock(owner);
    } finally {
      await owner.destroy();
    }
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    absorbLostConnections(dataSource);
    return dataSource;
  }
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (databaseUrl) absorbLostConnections(dataSource);
  if (databaseUrl) await migrateUnderLock(dataSource);
  else await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
}

// A connection the server ends (pg_terminate_backend, a failover) can report its end more than
// once; TypeORM listens for the first report only, and an 'error' nobody listens for ends the
// process. Every pooled connection gets a listener of its own: the statement that was running has
// its error already, and the pool drops the connection (issue 13 §4).
function absorbLostConnections(dataSource: DataSource): void {
  const { master, slaves = [] } = dataSource.driver as unknown as { master?: EventEmitter; slaves?: EventEmitter[] };
  const guarded = new WeakSet<EventEmitter>();
  for (const pool of [master, ...slaves])
    pool?.on("acquire", (client: EventEmitter) => {
      if (guarded.has(client)) return;
      guarded.add(client);
      client.on("error", () => undefined);
    });
}

// Several instances starting at once on one PostgreSQL would each run the same migration; a
// session advisory lock lets one migrate while the others wait, then find nothing left to do.
// (The embedded database is one session in one process: nothing to wait for.)
async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext($1))", [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: "each" });
    } finally {
      await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [MIGRATION_LOCK]);
    }
  } finally {
    await lock.release();
  }
}

const MIGRATION_LOCK = "vcs-case-service migrations";
