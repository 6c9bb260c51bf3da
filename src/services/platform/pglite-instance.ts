import type { PGlite } from "@electric-sql/pglite";

/**
 * A PGlite on `dataDir` (or on a copy of `image`) with the service's settings, wherever it runs:
 * in this thread (tests, from an image), in the embedded database's thread (pglite-thread.ts), or
 * in the process that sets a new directory up (pglite-directory-setup.ts).
 */
export function newPGlite(dataDir: string, image?: Blob): PGlite {
  // Loaded only on the embedded engine (half a megabyte of code the PostgreSQL engine never runs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, typed by its import
  const { PGlite } = require("@electric-sql/pglite") as typeof import("@electric-sql/pglite");
  // PostgreSQL's default 128 MB of shared buffers are all touched at start, about 120 MB resident;
  // a development or demo database fits in 16 MB, and the bench's workloads ran no slower (issue 15 §5).
  return new PGlite(dataDir, {
    ...(image ? { loadDataDir: image } : {}),
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
}

/** A `memory://` database lives only in its process: there is no directory to make, set up or keep. */
export function inMemory(dataDir: string): boolean {
  return dataDir.startsWith("memory://");
}
