import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { getOperationAST, GraphQLError, type GraphQLSchema } from "graphql";
import type { JWK } from "jose";
import type { DataSource } from "typeorm";
import type { RequestContext } from "./graphql/context";
import { readOfficer, type OfficerDirectory } from "./services/security/officer-directory";
import { AccessControl } from "./services/security/access-control";
import { formatClientError } from "./graphql/error-formatting";
import { isPlainJsonPost, servePostedOperations } from "./graphql/posted-operations";
import { DirectExecution } from "./graphql/direct-execution";
import { KnownOperations } from "./graphql/known-operations";
import { headerOf, type RequestRecord } from "./graphql/request-log";
import { setCommonHeaders } from "./graphql/common-headers";
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
import type { Logger } from "./services/platform/logger";
import { DEFAULT_MUTATIONS_PER_MINUTE, DEFAULT_QUERIES_PER_MINUTE, rateLimitPlugin } from "./graphql/rate-limit";
import { buildAppSchema } from "./graphql/build-schema";
import { LANDING_OPERATION, readExampleOperation } from "./graphql/explorer/example-operations";
import { sandboxLandingPagePlugin } from "./graphql/explorer/sandbox-landing-page";
import { DEFAULT_TIMER_SETTINGS, type TimerSettings } from "./services/work/timer-schedule";
import { statelessPlugin } from "./graphql/stateless-plugin";

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

// Apollo copies the context object for each operation, so the record rides on it under a symbol.
const REQUEST_RECORD = Symbol("requestRecord");
type RecordedContext = RequestContext & { [REQUEST_RECORD]?: RequestRecord };

// Gives the request's log line its operation and the codes of the errors the client was sent.
function requestRecordPlugin(): ApolloServerPlugin<RequestContext> {
  return statelessPlugin<RequestContext>({
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
  });
}

// Logs the cause of every masked error under the response's correlation id (error class and
// database error code only: messages can carry SQL or personal data, and no stack trace reaches a
// log either), and stamps that id on every error the client sees.
function correlationPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return statelessPlugin<RequestContext>({
    async didEncounterErrors({ errors, contextValue }) {
      for (const error of errors) {
        if (error.extensions?.code && error.extensions.code !== "INTERNAL_SERVER_ERROR") continue;
        const cause = unwrapResolverError(error) as Error & { code?: string; driverError?: { code?: string } };
        logger.error("request failed", {
          correlationId: contextValue.correlationId,
          path: error.path?.join("."),
          errorClass: cause?.constructor?.name ?? typeof cause,
          databaseCode: cause?.driverError?.code ?? cause?.code,
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
  });
}

// GraphQL over HTTP: once an operation has executed, the response is 200, also when a field was
// refused beside data (a 403 there makes standard clients throw the data away). Refusals before
// execution keep their 4xx; a missing or bad token is 401 before any of this runs.
function executedIsOkPlugin(): ApolloServerPlugin<RequestContext> {
  return statelessPlugin<RequestContext>({
    async willSendResponse({ response }) {
      if (response.body.kind === "single" && response.body.singleResult.data !== undefined) response.http.status = 200;
    },
  });
}

// Subscriptions need a long-lived connection: over HTTP they would only ever fail inside a resolver.
function subscriptionsOverWebSocketPlugin(): ApolloServerPlugin<RequestContext> {
  return statelessPlugin<RequestContext>({
    async didResolveOperation({ operation }) {
      if (operation?.operation !== "subscription") return;
      throw new GraphQLError("Subscriptions are served over graphql-ws (WebSocket) at /graphql, not over HTTP.", {
        extensions: { code: "BAD_REQUEST", http: { status: 400 } },
      });
    },
  });
}

export async function createApolloServer(
  options: Pick<
    ServerOptions,
    "logger" | "sandboxEnabled" | "mintBrowserToken" | "mutationsPerMinute" | "queriesPerMinute"
  >,
  schema?: GraphQLSchema,
  knownOperations?: KnownOperations,
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
      // never gives (4 % of a 50-case page's time); every answer is no-store instead (setCommonHeaders).
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
      ...(knownOperations ? [knownOperations.plugin<RequestContext>()] : []),
    ],
  });
}

export async function createApp(
  options: ServerOptions,
): Promise<{ listener: RequestListener; apollo: ApolloServer<RequestContext>; schema: GraphQLSchema }> {
  // One schema for HTTP and for subscriptions over WebSocket (serveSubscriptions).
  const schema = await buildAppSchema();
  const knownOperations = new KnownOperations();
  const apollo = await createApolloServer(options, schema, knownOperations);
  await apollo.start();
  const direct = new DirectExecution(apollo, schema, knownOperations);
  const context = async (request: IncomingMessage, record: RequestRecord): Promise<RequestContext> => {
    const correlationId = record.correlationId;
    try {
      let caller: Caller;
      try {
        const token = bearerToken(headerOf(request, "authorization"));
        if (!token) throw new AuthenticationFailure("MISSING");
        caller = await options.verifyToken(token);
      } catch (error) {
        if (!(error instanceof AuthenticationFailure)) throw error;
        options.logger.info("token refused", { correlationId, reason: error.reason });
        throw unauthenticated(correlationId, options.exposeTokenFailureReason ? error.reason : undefined);
      }
      const purpose = headerOf(request, "x-access-purpose")?.trim() || DEFAULT_PURPOSE;
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
  };

  // The common case, a JSON POST of an operation, skips Express (posted-operations.ts); so does the
  // health check, which a load balancer asks every few seconds. Express is loaded for the rest.
  const servePosted = servePostedOperations(apollo, { logger: options.logger, setCommonHeaders, context, direct });
  let app: RequestListener | undefined;
  const viaExpress: RequestListener = (request, response) => {
    app ??=
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, typed by its import
      (require("./graphql/express-app") as typeof import("./graphql/express-app")).buildExpressApp({
        ...options,
        apollo,
        setCommonHeaders,
        context,
      });
    app(request, response);
  };
  const listener: RequestListener = (request, response) => {
    if (isPlainJsonPost(request)) servePosted(request, response);
    else if (request.method === "GET" && request.url === "/healthz") void answerHealth(options.dataSource, response);
    else viaExpress(request, response);
  };
  return { listener, apollo, schema };
}

/** GET /healthz: 200 once the database answers, 503 while it does not. */
async function answerHealth(dataSource: DataSource, response: ServerResponse): Promise<void> {
  let healthy = true;
  try {
    await dataSource.query("SELECT 1");
  } catch {
    healthy = false;
  }
  const body = JSON.stringify({ status: healthy ? "ok" : "unavailable" });
  response.statusCode = healthy ? 200 : 503;
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.setHeader("content-length", Buffer.byteLength(body));
  response.end(body);
}
