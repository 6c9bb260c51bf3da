import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type Express } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { JWK } from "jose";
import type { DataSource } from "typeorm";
import type { RequestContext } from "./resolvers/context";
import { OfficerEntity } from "./entities/officer.entity";
import { AccessControl } from "./services/access-control";
import { formatError } from "./services/error-formatting";
import { actorOf, AuthenticationFailure, bearerToken, type Caller, type TokenVerifier } from "./services/identity";
import { createLoaders } from "./services/loaders";
import type { Logger } from "./services/logger";
import { buildAppSchema } from "./schema/build-schema";

export interface ServerOptions {
  dataSource: DataSource;
  logger: Logger;
  /** Introspection and the Sandbox landing page. */
  sandboxEnabled: boolean;
  verifyToken: TokenVerifier;
  /** Development: a token the Sandbox page starts with, and the JWKS to publish. */
  sandboxToken?: string;
  publishedJwks?: { keys: JWK[] };
}

/** The context of one request for a verified caller (tests build it directly). */
export async function createRequestContext(dataSource: DataSource, caller: Caller, correlationId: string = randomUUID(), purpose = DEFAULT_PURPOSE): Promise<RequestContext> {
  const officer = caller.kind === "USER" ? await dataSource.manager.findOneBy(OfficerEntity, { username: caller.username }) : null;
  const access = new AccessControl(caller, officer);
  return { dataSource, loaders: createLoaders(dataSource, access), access, actor: actorOf(caller), correlationId, purpose };
}

export const DEFAULT_PURPOSE = "CASE_WORK";
const PURPOSE = /^[A-Z][A-Z0-9_]{1,39}$/;

function unauthenticated(): GraphQLError {
  return new GraphQLError("A valid bearer token is required.", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
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
          response.body.singleResult.errors = errors.map((error) => ({ ...error, extensions: { ...error.extensions, correlationId: contextValue.correlationId } }));
        },
      };
    },
  };
}

export async function createApolloServer(options: Pick<ServerOptions, "logger" | "sandboxEnabled" | "sandboxToken">, schema?: GraphQLSchema): Promise<ApolloServer<RequestContext>> {
  return new ApolloServer<RequestContext>({
    schema: schema ?? (await buildAppSchema()),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: options.sandboxEnabled,
    // No "did you mean" field suggestions where the schema is not public.
    hideSchemaDetailsFromClientErrors: !options.sandboxEnabled,
    plugins: [
      correlationPlugin(options.logger),
      options.sandboxEnabled
        ? ApolloServerPluginLandingPageLocalDefault({
            embed: options.sandboxToken ? { initialState: { sharedHeaders: { Authorization: `Bearer ${options.sandboxToken}` } } } : true,
            includeCookies: false,
          })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

export async function createApp(options: ServerOptions): Promise<{ app: Express; apollo: ApolloServer<RequestContext> }> {
  const apollo = await createApolloServer(options);
  await apollo.start();
  const app = express();
  app.disable("x-powered-by");

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

  app.use(
    ["/", "/graphql"],
    cors<cors.CorsRequest>(),
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const supplied = req.header("x-correlation-id");
        const correlationId = supplied && /^[A-Za-z0-9-]{8,64}$/.test(supplied) ? supplied : randomUUID();
        const token = bearerToken(req.header("authorization"));
        if (!token) throw unauthenticated();
        let caller: Caller;
        try {
          caller = await options.verifyToken(token);
        } catch (error) {
          if (error instanceof AuthenticationFailure) throw unauthenticated();
          throw error;
        }
        const purpose = req.header("x-access-purpose")?.trim() || DEFAULT_PURPOSE;
        if (!PURPOSE.test(purpose)) throw new GraphQLError("x-access-purpose must be an upper-case code such as CASE_WORK.", { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
        return createRequestContext(options.dataSource, caller, correlationId, purpose);
      },
    }),
  );
  return { app, apollo };
}
