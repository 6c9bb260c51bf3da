import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { RequestContext } from "./context";
import { countRootFields, fragmentsOf } from "./graphql-limits";

/*
 * Per-caller limit on changes: at most `perMinute` mutation fields in any rolling 60 seconds.
 *
 * The counts live in this process's memory, so behind a load balancer the limit is per instance
 * (N instances allow up to N × the limit); a shared store would be needed for a global limit.
 * Refusals answer HTTP 429 with `extensions.code = "RATE_LIMITED"`, `extensions.retryAfterSeconds`
 * and a `Retry-After` header, before anything runs. Queries are not counted. A limit of 0 turns
 * the check off (a trusted bulk load).
 */

const RATE_LIMITED = "RATE_LIMITED";
/** The default of MUTATIONS_PER_MINUTE (config.ts), for servers built without a value. */
export const DEFAULT_MUTATIONS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A sliding log of recent mutation times per caller, with bounded memory. */
export class MutationRateLimiter {
  // Insertion order is last activity: a caller is moved to the end whenever they act.
  private readonly recent = new Map<string, number[]>();
  private sweptAt = 0;

  constructor(
    readonly perMinute: number,
    private readonly maxCallers = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `count` changes by `caller` if they fit in the window; otherwise says when they would. */
  take(caller: string, count = 1): RateDecision {
    if (this.perMinute <= 0) return { allowed: true };
    const now = this.now();
    this.sweep(now);
    const times = (this.recent.get(caller) ?? []).filter((time) => time > now - WINDOW_MS);
    if (times.length + count > this.perMinute) {
      this.remember(caller, times);
      // The moment enough old entries leave the window (never fits: a full minute).
      const freedBy = times[times.length + count - this.perMinute - 1];
      const waitMs = count > this.perMinute || freedBy === undefined ? WINDOW_MS : freedBy + WINDOW_MS - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    for (let i = 0; i < count; i++) times.push(now);
    this.remember(caller, times);
    return { allowed: true };
  }

  /** Callers currently tracked (for tests of the memory bound). */
  get size(): number {
    return this.recent.size;
  }

  private remember(caller: string, times: number[]): void {
    this.recent.delete(caller);
    if (times.length === 0) return;
    this.recent.set(caller, times);
    // Past the cap, forget the longest-idle callers: they lose their history, nobody gains access.
    while (this.recent.size > this.maxCallers) this.recent.delete(this.recent.keys().next().value!);
  }

  // At most once a window, drop callers whose last change has left it.
  private sweep(now: number): void {
    if (now - this.sweptAt < WINDOW_MS) return;
    this.sweptAt = now;
    for (const [caller, times] of this.recent) {
      if (times[times.length - 1] <= now - WINDOW_MS) this.recent.delete(caller);
    }
  }
}

class RateLimitedError extends GraphQLError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many changes: try again in ${retryAfterSeconds} s.`, {
      extensions: {
        code: RATE_LIMITED,
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
      },
    });
  }
}

/**
 * Counts each mutation field (so aliasing several changes into one request does not get round it)
 * against `contextValue.actor`, and refuses past the limit. Only requests that arrived over HTTP
 * are counted: `executeOperation` is called by this process's own code, not by a client.
 */
export function mutationRateLimitPlugin(limiter: MutationRateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, request }) {
          if (operation?.operation !== "mutation" || !request.http) return;
          const decision = limiter.take(contextValue.actor, countRootFields(operation, fragmentsOf(document)));
          if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
        },
      };
    },
  };
}

/** The client-facing form of a rate-limit refusal, or null when `error` is not one. */
export function formatRateLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  if (!(error instanceof RateLimitedError)) return null;
  return { message: error.message, extensions: { code: RATE_LIMITED, retryAfterSeconds: error.retryAfterSeconds } };
}
