import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { getOperationAST, GraphQLError, type GraphQLSchema } from "graphql";
import type { JWK } from "jose";
import type { DataSource } from "typeorm";
import type { RequestContext } from "./graphql/context";
import { readOfficer, type OfficerDirectory } from "./services/security/officer-directory";
import { AccessControl } from "./services/security/access-control";
import { formatClientError } from "./graphql/error-formatting";
import { clientCorrelationIdFrom } from "./graphql/client-correlation-id";
import { queryCostPlugin, queryLimitRules, queryParseOptions } from "./graphql/graphql-limits";
import { inputTextGuardPlugin } from "./graphql/input-text-guard";
import {
  actorOf,
  AuthenticationFailure,
  type AuthenticationFailureReason,
  bearerToken,
  type Caller,
  type TokenVerifier,
} from "./services/security/identity";
import { createLoaders } from "./graphql/loaders";
import { errorClassOf, type Logger } from "./services/platform/logger";
import { DEFAULT_MUTATIONS_PER_MINUTE, DEFAULT_QUERIES_PER_MINUTE, rateLimitPlugin } from "./graphql/rate-limit";
import { buildAppSchema } from "./graphql/build-schema";
import { LANDING_OPERATION, readExampleOperation } from "./graphql/explorer/example-operations";
import { GRAPHIQL_PATH } from "./graphql/explorer/graphiql-page";
import { graphiqlRouter } from "./graphql/explorer/graphiql-router";
import { sandboxLandingPagePlugin } from "./graphql/explorer/sandbox-landing-page";
import { rememberPageCaller } from "./graphql/explorer/loopback";
import { DEFAULT_TIMER_SETTINGS, type TimerSettings } from "./services/work/timer-schedule";

export interface ServerOptions {
  dataSource: DataSource;
  logger: Logger;
  /** Introspection, the Sandbox landing page and GraphiQL at /explorer. */
  sandboxEnabled: boolean;
  verifyToken: TokenVerifier;
  /** Development: makes the token the Sandbox and GraphiQL pages are signed in with, fresh for each load. */
  mintBrowserToken?: () => Promise<string>;
  /** Development: the JWKS to publish. */
  publishedJwks?: { keys: JWK[] };
  /** Outside production a refused token's reason is named in the 401 (`extensions.reason`); it is always logged. */
  exposeTokenFailureReason?: boolean;
  /** Mutations one caller may make per minute, across every instance (default 120; 0 turns the limit off). */
  mutationsPerMinute?: number;
  /** Queries one caller may make per minute, across every instance (default 600; 0 turns the limit off). */
  queriesPerMinute?: number;
  /** How long an invitation waits for a reply, and a notification for its acknowledgement (defaults: the documented assumptions). */
  timers?: TimerSettings;
  /** The instance's officer records, kept while live updates hear officer changes (default: read each time). */
  officers?: OfficerDirectory;
}

/** How one request's context is made; each has a default for tests that build contexts directly. */
export interface RequestContextOptions {
  correlationId?: string;
  purpose?: string;
  timers?: TimerSettings;
  clientCorrelationId?: string | null;
  /** This instance's officer records; without it, the caller's is read from the database. */
  officers?: OfficerDirectory;
}

/** The context of one request for a verified caller (tests build it directly). */
export async function createRequestContext(
  dataSource: DataSource,
  caller: Caller,
  {
    correlationId = randomUUID(),
    purpose = DEFAULT_PURPOSE,
    timers = DEFAULT_TIMER_SETTINGS,
    clientCorrelationId = null,
    officers,
  }: RequestContextOptions = {},
): Promise<RequestContext> {
  const find = (username: string) => (officers ? officers.find(username) : readOfficer(dataSource, username));
  const officer = caller.kind === "USER" ? await find(caller.username) : null;
  const access = new AccessControl(caller, officer);
  return {
    dataSource,
    loaders: createLoaders(dataSource, access),
    access,
    actor: actorOf(caller),
    correlationId,
    clientCorrelationId,
    purpose,
    timers,
  };
}

export const DEFAULT_PURPOSE = "CASE_WORK";
const PURPOSE = /^[A-Z][A-Z0-9_]{1,39}$/;

function unauthenticated(correlationId: string, reason?: AuthenticationFailureReason): GraphQLError {
  return new GraphQLError("A valid bearer token is required.", {
    extensions: { code: "UNAUTHENTICATED", correlationId, ...(reason ? { reason } : {}), http: { status: 401 } },
  });
}

/** Largest JSON body accepted (documents are capped at 1,000 tokens; variables are small). */
const BODY_LIMIT = "100kb";

/** What the one log line of an HTTP request says, filled in as the request goes along. */
interface RequestRecord {
  correlationId: string;
  /** The client's x-correlation-id, sanitised, logged beside ours; null if none. */
  clientCorrelationId: string | null;
  actor?: string;
  operationName?: string | null;
  operationType?: string;
  errorCodes: string[];
}

// Apollo copies the context object for each operation, so the record rides on it under a symbol.
const REQUEST_RECORD = Symbol("requestRecord");
type RecordedContext = RequestContext & { [REQUEST_RECORD]?: RequestRecord };

function recordOf(response: { locals: Record<string, unknown> }): RequestRecord {
  return response.locals.requestRecord as RequestRecord;
}

// One line per HTTP request, written when the response is done: ids, codes and timings only.
// Never the query text, variables or URL query string (a GET carries the document there).
function requestLogging(logger: Logger): RequestHandler {
  return (request, response, next) => {
    // Always our own id: the audit trail must not carry one a client chose (issue 13 §6).
    const correlationId = randomUUID();
    const clientCorrelationId = clientCorrelationIdFrom(request.header("x-correlation-id"));
    const record: RequestRecord = { correlationId, clientCorrelationId, errorCodes: [] };
    response.locals.requestRecord = record;
    // Set now so refusals made before Apollo runs (body too large, CSRF, batching) carry it too.
    response.setHeader("x-correlation-id", correlationId);
    const started = performance.now();
    response.once("close", () => {
      const line = {
        correlationId,
        method: request.method,
        path: request.originalUrl.split("?")[0].slice(0, 200),
        status: response.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        clientCorrelationId: record.clientCorrelationId ?? undefined,
        actor: record.actor,
        operationName: record.operationName ?? undefined,
        operationType: record.operationType,
        errorCodes: record.errorCodes.length > 0 ? record.errorCodes : undefined,
        ...(response.writableFinished ? {} : { aborted: true }),
      };
      // The id as a field, not a child logger's binding: a child per request costs more than its line.
      if (response.statusCode >= 500) logger.error("request", line);
      else logger.info("request", line);
    });
    next();
  };
}

// Body-parser and other failures before GraphQL: a JSON error like Apollo's, never Express's
// default page (which shows a stack trace outside production).
function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) return next(error);
    const record = recordOf(response);
    const failure = error as { type?: unknown; status?: unknown };
    const status =
      typeof failure.status === "number" && failure.status >= 400 && failure.status < 500 ? failure.status : 500;
    let code = "BAD_REQUEST";
    let message = "The request could not be read.";
    if (failure.type === "entity.too.large")
      [code, message] = ["PAYLOAD_TOO_LARGE", `The request body is larger than ${BODY_LIMIT.replace("kb", " kB")}.`];
    else if (failure.type === "entity.parse.failed") message = "The request body is not valid JSON.";
    else if (status === 500) {
      [code, message] = ["INTERNAL_SERVER_ERROR", "Internal server error"];
      logger.error("request failed", {
        correlationId: record.correlationId,
        errorClass: errorClassOf(error),
      });
    }
    record.errorCodes.push(code);
    response.status(status).json({ errors: [{ message, extensions: { code, correlationId: record.correlationId } }] });
  };
}

// Gives the request's log line its operation and the codes of the errors the client was sent.
function requestRecordPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, document, operation, request, response }) {
          const record = (contextValue as RecordedContext)[REQUEST_RECORD];
          if (!record) return;
          // From the parsed document (a GraphQL name), also when validation refused it.
          const resolved = operation ?? (document ? getOperationAST(document, request.operationName) : null);
          record.operationName = resolved?.name?.value.slice(0, 100) ?? null;
          record.operationType = resolved?.operation;
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code === "string" && !record.errorCodes.includes(code)) record.errorCodes.push(code);
          }
        },
      };
    },
  };
}

// Logs the cause of every masked error under the response's correlation id (error class and
// database error code only: messages can carry SQL or personal data), and stamps that id on
// every error the client sees.
function correlationPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (error.extensions?.code && error.extensions.code !== "INTERNAL_SERVER_ERROR") continue;
            const cause = unwrapResolverError(error) as Error & { code?: string; driverError?: { code?: string } };
            logger.error("request failed", {
              correlationId: contextValue.correlationId,
              path: error.path?.join("."),
              errorClass: cause?.constructor?.name ?? typeof cause,
              databaseCode: cause?.driverError?.code ?? cause?.code,
              stack: cause?.stack?.split("\n").slice(1, 8).join("\n"),
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          response.http.headers.set("x-correlation-id", contextValue.correlationId);
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, correlationId: contextValue.correlationId },
          }));
        },
      };
    },
  };
}

// GraphQL over HTTP: once an operation has executed, the response is 200, also when a field was
// refused beside data (a 403 there makes standard clients throw the data away). Refusals before
// execution keep their 4xx; a missing or bad token is 401 before any of this runs.
function executedIsOkPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === "single" && response.body.singleResult.data !== undefined)
            response.http.status = 200;
        },
      };
    },
  };
}

// Subscriptions need a long-lived connection: over HTTP they would only ever fail inside a resolver.
function subscriptionsOverWebSocketPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError("Subscriptions are served over graphql-ws (WebSocket) at /graphql, not over HTTP.", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        },
      };
    },
  };
}

// Answers hold victims' personal data, errors and refusals: no cache on the way may keep any of them.
const noStore: RequestHandler = (_request, response, next) => {
  response.setHeader("cache-control", "no-store");
  next();
};

export async function createApolloServer(
  options: Pick<
    ServerOptions,
    "logger" | "sandboxEnabled" | "mintBrowserToken" | "mutationsPerMinute" | "queriesPerMinute"
  >,
  schema?: GraphQLSchema,
): Promise<ApolloServer<RequestContext>> {
  return new ApolloServer<RequestContext>({
    schema: schema ?? (await buildAppSchema()),
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    introspection: options.sandboxEnabled,
    // No "did you mean" field suggestions where the schema is not public.
    hideSchemaDetailsFromClientErrors: !options.sandboxEnabled,
    // Explicit although they are Apollo's defaults: several operations per request would get round
    // the per-request limits, and CSRF prevention refuses simple (non-preflighted) requests.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Size and shape limits, all checked before execution (see graphql-limits.ts).
    parseOptions: queryParseOptions(),
    validationRules: queryLimitRules(),
    plugins: [
      // Apollo's cache-control plugin wraps every field to gather cache hints, which this service
      // never gives (4 % of a 50-case page's time); every answer is no-store instead (noStore).
      ApolloServerPluginCacheControlDisabled(),
      correlationPlugin(options.logger),
      requestRecordPlugin(),
      executedIsOkPlugin(),
      subscriptionsOverWebSocketPlugin(),
      // Text PostgreSQL cannot store, and too many bad variable values: BAD_USER_INPUT, before anything runs.
      inputTextGuardPlugin<RequestContext>(),
      queryCostPlugin<RequestContext>(),
      rateLimitPlugin({
        mutationsPerMinute: options.mutationsPerMinute ?? DEFAULT_MUTATIONS_PER_MINUTE,
        queriesPerMinute: options.queriesPerMinute ?? DEFAULT_QUERIES_PER_MINUTE,
      }),
      options.sandboxEnabled
        ? sandboxLandingPagePlugin({
            mintBrowserToken: options.mintBrowserToken,
            document: readExampleOperation(LANDING_OPERATION) ?? undefined,
          })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

export async function createApp(
  options: ServerOptions,
): Promise<{ app: Express; apollo: ApolloServer<RequestContext>; schema: GraphQLSchema }> {
  // One schema for HTTP and for subscriptions over WebSocket (serveSubscriptions).
  const schema = await buildAppSchema();
  const apollo = await createApolloServer(options, schema);
  await apollo.start();
  const app = express();
  app.disable("x-powered-by");
  // Answers are never cached (no-store), so an ETag would only cost a hash of every body.
  app.set("etag", false);

  app.get("/healthz", async (_request, response) => {
    try {
      await options.dataSource.query("SELECT 1");
      response.status(200).json({ status: "ok" });
    } catch {
      response.status(503).json({ status: "unavailable" });
    }
  });

  if (options.publishedJwks) {
    const jwks = options.publishedJwks;
    app.get("/.well-known/jwks.json", (_request, response) => void response.json(jwks));
  }

  // Before GraphQL's mount at "/", which would take every path.
  if (options.sandboxEnabled)
    app.use(
      GRAPHIQL_PATH,
      requestLogging(options.logger),
      graphiqlRouter({
        mintBrowserToken: options.mintBrowserToken,
        defaultQuery: readExampleOperation(LANDING_OPERATION) ?? undefined,
      }),
    );

  app.use(
    ["/", "/graphql"],
    requestLogging(options.logger),
    noStore,
    cors<cors.CorsRequest>(),
    express.json({ limit: BODY_LIMIT }),
    // The landing page signs in only a browser on this machine.
    rememberPageCaller,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const record = recordOf(res);
        const correlationId = record.correlationId;
        try {
          let caller: Caller;
          try {
            const token = bearerToken(req.header("authorization"));
            if (!token) throw new AuthenticationFailure("MISSING");
            caller = await options.verifyToken(token);
          } catch (error) {
            if (!(error instanceof AuthenticationFailure)) throw error;
            options.logger.info("token refused", { correlationId, reason: error.reason });
            throw unauthenticated(correlationId, options.exposeTokenFailureReason ? error.reason : undefined);
          }
          const purpose = req.header("x-access-purpose")?.trim() || DEFAULT_PURPOSE;
          if (!PURPOSE.test(purpose))
            throw new GraphQLError("x-access-purpose must be an upper-case code such as CASE_WORK.", {
              extensions: { code: "BAD_USER_INPUT", correlationId, http: { status: 400 } },
            });
          const context: RecordedContext = await createRequestContext(options.dataSource, caller, {
            correlationId,
            purpose,
            timers: options.timers,
            clientCorrelationId: record.clientCorrelationId,
            officers: options.officers,
          });
          record.actor = context.actor;
          context[REQUEST_RECORD] = record;
          return context;
        } catch (error) {
          // Refused before any operation: the log line still says why.
          const code = error instanceof GraphQLError ? error.extensions.code : undefined;
          record.errorCodes.push(typeof code === "string" ? code : "INTERNAL_SERVER_ERROR");
          throw error;
        }
      },
    }),
  );
  app.use(httpErrorHandler(options.logger));
  return { app, apollo, schema };
}
