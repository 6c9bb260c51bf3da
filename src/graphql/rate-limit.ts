import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { wallClock } from "../domain/calendar/clock";
import { takeFromRateWindow, type RateKind } from "../services/platform/rate-window";
import type { RequestContext } from "./context";
import { countRootFields, fragmentsOf } from "./graphql-limits";
import { statelessPlugin } from "./stateless-plugin";

/*
 * Per-caller limits on requests: at most `mutationsPerMinute` mutation fields and
 * `queriesPerMinute` queries in any rolling minute, counted in the database, so every instance
 * behind the load balancer shares one allowance per caller (rate-window.ts; one statement per
 * counted request). Refusals answer HTTP 429 with `extensions.code = "RATE_LIMITED"`,
 * `extensions.retryAfterSeconds` and a `Retry-After` header, before anything runs. A limit of 0
 * turns that check off (a trusted bulk load).
 */

const RATE_LIMITED = "RATE_LIMITED";
/** The default of MUTATIONS_PER_MINUTE (config.ts), for servers built without a value. */
export const DEFAULT_MUTATIONS_PER_MINUTE = 120;
/** The default of QUERIES_PER_MINUTE: a busy screen reads a few times a second at most. */
export const DEFAULT_QUERIES_PER_MINUTE = 600;

export interface RateLimits {
  /** Mutation fields one caller may send per minute; 0: no limit. */
  mutationsPerMinute: number;
  /** Queries one caller may send per minute; 0: no limit. */
  queriesPerMinute: number;
}

class RateLimitedError extends GraphQLError {
  constructor(
    readonly retryAfterSeconds: number,
    kind: RateKind,
  ) {
    super(`Too many ${kind === "MUTATION" ? "changes" : "queries"}: try again in ${retryAfterSeconds} s.`, {
      extensions: {
        code: RATE_LIMITED,
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
      },
    });
  }
}

/**
 * Counts each mutation field (so aliasing several changes into one request does not get round it),
 * and each query, against `contextValue.actor`, and refuses past the limit. Only requests that
 * arrived over HTTP are counted: `executeOperation` is called by this process's own code, not by
 * a client.
 */
export function rateLimitPlugin(limits: RateLimits, now: () => Date = wallClock): ApolloServerPlugin<RequestContext> {
  return statelessPlugin<RequestContext>({
    async didResolveOperation({ operation, document, contextValue, request }) {
      if (!operation || !request.http || operation.operation === "subscription") return;
      const kind: RateKind = operation.operation === "mutation" ? "MUTATION" : "QUERY";
      const perMinute = kind === "MUTATION" ? limits.mutationsPerMinute : limits.queriesPerMinute;
      if (perMinute <= 0) return;
      const decision = await takeFromRateWindow(contextValue.dataSource, {
        caller: contextValue.actor,
        kind,
        count: kind === "MUTATION" ? countRootFields(operation, fragmentsOf(document)) : 1,
        perMinute,
        at: now(),
      });
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, kind);
    },
  });
}

/** The client-facing form of a rate-limit refusal, or null when `error` is not one. */
export function formatRateLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  if (!(error instanceof RateLimitedError)) return null;
  return { message: error.message, extensions: { code: RATE_LIMITED, retryAfterSeconds: error.retryAfterSeconds } };
}
