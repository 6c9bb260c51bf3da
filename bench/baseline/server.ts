import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { execute, GraphQLError, parse, validate, type DocumentNode } from "graphql";
import type { JWK } from "jose";
import { Pool } from "pg";
import { configureFieldEncryption } from "../../src/entities/field-encryption.transformer";
import { findOfficer } from "./officer-lookup";
import { baselineRoot, baselineSchema } from "./schema";
import { createTokenCheck, TokenRefused } from "./token-check";

/*
 * The raw baseline the bench measures the service against: node:http, graphql-js and one pg pool,
 * doing per request the work the service does for the four workloads (token check, officer
 * lookup, the same statements, decryption and access-log rows) and nothing else. Configured like
 * the service: PORT, DATABASE_URL, DATA_ENCRYPTION_KEY (hex) and AUTH_DEV_KEY_DIR (the
 * development issuer's key, whose public half checks tokens).
 */

const BODY_LIMIT_BYTES = 100 * 1024;
const DEVELOPMENT_ISSUER = "vcs-development";

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`baseline: ${name} is required\n`);
    process.exit(2);
  }
  return value;
}

// The public half of the development issuer's key, as the service publishes it.
function publicJwks(keyDir: string): { keys: JWK[] } {
  const { d: _private, ...publicJwk } = JSON.parse(readFileSync(join(keyDir, "signing-key.jwk.json"), "utf8")) as JWK;
  return { keys: [{ ...publicJwk, use: "sig" }] };
}

configureFieldEncryption(Buffer.from(requiredEnv("DATA_ENCRYPTION_KEY"), "hex"));
const checkToken = createTokenCheck(DEVELOPMENT_ISSUER, publicJwks(requiredEnv("AUTH_DEV_KEY_DIR")));
// The service's pool: ten connections, JIT off and 64 MB per sort (src/services/platform/database.ts).
const pool = new Pool({
  connectionString: requiredEnv("DATABASE_URL"),
  max: 10,
  options: "-c jit=off -c work_mem=64MB",
  application_name: "vcs-bench-baseline",
});
pool.on("error", () => undefined);

// Parsed and validated once per document text, as Apollo keeps them.
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
function documentOf(query: string): DocumentNode | readonly GraphQLError[] {
  let known = documents.get(query);
  if (!known) {
    try {
      const document = parse(query);
      const errors = validate(baselineSchema, document);
      known = errors.length > 0 ? errors : document;
    } catch (error) {
      known = [error instanceof GraphQLError ? error : new GraphQLError("The document could not be parsed.")];
    }
    documents.set(query, known);
  }
  return known;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function answerGraphql(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "");
  let holder;
  try {
    if (!match) throw new TokenRefused("no bearer token");
    holder = await checkToken(match[1]);
  } catch (error) {
    if (!(error instanceof TokenRefused)) throw error;
    return send(response, 401, { errors: [{ message: "A valid bearer token is required." }] });
  }
  const text = await readBody(request);
  if (text === null) return send(response, 413, { errors: [{ message: "The request body is too large." }] });
  let body: { query?: unknown; variables?: Record<string, unknown> | null };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return send(response, 400, { errors: [{ message: "The request body is not valid JSON." }] });
  }
  if (typeof body.query !== "string") return send(response, 400, { errors: [{ message: "No query." }] });
  const document = documentOf(body.query);
  if (!("kind" in document)) return send(response, 400, { errors: document.map((error) => error.toJSON()) });
  const officer = await findOfficer(pool, holder.username);
  if (!officer) return send(response, 403, { errors: [{ message: "No officer record for this user." }] });
  const context = { pool, username: holder.username, roles: holder.roles, officer, correlationId: randomUUID() };
  const result = await execute({
    schema: baselineSchema,
    document,
    rootValue: baselineRoot,
    contextValue: context,
    variableValues: body.variables ?? {},
  });
  // A failure inside a resolver is named by its class only: its message could carry SQL.
  const errors = result.errors?.map((error) => {
    if (!error.originalError) return error.toJSON();
    process.stderr.write(`baseline: ${error.originalError.name} at ${error.path?.join(".")}\n`);
    return { message: "Internal server error", path: error.path };
  });
  send(response, 200, errors ? { data: result.data, errors } : { data: result.data });
}

const server = createServer((request, response) => {
  const path = request.url?.split("?")[0];
  const answer =
    request.method === "GET" && path === "/healthz"
      ? pool.query("SELECT 1").then(() => send(response, 200, { status: "ok" }))
      : request.method === "POST" && path === "/graphql"
        ? answerGraphql(request, response)
        : Promise.resolve(send(response, 404, { errors: [{ message: "Not found." }] }));
  answer.catch((error: unknown) => {
    process.stderr.write(`baseline: request failed: ${error instanceof Error ? error.name : typeof error}\n`);
    if (!response.headersSent) send(response, 500, { errors: [{ message: "Internal server error" }] });
  });
});

server.listen(Number(requiredEnv("PORT")), "127.0.0.1");
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
});
