import "reflect-metadata";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { DataSource } from "typeorm";
import { ENTITIES } from "../../src/entities";
import { MIGRATIONS } from "../../src/migrations";
import { configureFieldEncryption } from "../../src/entities/field-encryption.transformer";
import { pgliteDriverModule } from "../../src/services/platform/pglite-pool";
import { pgliteImagePath, writePgliteImage } from "./pglite-image";

// initdb in WebAssembly takes seconds; each test file starts instead from an image of a migrated
// database, made once per PGlite version and set of migrations.
export default async function globalSetup(): Promise<void> {
  process.env.VCS_CANARY_DIR = mkdtempSync(join(tmpdir(), "vcs-canary-"));
  if (existsSync(pgliteImagePath())) return;
  configureFieldEncryption(randomBytes(32));
  const db = new PGlite("memory://");
  const dataSource = new DataSource({
    type: "postgres",
    driver: pgliteDriverModule(db),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    installExtensions: false,
    uuidExtension: "pgcrypto",
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const image = await db.dumpDataDir("gzip");
  writePgliteImage(Buffer.from(await image.arrayBuffer()));
  await dataSource.destroy();
}
