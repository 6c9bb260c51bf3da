import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { CloseCode, type Context as WsContext, type SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { unwrapResolverError } from "@apollo/server/errors";
import type { DataSource } from "typeorm";
import { WebSocket, WebSocketServer } from "ws";
import { createRequestContext, DEFAULT_PURPOSE } from "../server";
import type { TimerSettings } from "../services/work/timer-schedule";
import { formatClientError } from "./error-formatting";
import { estimateQueryCost, QUERY_LIMITS, QueryLimitError, queryLimitRules, queryParseOptions } from "./graphql-limits";
import { unstorableTextError } from "./input-text-guard";
import {
  actorOf,
  AuthenticationFailure,
  bearerToken,
  type Caller,
  type TokenVerifier,
} from "../services/security/identity";
import type { LiveUpdates } from "../services/platform/live-updates";
import type { OfficerDirectory } from "../services/security/officer-directory";
import { errorClassOf, type Logger } from "../services/platform/logger";
import { ConnectionLeases, type ConnectionLease } from "../services/platform/connection-leases";
import { wallClock } from "../domain/calendar/clock";

export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  dataSource: DataSource;
  logger: Logger;
  verifyToken: TokenVerifier;
  liveUpdates: LiveUpdates;
  timers?: TimerSettings;
  /** The instance's officer records (default: read each time). */
  officers?: OfficerDirectory;
  /** Operations one connection may run at once (default 20). */
  maxSubscriptionsPerConnection?: number;
  /** Connections one caller may hold open across every instance (default 10: a front end needs one per tab; 0: no limit). */
  maxConnectionsPerCaller?: number;
  /** Sockets this instance holds that have not yet authenticated (default 100; 0: no limit). */
  maxUnauthenticatedConnections?: number;
}

const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
/** The default of SUBSCRIPTION_CONNECTIONS_PER_CALLER (config.ts). */
const DEFAULT_MAX_CONNECTIONS_PER_CALLER = 10;
/** The default of UNAUTHENTICATED_CONNECTIONS (config.ts). */
const DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS = 100;
/** Close code for a caller over their connection limit (as HTTP 429: try again later). */
const TOO_MANY_CONNECTIONS = 4429;
/** Close code for a socket refused because too many others are still unauthenticated (WebSocket's "Try Again Later"). */
const TRY_AGAIN_LATER = 1013;
/** Largest graphql-ws message accepted, as for an HTTP body. */
const MAX_MESSAGE_BYTES = 100 * 1024;
const PURPOSE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** What one WebSocket connection carries: its verified caller and its open operations. */
interface Connection {
  caller: Caller;
  actor: string;
  purpose: string;
  openedAt: number;
  /** Operation id → the correlation id its errors and log lines carry. */
  operations: Map<string, string>;
  /** Its hold on one of its caller's connection slots, shared by every instance. */
  lease: ConnectionLease;
  expiry?: NodeJS.Timeout;
}

function stringParam(params: Record<string, unknown> | undefined, name: string): string | undefined {
  const entry = Object.entries(params ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

// graphql-js leaves parse and validation errors without a code; give them Apollo's, so clients
// branch on the same codes over both transports (and limit refusals keep theirs).
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error,
    extensions: { ...error.extensions, code },
  });
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's /graphql path. A connection is
 * authenticated once, by the bearer token in its connection parameters, and closed when that
 * token expires (close code 4403, so clients reconnect with a fresh token). Only subscriptions
 * run here — queries and mutations go over HTTP, through its rate limit and logging — and each
 * passes the same parse, depth, alias and cost limits as over HTTP.
 */
export function serveSubscriptions(httpServer: Server, options: SubscriptionServerOptions): { close(): Promise<void> } {
  const { schema, logger } = options;
  const maxOperations = options.maxSubscriptionsPerConnection ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const maxConnections = options.maxConnectionsPerCaller ?? DEFAULT_MAX_CONNECTIONS_PER_CALLER;
  const maxUnauthenticated = options.maxUnauthenticatedConnections ?? DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS;
  const connections = new WeakMap<object, Connection>();
  // Open sockets are held memory and a LISTEN fan-out each: one caller may not take them all, on
  // any number of instances (the leases are in the database).
  const leases = new ConnectionLeases(options.dataSource, maxConnections, logger);
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_MESSAGE_BYTES });
  // Sockets that have not yet authenticated. Counted per instance: what they hold is this
  // process's sockets and memory, and before connection_init there is no caller to share a count
  // by. graphql-ws closes each after 3 s without connection_init; this bounds how many wait at once.
  const unauthenticated = new Set<WebSocket>();
  // Registered before useServer's own listener, so a refused socket is closed before it is served.
  wsServer.on("connection", (socket) => {
    if (maxUnauthenticated > 0 && unauthenticated.size >= maxUnauthenticated) {
      logger.warn("subscription connection refused: too many unauthenticated", { open: unauthenticated.size });
      socket.close(TRY_AGAIN_LATER, "Too many unauthenticated connections");
      return;
    }
    unauthenticated.add(socket);
    socket.once("close", () => unauthenticated.delete(socket));
  });

  const formatErrors = (errors: readonly GraphQLError[], correlationId: string): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = formatClientError(error.toJSON(), error);
      if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
        // Class and database code only, as over HTTP: a message can carry SQL or personal data.
        const cause = unwrapResolverError(error) as Error & { code?: string; driverError?: { code?: string } };
        logger.error("subscription failed", {
          correlationId,
          path: error.path?.join("."),
          errorClass: cause?.constructor?.name ?? typeof cause,
          databaseCode: cause?.driverError?.code ?? cause?.code,
        });
      }
      return { ...formatted, extensions: { ...formatted.extensions, correlationId } };
    });

  const correlationOf = (ctx: WsContext, id: string): string =>
    connections.get(ctx)?.operations.get(id) ?? randomUUID();

  const prepare = async (
    ctx: WsContext,
    id: string,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    const connection = connections.get(ctx);
    if (!connection) return [refusal("Authenticate the connection first.", "UNAUTHENTICATED")];
    const correlationId = randomUUID();
    // Operations the client completed are gone from graphql-ws's own list; forget their ids too.
    for (const known of connection.operations.keys())
      if (!(known in ctx.subscriptions)) connection.operations.delete(known);
    connection.operations.set(id, correlationId);
    // graphql-ws lists this operation already, and every other that is still open.
    if (Object.keys(ctx.subscriptions).length > maxOperations) {
      return [
        refusal(
          `A connection may run at most ${maxOperations} subscriptions at once; complete one first.`,
          "TOO_MANY_SUBSCRIPTIONS",
        ),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query, queryParseOptions());
    } catch (error) {
      return [
        withCode(
          error instanceof GraphQLError ? error : refusal("The document could not be parsed.", "GRAPHQL_PARSE_FAILED"),
          "GRAPHQL_PARSE_FAILED",
        ),
      ];
    }
    const invalid = validate(schema, document, [...specifiedRules, ...queryLimitRules()]);
    if (invalid.length > 0) return invalid.map((error) => withCode(error, "GRAPHQL_VALIDATION_FAILED"));
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal("Name the one operation to run (operationName).", "OPERATION_RESOLUTION_FAILURE")];
    if (operation.operation !== "subscription") {
      return [
        refusal(
          "This connection carries subscriptions only; send queries and mutations to /graphql over HTTP POST.",
          "BAD_REQUEST",
        ),
      ];
    }
    const variables = payload.variables ?? {};
    const unstorable = unstorableTextError(document, operation, variables);
    if (unstorable) return [unstorable];
    const cost = estimateQueryCost(schema, document, operation, variables);
    if (cost > QUERY_LIMITS.maxCost) {
      return [
        new QueryLimitError(
          "cost",
          QUERY_LIMITS.maxCost,
          `The subscription could resolve about ${Math.min(cost, 1e12).toLocaleString("en-GB")} fields each time; at most ${QUERY_LIMITS.maxCost.toLocaleString("en-GB")} are allowed.`,
          operation,
        ),
      ];
    }
    const contextValue = await createRequestContext(options.dataSource, connection.caller, {
      correlationId,
      purpose: connection.purpose,
      timers: options.timers,
      officers: options.officers,
    });
    contextValue.liveUpdates = options.liveUpdates;
    logger.info("subscription started", {
      correlationId,
      actor: connection.actor,
      operationName: operation.name?.value.slice(0, 100),
    });
    return { schema, document, variableValues: variables, operationName: payload.operationName, contextValue };
  };

  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      onConnect: async (ctx) => {
        const token = bearerToken(stringParam(ctx.connectionParams, "authorization"));
        const purpose = stringParam(ctx.connectionParams, "x-access-purpose")?.trim() || DEFAULT_PURPOSE;
        if (!token || !PURPOSE.test(purpose)) return false;
        let caller: Caller;
        try {
          caller = await options.verifyToken(token);
        } catch (error) {
          if (error instanceof AuthenticationFailure) return false;
          throw error;
        }
        const actor = actorOf(caller);
        const lease = await leases.acquire(actor);
        if (!lease) {
          logger.warn("subscription connection refused: too many", { actor, limit: maxConnections });
          ctx.extra.socket.close(TOO_MANY_CONNECTIONS, "Too many connections");
          return false;
        }
        // Closed while the lease was taken: onClose has run already and freed nothing.
        if (ctx.extra.socket.readyState !== WebSocket.OPEN) {
          await leases.release(lease);
          return false;
        }
        unauthenticated.delete(ctx.extra.socket);
        const connection: Connection = {
          caller,
          actor,
          purpose,
          openedAt: performance.now(),
          operations: new Map(),
          lease,
        };
        if (caller.expiresAt) {
          const socket = ctx.extra.socket;
          const remaining = Math.max(0, caller.expiresAt.getTime() - wallClock().getTime());
          // setTimeout holds at most about 24.8 days; a token never lives that long.
          connection.expiry = setTimeout(
            () => socket.close(CloseCode.Forbidden, "Token expired"),
            Math.min(remaining, 2 ** 31 - 1),
          );
          connection.expiry.unref();
        }
        connections.set(ctx, connection);
        logger.info("subscription connection opened", { actor: connection.actor });
        return true;
      },
      onSubscribe: (ctx, id, payload) => prepare(ctx, id, payload),
      onError: (ctx, id, _payload, errors) => {
        const formatted = formatErrors(errors, correlationOf(ctx, id));
        connections.get(ctx)?.operations.delete(id);
        return formatted;
      },
      onNext: (ctx, id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatErrors(result.errors, correlationOf(ctx, id)) } : result,
      onComplete: (ctx, id) => void connections.get(ctx)?.operations.delete(id),
      onClose: async (ctx, code) => {
        const connection = connections.get(ctx);
        if (!connection) return;
        clearTimeout(connection.expiry);
        connections.delete(ctx);
        await leases.release(connection.lease).catch((error: unknown) =>
          // No longer renewed, it expires within a minute; the caller is one connection short until then.
          logger.warn("connection lease not released", { actor: connection.actor, errorClass: errorClassOf(error) }),
        );
        logger.info("subscription connection closed", {
          actor: connection.actor,
          code,
          durationMs: Math.round(performance.now() - connection.openedAt),
        });
      },
    },
    wsServer,
  );

  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await leases.close();
    },
  };
}
