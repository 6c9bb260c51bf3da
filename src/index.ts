import "./heap-growth";
import { loadConfig, type AppConfig } from "./config";
import { PGliteThread } from "./services/platform/pglite-thread";

// The process's entry. On the embedded database, its thread starts before the rest of the service
// loads: PGlite's half a second of start-up then runs beside the second the modules take to load
// (pglite-thread.ts, issue 15 §5).

function failed(error: unknown): never {
  // Only the class and message of a start-up failure: configuration errors are written for operators.
  const failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`${JSON.stringify({ level: "error", message: "failed to start", error: failure })}\n`);
  process.exit(1);
}

let config: AppConfig;
let pgliteThread: PGliteThread | undefined;
try {
  config = loadConfig();
  pgliteThread = config.databaseUrl ? undefined : PGliteThread.start(config.pgliteDir);
} catch (error) {
  failed(error);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the database's thread is under way
const service = require("./serve") as typeof import("./serve");
service.serve(config, pgliteThread).catch(failed);
