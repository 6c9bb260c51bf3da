import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Where the migrated PGlite image for this PGlite version and this set of migrations is cached. */
export function pgliteImagePath(): string {
  const hash = createHash("sha256");
  hash.update(
    JSON.parse(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")).version,
  );
  const migrations = join(ROOT, "src", "migrations");
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  return join(ROOT, "node_modules", ".cache", "vcs-case-service", `pglite-${hash.digest("hex").slice(0, 16)}.tar.gz`);
}

export function readPgliteImage(): Blob | undefined {
  const path = pgliteImagePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

export function writePgliteImage(image: Buffer): void {
  const path = pgliteImagePath();
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, image);
}
