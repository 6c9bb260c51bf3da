import { existsSync } from "node:fs";
import { join } from "node:path";
import { BenchFailure } from "../runner/bench-failure";
import { startServer, type ServerProcess } from "../runner/server-process";

const ROOT = join(__dirname, "../..");
/** The build `npm start` runs: compiled JavaScript, no TypeScript hook, as a deployment runs it. */
const ENTRY_POINT = "dist/src/index.js";

/** An instance of the built service, named as HAProxy knows it. */
export interface BuiltInstance extends ServerProcess {
  port: number;
}

/**
 * Starts `count` instances of the built service together on one database (s1, s2, …): they race
 * to migrate it, as a deployment's instances do. `onStarted` learns of each as it comes up, so a
 * failure later still stops the ones that did.
 */
export async function startBuiltInstances(
  count: number,
  env: Record<string, string>,
  onStarted: (instance: BuiltInstance) => void,
): Promise<BuiltInstance[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const server = await startServer(`s${index + 1}`, [ENTRY_POINT], env, ROOT);
      const instance = { ...server, port: Number(new URL(server.url).port) };
      onStarted(instance);
      return instance;
    }),
  );
}

/** The build must exist: `npm run scale-test` builds first (prescale-test). */
export function assertBuilt(): void {
  if (!existsSync(join(ROOT, ENTRY_POINT)))
    throw new BenchFailure(`${ENTRY_POINT} is missing: run npm run build (npm run scale-test does it first)`);
}
