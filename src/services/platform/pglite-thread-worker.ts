import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { inMemory, newPGlite } from "./pglite-instance";
import type { Heard, ThreadError, ThreadMessage, ThreadRequest } from "./pglite-thread";
import { processArguments } from "./script-of-its-own";

// The embedded database's own thread (see pglite-thread.ts): PGlite runs here and answers, in the
// order they arrive, the requests the service's thread posts.
const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };
const unlisteners = new Map<number, () => Promise<void>>();
const opened = open(dataDir);
// A failure to open is each request's answer; it must not also end the thread as unhandled.
opened.catch(() => undefined);

port.on("message", (request: ThreadRequest) => void answer(request));

async function open(dataDir: string): Promise<PGlite> {
  setUpDirectory(dataDir);
  const db = newPGlite(dataDir);
  await db.waitReady;
  return db;
}

// PGlite sets a new directory up by running a second PostgreSQL beside the first and copying its
// data in. What the two leave behind (the set-up one's WebAssembly memory, and the allocator's
// arenas from compiling PostgreSQL twice) would stay with the service all its life: 306–385 MB
// idle against 221–240 MB from an existing directory (issue 15 §5). So a process of its own sets
// the directory up and exits, and this thread opens it like any other.
function setUpDirectory(dataDir: string): void {
  if (inMemory(dataDir) || existsSync(join(dataDir, "PG_VERSION"))) return;
  const setUp = spawnSync(process.execPath, [...processArguments("pglite-directory-setup"), dataDir], {
    stdio: "ignore",
  });
  if (setUp.status !== 0) throw new Error(`the embedded database could not be set up in ${dataDir}`);
}

// PGlite hands on a commit's notifications one by one while it answers the statement. They cross
// together, ahead of that answer, so the service's thread hears them in one turn of its event loop,
// as it would from PGlite in its own thread: live updates merge what one turn heard per case.
let heard: Heard[] = [];

function hear(notification: Heard): void {
  if (heard.length === 0) setImmediate(passOnHeard);
  heard.push(notification);
}

function passOnHeard(): void {
  if (heard.length === 0) return;
  port.postMessage({ heard } satisfies ThreadMessage);
  heard = [];
}

async function answer(request: ThreadRequest): Promise<void> {
  let message: ThreadMessage;
  try {
    message = { id: request.id, value: await perform(await opened, request) };
  } catch (error) {
    message = { id: request.id, error: describe(error) };
  }
  passOnHeard();
  port.postMessage(message);
}

async function perform(db: PGlite, request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case "query":
      return db.query(request.sql, request.params);
    case "exec":
      return db.exec(request.sql);
    case "listen": {
      const notify = (payload: string) => hear({ listener: request.id, payload });
      unlisteners.set(request.id, await db.listen(request.channel, notify));
      return undefined;
    }
    case "unlisten": {
      const unlisten = unlisteners.get(request.listener);
      unlisteners.delete(request.listener);
      await unlisten?.();
      return undefined;
    }
    case "close":
      await db.close();
      // Nothing is left to answer: the thread ends once this answer is posted.
      port.unref();
      return undefined;
  }
}

/** Statements and their parameters stay in this thread: the service's errors never need them. */
const KEPT_BACK = new Set(["query", "params"]);

function describe(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: ThreadError["fields"] = {};
  for (const [key, value] of Object.entries(error))
    if (!KEPT_BACK.has(key) && ["string", "number", "boolean"].includes(typeof value))
      fields[key] = value as string | number | boolean;
  return { name: error.name, message: error.message, fields };
}
