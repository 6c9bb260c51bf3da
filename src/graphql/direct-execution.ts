import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  HeaderMap,
  type ApolloServer,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestListener,
  type HTTPGraphQLRequest,
} from "@apollo/server";
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { KnownOperation, KnownOperations } from "./known-operations";

/*
 * A JSON POST of a document Apollo has already run (known-operations.ts) is executed here, without
 * Apollo's request pipeline: under contention that pipeline was a tenth of a request's CPU (its
 * hashing, content negotiation twice over, and a promise per hook of every plugin), and without it
 * 32 clients racing on one case win 15 % more often (issue 15). What a client sees does not change. This runs what Apollo runs for a document it has cached, in its order, with Apollo's own
 * plugins (`didResolveSource`, `didResolveOperation`, `didEncounterErrors`, `willSendResponse`),
 * formats errors as Apollo does (its formatError, codes, HTTP status and headers from `extensions.http`,
 * 400 for bad variables), and answers with Apollo's content type. Anything else goes to Apollo:
 * an unknown document, an unusual body or Accept header, a failed context, a server stopping; and
 * everything, if a plugin has a hook this does not run (checked on the first request). Apollo's CSRF
 * prevention passes every request that comes here: its content type is JSON, never a simple one.
 */

type Json = Record<string, unknown>;

/** A request this path can answer, read from its body. */
export interface DirectRequest {
  query: string;
  variables: Json | undefined;
  operationName: string | undefined;
  known: KnownOperation;
  operation: OperationDefinitionNode;
  contentType: string;
}

/** An answer as posted-operations.ts writes it, the same shape as Apollo's. */
export interface DirectAnswer {
  status: number | undefined;
  headers: HeaderMap;
  body: string;
}

const JSON_TYPE = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";
// The content type Apollo chooses for these Accept headers (the common ones); any other goes to Apollo.
const CONTENT_TYPE_BY_ACCEPT = new Map<string | undefined, string>([
  [undefined, JSON_TYPE],
  ["*/*", JSON_TYPE],
  ["application/json", JSON_TYPE],
  ["application/graphql-response+json", GRAPHQL_RESPONSE_TYPE],
  ["application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_TYPE],
  ["application/graphql-response+json,application/json;q=0.9", GRAPHQL_RESPONSE_TYPE],
]);

// Request hooks run here, and those Apollo itself skips for a document it has cached; a listener
// with any other (executionDidStart, responseForOperation…) sends every request to Apollo.
const HOOKS_RUN = new Set(["didResolveSource", "didResolveOperation", "didEncounterErrors", "willSendResponse"]);
const HOOKS_SKIPPED_WHEN_CACHED = new Set(["parsingDidStart", "validationDidStart"]);
const OTHER_HOOKS = [
  "responseForOperation",
  "executionDidStart",
  "didEncounterSubsequentErrors",
  "willSendSubsequentPayload",
] as const;

function onlyHooksRunHere(listener: object): boolean {
  const hooks = listener as Record<string, unknown>;
  return (
    OTHER_HOOKS.every((hook) => hooks[hook] === undefined) &&
    Object.keys(listener).every((hook) => HOOKS_RUN.has(hook) || HOOKS_SKIPPED_WHEN_CACHED.has(hook))
  );
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Apollo codes these variable coercion errors BAD_USER_INPUT (requestPipeline.ts).
function isBadVariableError(error: GraphQLError): boolean {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return false;
  const name = node.variable.name.value;
  return [" has invalid value", " got invalid value ", " of required type ", " of non-null type "].some((words) =>
    error.message.startsWith(`Variable "$${name}"${words}`),
  );
}

// Apollo's ensureGraphQLError.
function asGraphQLError(error: unknown): GraphQLError {
  if (!(error instanceof Error)) return new GraphQLError(`Unexpected error value: ${String(error)}`);
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Apollo's error formatting (errorNormalize.ts): a default code, `extensions.http` taken out into the answer's head. */
function formatErrors(errors: readonly GraphQLError[], formatError: FormatError) {
  const head: { status?: number; headers: HeaderMap } = { headers: new HeaderMap() };
  const formatted = errors.map((error) => {
    try {
      const graphqlError = asGraphQLError(error);
      const extensions: Json = {
        ...graphqlError.extensions,
        code: graphqlError.extensions.code ?? "INTERNAL_SERVER_ERROR",
      };
      const http = extensions.http as { status?: unknown; headers?: unknown } | undefined;
      if (
        isRecord(http) &&
        (!("status" in http) || typeof http.status === "number") &&
        (!("headers" in http) || http.headers instanceof Map)
      ) {
        if (http.status) head.status = http.status as number;
        for (const [name, value] of (http.headers as Map<string, string> | undefined) ?? [])
          head.headers.set(name, value);
        delete extensions.http;
      }
      return formatError({ ...graphqlError.toJSON(), extensions }, error);
    } catch {
      return { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
    }
  });
  return { formatted, head };
}

/**
 * The request context Apollo's plugins are given, as far as this path fills it. A class, its
 * getter on the prototype: a getter in an object literal keeps what it closes over alive through
 * young-generation collections (PostedRequest in posted-operations.ts says more).
 */
class DirectRequestContext<TContext> {
  readonly request: { query: string; variables?: Json; operationName?: string; http: HTTPGraphQLRequest };
  readonly response: {
    http: { status?: number; headers: HeaderMap };
    body?: { kind: "single"; singleResult: { data?: unknown; errors?: GraphQLFormattedError[]; extensions?: unknown } };
  } = { http: { headers: new HeaderMap() } };
  readonly metrics = { persistedQueryHit: false, persistedQueryRegister: false };
  readonly requestIsBatched = false;
  readonly source: string;
  readonly document: KnownOperation["document"];
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | null;
  errors?: readonly GraphQLError[];

  constructor(
    readonly logger: unknown,
    readonly schema: GraphQLSchema,
    readonly contextValue: TContext,
    request: DirectRequest,
    http: HTTPGraphQLRequest,
  ) {
    this.request = { query: request.query, variables: request.variables, operationName: request.operationName, http };
    this.source = request.query;
    this.document = request.known.document;
    this.operation = request.operation;
    this.operationName = request.operation.name?.value ?? null;
  }

  /** Apollo's SHA-256 of the text, made only if a plugin reads it. */
  get queryHash(): string {
    return createHash("sha256").update(this.source).digest("hex");
  }
}

// What this reads of Apollo's internals: its plugins as it runs them, its implicit ones included,
// its error formatting, and whether it is serving (it refuses operations once it is stopping).
interface ApolloInternals<TContext extends BaseContext> {
  plugins?: ApolloServerPlugin<TContext>[];
  formatError?: FormatError;
  includeStacktraceInErrorResponses?: boolean;
  state?: { phase?: string };
}

export class DirectExecution<TContext extends BaseContext> {
  private readonly internals: ApolloInternals<TContext>;
  private readonly plugins: ApolloServerPlugin<TContext>[];
  private readonly formatError: FormatError;
  private enabled = true;
  private hooksChecked = false;

  constructor(
    private readonly apollo: ApolloServer<TContext>,
    private readonly schema: GraphQLSchema,
    private readonly known: KnownOperations,
  ) {
    // If Apollo's internals ever cannot be read (another version), Apollo answers everything.
    this.internals = (apollo as unknown as { internals?: ApolloInternals<TContext> }).internals ?? {};
    const plugins = this.internals.plugins;
    this.plugins = Array.isArray(plugins) ? plugins : [];
    this.formatError = this.internals.formatError ?? ((formatted) => formatted);
    // A plugin told of unexpected failures expects Apollo to be the one failing; stack traces in
    // answers (never on here) are Apollo's alone to add.
    this.enabled =
      Array.isArray(plugins) &&
      this.plugins.every((plugin) => !plugin.unexpectedErrorProcessingRequest) &&
      !this.internals.includeStacktraceInErrorResponses;
  }

  /** Whether known documents are executed here (false once a plugin turned out to need Apollo). */
  get active(): boolean {
    return this.enabled;
  }

  /** The request this path can answer, or null when Apollo must. */
  accept(body: unknown, headers: IncomingHttpHeaders): DirectRequest | null {
    if (!this.enabled || this.internals.state?.phase !== "started") return null;
    if (!isRecord(body) || typeof body.query !== "string" || "extensions" in body) return null;
    const { query, variables = null, operationName = null } = body;
    if ((variables !== null && !isRecord(variables)) || (operationName !== null && typeof operationName !== "string"))
      return null;
    const contentType = CONTENT_TYPE_BY_ACCEPT.get(headers.accept);
    const known = contentType ? this.known.find(query) : undefined;
    if (!contentType || !known) return null;
    const operation = getOperationAST(known.document, operationName ?? undefined);
    if (!operation) return null;
    return {
      query,
      variables: variables ?? undefined,
      operationName: operationName ?? undefined,
      known,
      operation,
      contentType,
    };
  }

  /**
   * Runs the request with the plugins' hooks as Apollo would; null (before anything ran) when a
   * plugin has a hook only Apollo runs, and from then on every request goes to Apollo.
   */
  async run(request: DirectRequest, contextValue: TContext, http: HTTPGraphQLRequest): Promise<DirectAnswer | null> {
    const { schema, apollo, formatError } = this;
    const context = new DirectRequestContext(apollo.logger, schema, contextValue, request, http);
    const listeners = (
      await Promise.all(this.plugins.map((plugin) => plugin.requestDidStart?.(context as never)))
    ).filter((listener): listener is GraphQLRequestListener<TContext> => listener != null);
    if (!this.hooksChecked) {
      this.hooksChecked = true;
      if (!listeners.every(onlyHooksRunHere)) {
        this.enabled = false;
        return null;
      }
    }
    // As Apollo calls each hook: all listeners' at once; a hook no listener has costs no promise.
    const each = (
      hook: "didResolveSource" | "didResolveOperation" | "didEncounterErrors" | "willSendResponse",
    ): Promise<unknown> | undefined => {
      let calls: Promise<unknown>[] | undefined;
      for (const listener of listeners) if (listener[hook]) (calls ??= []).push(listener[hook](context as never));
      return calls && Promise.all(calls);
    };
    // Errors as Apollo answers them: plugins told, formatted, `extensions.http` into the head.
    const withErrors = async (errors: readonly GraphQLError[], coercionFailed: boolean) => {
      context.errors = errors;
      await each("didEncounterErrors");
      const { formatted, head } = formatErrors(errors, formatError);
      // Variables that could not be coerced (so nothing ran) are a 400 unless an error said otherwise.
      if (coercionFailed && !head.status) head.status = 400;
      if (head.status) context.response.http.status = head.status;
      for (const [name, value] of head.headers) context.response.http.headers.set(name, value);
      return formatted;
    };
    // Refused before it ran, or failed while running: errors only, 500 unless an error said otherwise.
    const refused = async (error: unknown) => {
      const errors = await withErrors([asGraphQLError(error)], false);
      context.response.body = { kind: "single", singleResult: { errors } };
      context.response.http.status ||= 500;
      return send();
    };
    const send = async (): Promise<DirectAnswer> => {
      await each("willSendResponse");
      const { http: head, body } = context.response;
      const headers = new HeaderMap(head.headers);
      if (!headers.get("content-type")) headers.set("content-type", request.contentType);
      const { errors, data, extensions } = body!.singleResult;
      return { status: head.status, headers, body: `${JSON.stringify({ errors, data, extensions })}\n` };
    };

    await each("didResolveSource");
    try {
      await each("didResolveOperation");
    } catch (error) {
      return refused(error);
    }
    let result: ExecutionResult;
    try {
      result = await execute({
        schema,
        document: request.known.document,
        contextValue,
        variableValues: request.variables,
        operationName: request.operationName,
      });
    } catch (error) {
      return refused(error);
    }
    const errors = result.errors?.map((error) =>
      isBadVariableError(error) && error.extensions?.code == null
        ? new GraphQLError(error.message, {
            nodes: error.nodes,
            originalError: error.originalError ?? error,
            extensions: { ...error.extensions, code: "BAD_USER_INPUT" },
          })
        : error,
    );
    const formatted = errors ? await withErrors(errors, errors.length > 0 && result.data === undefined) : undefined;
    context.response.body = {
      kind: "single",
      singleResult: { data: result.data, errors: formatted, extensions: result.extensions },
    };
    return send();
  }
}
