import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

const CASE_UPDATED = `subscription ScaleCaseUpdated($id: ID!) { caseUpdated(caseId: $id) { id version } }`;
const RETRY_WAIT_MS = 200;

/**
 * A front end following one case over graphql-ws through the proxy, with the client's own
 * reconnection on: when its socket drops it connects again (to whichever instance the proxy picks)
 * and subscribes again, and the service answers a new subscription with the case as it is now.
 */
export class ReconnectingSubscriber {
  /** Connections made (acknowledged by the service): 2 or more once it has reconnected. */
  connections = 0;
  /** Every version received, in order. */
  readonly versions: number[] = [];
  private readonly client: Client;
  private failure: unknown = null;

  constructor(url: string, token: string, caseId: string) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 30,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS)),
      // A socket cut by an instance's death closes abnormally (1006): always worth another try.
      shouldRetry: () => true,
      onNonLazyError: (error) => (this.failure = error),
      on: { connected: () => (this.connections += 1) },
    });
    this.client.subscribe<{ caseUpdated: { id: string; version: number } }>(
      { query: CASE_UPDATED, variables: { id: caseId } },
      {
        next: (result) => {
          if (result.data) this.versions.push(result.data.caseUpdated.version);
          else this.failure = result.errors;
        },
        error: (error) => (this.failure = error),
        complete: () => (this.failure ??= "the subscription completed"),
      },
    );
  }

  /** Waits until `done` holds; fails on a subscription error or after `withinMs`. */
  async until(what: string, done: () => boolean, withinMs = 10_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!done()) {
      if (this.failure !== null) throw new Error(`the subscription failed: ${describe(this.failure)}`);
      if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function describe(failure: unknown): string {
  if (failure instanceof Error) return failure.message;
  if (typeof failure === "object" && failure && "code" in failure)
    return `socket closed ${(failure as { code: number }).code}`;
  return JSON.stringify(failure);
}
