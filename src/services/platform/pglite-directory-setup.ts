import { newPGlite } from "./pglite-instance";

// Run as a process of its own by the embedded database's thread (pglite-thread-worker.ts says
// why): sets a new data directory up, `node pglite-directory-setup.js <directory>`, and exits.
async function setUp(dataDir: string): Promise<void> {
  const db = newPGlite(dataDir);
  await db.waitReady;
  await db.close();
}

const dataDir = process.argv[2];
if (!dataDir) process.exit(2);
setUp(dataDir).then(
  () => process.exit(0),
  () => process.exit(1),
);
