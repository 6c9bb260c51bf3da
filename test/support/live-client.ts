import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { JsonObject } from "./harness";

// A front end's view of subscriptions: the real graphql-ws client over a real WebSocket.

interface LiveResult<T = JsonObject> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One subscription's messages, read in order. */
class LiveStream<T = JsonObject> {
  private readonly received: LiveResult<T>[] = [];
  private waiting: (() => void) | null = null;
  /** The `error` message's errors, or the socket's close event, once it ended that way. */
  failure: unknown = null;
  completed = false;
  readonly stop: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.stop = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => this.arrive(() => this.received.push(result as LiveResult<T>)),
        error: (error) => this.arrive(() => (this.failure = error)),
        complete: () => this.arrive(() => (this.completed = true)),
      },
    );
  }

  /** The next result; fails if the stream ends, or nothing comes within `withinMs`. */
  async next(withinMs = 10_000): Promise<LiveResult<T>> {
    const deadline = Date.now() + withinMs;
    while (this.received.length === 0) {
      if (this.failure !== null) throw new Error(`the subscription failed: ${JSON.stringify(this.failure)}`);
      if (this.completed) throw new Error("the subscription completed");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`nothing arrived within ${withinMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => (clearTimeout(timer), resolve());
      });
    }
    return this.received.shift()!;
  }

  /** Waits until the stream has ended (completed or failed). */
  async ended(withinMs = 10_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!this.completed && this.failure === null) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the subscription did not end within ${withinMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => (clearTimeout(timer), resolve());
      });
    }
  }

  /** What has arrived and not yet been read. */
  get pending(): readonly LiveResult<T>[] {
    return this.received;
  }

  private arrive(record: () => void): void {
    record();
    const wake = this.waiting;
    this.waiting = null;
    wake?.();
  }
}

export interface LiveConnection {
  client: Client;
  subscribe<T = JsonObject>(query: string, variables?: Record<string, unknown>): LiveStream<T>;
  /** Resolves with the close event's code and reason when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** Connects as a front end would: the bearer token in the connection parameters, no retries. */
export function connectLive(url: string, connectionParams: Record<string, unknown> | undefined): LiveConnection {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    // Connection failures reach the streams as errors; the test reads them there.
    onNonLazyError: () => undefined,
    on: {
      closed: (event) =>
        onClosed({
          code: (event as { code: number }).code,
          reason: String((event as { reason?: unknown }).reason ?? ""),
        }),
    },
  });
  return {
    client,
    subscribe: (query, variables) => new LiveStream(client, query, variables),
    closed,
    close: () => client.dispose() as Promise<void>,
  };
}

export function bearer(token: string): Record<string, unknown> {
  return { authorization: `Bearer ${token}` };
}
