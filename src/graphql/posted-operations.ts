import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import type { Logger } from "../services/platform/logger";
import type { DirectExecution } from "./direct-execution";
import {
  beginRequestRecord,
  BODY_LIMIT_BYTES,
  headerOf,
  sendFailureBeforeGraphql,
  type BodyReadFailure,
  type RequestRecord,
} from "./request-log";

/*
 * Operations POSTed as JSON, served straight from node:http: Express's router, body-parser and the
 * Express integration cost 10–15 % of a small request (issue 15 §4). Only the plain shape comes here
 * (see `isPlainJsonPost`); anything else (another method or path, a compressed or chunked body, an
 * unusual content type or charset, a body over the limit) goes through Express, whose body-parser
 * answers those cases. What a client sees is the same either way: the headers (no-store, CORS,
 * x-correlation-id), the log line, and the errors for a body that is not JSON.
 */

const GRAPHQL_PATHS = new Set(["/", "/graphql"]);
// application/json, optionally with a UTF-8 charset: what body-parser would read as UTF-8 JSON.
const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;

/** Whether a request is a POST of a JSON body of known, acceptable length to the GraphQL endpoint. */
export function isPlainJsonPost(request: IncomingMessage): boolean {
  if (request.method !== "POST") return false;
  const url = request.url ?? "";
  const query = url.indexOf("?");
  if (!GRAPHQL_PATHS.has(query === -1 ? url : url.slice(0, query))) return false;
  const { headers } = request;
  const length = headers["content-length"];
  return (
    headers["content-encoding"] === undefined &&
    headers["transfer-encoding"] === undefined &&
    length !== undefined &&
    /^\d{1,9}$/.test(length) &&
    Number(length) <= BODY_LIMIT_BYTES &&
    PLAIN_JSON.test(headers["content-type"] ?? "")
  );
}

function bodyFailure(type: string, status: number): BodyReadFailure {
  return { type, status };
}

// As body-parser's json(): the declared length must arrive, an empty body is {}, and (strict) only
// an object or array is JSON here; a leading byte-order mark is dropped.
function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const declared = Number(request.headers["content-length"]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    request.once("aborted", () => reject(bodyFailure("request.aborted", 400)));
    request.once("error", () => reject(bodyFailure("request.aborted", 400)));
    request.once("end", () => {
      if (received !== declared) return reject(bodyFailure("request.size.invalid", 400));
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString("utf8");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) return resolve({});
      const first = text.trimStart()[0];
      if (first !== "{" && first !== "[") return reject(bodyFailure("entity.parse.failed", 400));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(bodyFailure("entity.parse.failed", 400));
      }
    });
  });
}

export interface PostedOperationsOptions<TContext extends BaseContext> {
  logger: Logger;
  /** Runs documents Apollo has run before without its pipeline (direct-execution.ts); without it, Apollo runs all. */
  direct?: DirectExecution<TContext>;
  /** Sets the headers every answer carries (no-store, CORS), then calls `next`. */
  setCommonHeaders: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  /** The context of one operation; may throw the GraphQL error that refuses it. */
  context: (request: IncomingMessage, record: RequestRecord) => Promise<TContext>;
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const name of Object.keys(request.headers)) headers.set(name, headerOf(request, name)!);
  return headers;
}

/**
 * The request as Apollo reads it, its headers made when first read: Apollo reads them, the direct
 * path's plugins seldom do. A class, not an object literal with a getter: V8 keeps whatever a
 * literal's getter closes over alive through young-generation collections, and that promoted every
 * request's data to the old generation (issue 15).
 */
class PostedRequest implements HTTPGraphQLRequest {
  readonly method = "POST";
  private headerMap: HeaderMap | undefined;

  constructor(
    private readonly request: IncomingMessage,
    readonly search: string,
    readonly body: unknown,
  ) {}

  get headers(): HeaderMap {
    return (this.headerMap ??= headerMapOf(this.request));
  }
}

function send(response: ServerResponse, status: number | undefined, headers: HeaderMap, body: string): void {
  for (const [name, value] of headers) response.setHeader(name, value);
  response.statusCode = status ?? 200;
  response.setHeader("content-length", Buffer.byteLength(body));
  response.end(body);
}

/** Serves requests `isPlainJsonPost` accepts: read the body, run Apollo, write its answer. */
export function servePostedOperations<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  { logger, setCommonHeaders, context, direct }: PostedOperationsOptions<TContext>,
): RequestListener {
  const listener: RequestListener = (request, response) => {
    const url = request.url ?? "/";
    const record = beginRequestRecord(request, response, url, logger);
    setCommonHeaders(request, response, () => void answer(request, response, url, record));
  };

  async function answer(request: IncomingMessage, response: ServerResponse, url: string, record: RequestRecord) {
    let body: unknown;
    try {
      body = await readJsonBody(request);
    } catch (failure) {
      return sendFailureBeforeGraphql(response, record, failure, logger);
    }
    try {
      const query = url.indexOf("?");
      const httpGraphQLRequest = new PostedRequest(request, query === -1 ? "" : url.slice(query), body);
      let makeContext = () => context(request, record);
      const directRequest = direct?.accept(body, request.headers);
      if (directRequest) {
        const made = makeContext();
        // A context that could not be made (no token, say) is Apollo's to answer, from the same failure.
        makeContext = () => made;
        const contextValue = await made.catch(() => undefined);
        const answered = contextValue && (await direct!.run(directRequest, contextValue, httpGraphQLRequest));
        if (answered) return send(response, answered.status, answered.headers, answered.body);
      }
      const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: makeContext });
      if (result.body.kind === "complete") return send(response, result.status, result.headers, result.body.string);
      for (const [name, value] of result.headers) response.setHeader(name, value);
      response.statusCode = result.status ?? 200;
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      if (response.headersSent) response.destroy();
      else sendFailureBeforeGraphql(response, record, error, logger);
    }
  }
  return listener;
}
