import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DataSource, type Logger } from "typeorm";
import { ENTITIES } from "../../entities";
import { MIGRATIONS } from "../../migrations";
import { pgliteDriverModule } from "./pglite-pool";

export interface DatabaseOptions {
  /** A postgres:// URL; without one, the embedded PGlite database is used. */
  databaseUrl?: string | null;
  /** PGlite data directory or `memory://`. */
  pgliteDir?: string;
  /** A PGlite data directory image to start from (tests use one to skip initdb). */
  pgliteImage?: Blob;
  logger?: Logger;
  poolSize?: number;
}

// The same entities and migrations on both engines; no synchronize outside throwaway tests.
export function createDataSource(options: DatabaseOptions): DataSource {
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
    return new DataSource({
      ...common,
      url: options.databaseUrl,
      poolSize: options.poolSize ?? 10,
      applicationName: "vcs-case-service",
    });
  }
  const dataDir = options.pgliteDir ?? "memory://";
  // PGlite creates its own directory but not the folders above it (.data/ on a fresh checkout).
  if (!dataDir.startsWith("memory://")) mkdirSync(dirname(dataDir), { recursive: true });
  const db = new PGlite(dataDir, options.pgliteImage ? { loadDataDir: options.pgliteImage } : {});
  return new DataSource({ ...common, driver: pgliteDriverModule(db) });
}

export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.databaseUrl) await migrateUnderLock(dataSource);
  else await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
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
