import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Worker } from "node:worker_threads";
import type { Results } from "@electric-sql/pglite";
import type { EmbeddedSession } from "./pglite-pool";
import { inMemory } from "./pglite-instance";
import { threadOn } from "./script-of-its-own";

/** What the service's thread asks of the embedded database's thread; `id` pairs it with its answer. */
export type ThreadRequest = { id: number } & (
  | { op: "query"; sql: string; params: unknown[] }
  | { op: "exec"; sql: string }
  /** Notifications on `channel` arrive marked with this request's id until it is unlistened. */
  | { op: "listen"; channel: string }
  | { op: "unlisten"; listener: number }
  | { op: "close" }
);

/** A failure as it crosses threads: the class name, message and PostgreSQL's fields (code, constraint…). */
export interface ThreadError {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean>;
}

/** A notification, for the listen request `listener`. */
export interface Heard {
  listener: number;
  payload: string;
}

/** What the embedded database's thread posts back: an answer, or the notifications listens asked for. */
export type ThreadMessage = { id: number; value: unknown } | { id: number; error: ThreadError } | { heard: Heard[] };

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The embedded database (PGlite) run in a thread of its own (pglite-thread-worker.ts), answering
 * the pool's statements as messages. PGlite's start is about half a second of one core (its
 * WebAssembly PostgreSQL booting and its file system unpacking): here it runs beside the second
 * the service takes to load its modules rather than after it (index.ts starts it first), and its
 * statements run beside the service's JavaScript rather than between it (issue 15 §5).
 * Each statement's rows are copied from one thread to the other.
 */
export class PGliteThread implements EmbeddedSession {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly listeners = new Map<number, (payload: string) => void>();
  /** Set once the thread is closed or lost: every request from then on fails with it. */
  private ended: Error | null = null;

  /** Starts the thread and PGlite in it; statements sent before it is ready wait for it. */
  static start(dataDir: string): PGliteThread {
    return new PGliteThread(dataDir);
  }

  private constructor(dataDir: string) {
    // PGlite creates its own directory but not the folders above it (.data/ on a fresh checkout).
    if (!inMemory(dataDir)) mkdirSync(dirname(dataDir), { recursive: true });
    this.worker = threadOn("pglite-thread-worker", { dataDir });
    // The thread keeps the process alive only while a statement is waiting for it (see send).
    this.worker.unref();
    this.worker.on("message", (message: ThreadMessage) => this.received(message));
    this.worker.on("error", (error) => this.end(new Error(`the embedded database's thread failed: ${error.message}`)));
    this.worker.on("exit", () => this.end(new Error("the embedded database's thread stopped")));
  }

  query(sql: string, params: unknown[] = []): Promise<Results> {
    return this.send({ id: this.nextId++, op: "query", sql, params }) as Promise<Results>;
  }

  exec(sql: string): Promise<Results[]> {
    return this.send({ id: this.nextId++, op: "exec", sql }) as Promise<Results[]>;
  }

  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const id = this.nextId++;
    // Registered before the LISTEN is sent, so no notification arrives before its callback.
    this.listeners.set(id, callback);
    try {
      await this.send({ id, op: "listen", channel });
    } catch (error) {
      this.listeners.delete(id);
      throw error;
    }
    return async () => {
      this.listeners.delete(id);
      await this.send({ id: this.nextId++, op: "unlisten", listener: id });
    };
  }

  async close(): Promise<void> {
    if (this.ended) return;
    const exited = new Promise((done) => this.worker.once("exit", done));
    const opened = await this.send({ id: this.nextId++, op: "close" }).then(
      () => true,
      () => false,
    );
    this.end(new Error("the embedded database is closed"));
    // Held until the thread has ended, or a script whose last work this was would end first.
    this.worker.ref();
    // A database that never opened had nothing to close, and its thread still waits for requests.
    if (!opened) await this.worker.terminate();
    await exited;
  }

  private send(request: ThreadRequest): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  private received(message: ThreadMessage): void {
    if ("heard" in message) {
      for (const { listener, payload } of message.heard) this.listeners.get(listener)?.(payload);
      return;
    }
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ("error" in message) waiting.reject(rebuiltError(message.error));
    else waiting.resolve(message.value);
  }

  private end(reason: Error): void {
    if (this.ended) return;
    this.ended = reason;
    for (const waiting of this.waiting.values()) waiting.reject(reason);
    this.waiting.clear();
    this.listeners.clear();
    this.worker.unref();
  }
}

/** The error as PGlite threw it in its thread, with the fields callers branch on (`code` above all). */
function rebuiltError({ name, message, fields }: ThreadError): Error {
  return Object.assign(new Error(message), fields, { name });
}
