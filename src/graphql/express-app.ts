import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { JWK } from "jose";
import type { Logger } from "../services/platform/logger";
import type { PostedOperationsOptions } from "./posted-operations";
import type { RequestContext } from "./context";
import { LANDING_OPERATION, readExampleOperation } from "./explorer/example-operations";
import { GRAPHIQL_PATH } from "./explorer/graphiql-page";
import { graphiqlRouter } from "./explorer/graphiql-router";
import { rememberPageCaller } from "./explorer/loopback";
import { beginRequestRecord, BODY_LIMIT_BYTES, sendFailureBeforeGraphql, type RequestRecord } from "./request-log";

/*
 * Every request but a JSON POST of an operation (posted-operations.ts) and GET /healthz: GraphQL by
 * GET, CORS preflights, bodies body-parser reads (compressed, chunked, other charsets, too large),
 * the JWKS and the explorers. server.ts loads this module on the first such request: Express and
 * its dependencies were a tenth of a second of every start (issue 15 §5).
 */

// The same headers and context as the direct path, and what only Express serves.
interface ExpressAppOptions extends PostedOperationsOptions<RequestContext> {
  apollo: ApolloServer<RequestContext>;
  sandboxEnabled: boolean;
  mintBrowserToken?: () => Promise<string>;
  publishedJwks?: { keys: JWK[] };
}

function recordOf(response: { locals: Record<string, unknown> }): RequestRecord {
  return response.locals.requestRecord as RequestRecord;
}

// The log line of a request Express serves (posted-operations.ts starts its own).
function requestLogging(logger: Logger): RequestHandler {
  return (request, response, next) => {
    response.locals.requestRecord = beginRequestRecord(request, response, request.originalUrl, logger);
    next();
  };
}

// Body-parser's failures, and any other before GraphQL, as posted-operations.ts answers them.
function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) return next(error);
    sendFailureBeforeGraphql(response, recordOf(response), error, logger);
  };
}

/** @public Required by server.ts on first use, which knip does not follow. */
export function buildExpressApp(options: ExpressAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  // Answers are never cached (no-store), so an ETag would only cost a hash of every body.
  app.set("etag", false);

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
    options.setCommonHeaders,
    express.json({ limit: BODY_LIMIT_BYTES }),
    // The landing page signs in only a browser on this machine.
    rememberPageCaller,
    expressMiddleware(options.apollo, { context: ({ req, res }) => options.context(req, recordOf(res)) }),
  );
  app.use(httpErrorHandler(options.logger));
  return app;
}
