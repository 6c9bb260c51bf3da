import "reflect-metadata";
import { randomBytes } from "node:crypto";
import type { ApolloServer } from "@apollo/server";
import { Kind, parse, type GraphQLFormattedError } from "graphql";
import { Client } from "pg";
import type { DataSource, Logger as TypeOrmLogger } from "typeorm";
import type { RequestContext } from "../../src/graphql/context";
import { createApolloServer, createRequestContext } from "../../src/server";
import { LiveUpdates } from "../../src/services/platform/live-updates";
import { OfficerDirectory } from "../../src/services/security/officer-directory";
import { createDataSource, openDatabase } from "../../src/services/platform/database";
import { configureFieldEncryption } from "../../src/entities/field-encryption.transformer";
import { createLogger, type Logger } from "../../src/services/platform/logger";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import type { Caller } from "../../src/services/security/identity";
import { CANARY_EMAIL_LOCAL_PART, CANARY_NAME, markCanaryScanExpected, recordForCanaryScan } from "./canary";
import { readPgliteImage } from "./pglite-image";

export type Engine = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** Counts the SQL statements TypeORM sends, to show a query's cost does not grow with its size. */
class StatementCounter implements TypeOrmLogger {
  statements: string[] = [];
  /** While true, the harness's own checks are not counted. */
  paused = false;
  get count(): number {
    return this.statements.length;
  }
  reset(): void {
    this.statements = [];
  }
  logQuery(query: string): void {
    if (!this.paused) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** A value of a GraphQL response: JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A response; `T` is the shape of `data` the test reads (by default, nothing is known of it). */
export interface GraphQLResult<T = unknown> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Who a test acts as: a user name (a North East officer with case work and management roles; the
 * custody feed's operations it sends as the feed, `system:custody-feed`), or exactly this.
 */
export type TestCaller = string | { caller: Caller; region?: Region | null };

const TEST_REGION = Region.NORTH_EAST;
const ALL_TEST_ROLES = [Role.VLO, Role.MANAGER];
/** The custody feed's operations: only a client-credentials caller may send them (POLICY's `caller`). */
const FEED_OPERATIONS = new Set([
  "createOffender",
  "recordCustodyEvent",
  "recordKeyDates",
  "scheduleParoleHearing",
  "recordParoleDecision",
]);
const TEST_FEED: Caller = { kind: "SYSTEM", clientId: "custody-feed", roles: [Role.CUSTODY_FEED] };

/** Whether every root field of the operation is one of the feed's. */
function isFeedOperation(query: string): boolean {
  const fields = parse(query).definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? definition.selectionSet.selections.flatMap((selection) =>
          selection.kind === Kind.FIELD ? [selection.name.value] : [],
        )
      : [],
  );
  return fields.length > 0 && fields.every((field) => FEED_OPERATIONS.has(field));
}

export function asUser(username: string, roles: Role[], region: Region | null = TEST_REGION): TestCaller {
  return { caller: { kind: "USER", username, roles }, region };
}

export function asSystem(clientId: string, roles: Role[]): TestCaller {
  return { caller: { kind: "SYSTEM", clientId, roles } };
}

export interface Harness {
  engine: Engine;
  /** The service's own connection: on PostgreSQL the runtime role, which owns nothing. */
  dataSource: DataSource;
  /** The tables' owner (to migrate, or break the schema on purpose); on PGlite, the one connection. */
  owner(): Promise<DataSource>;
  /** The data key this harness seals personal data with. */
  dataKey: Buffer;
  server: ApolloServer<RequestContext>;
  statements: StatementCounter;
  logLines: string[];
  run<T = JsonObject>(query: string, variables?: Record<string, unknown>, as?: TestCaller): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

// Each harness has its own database: a PGlite in memory, or a new PostgreSQL database dropped on close.
export async function startHarness(engine: Engine): Promise<Harness> {
  markCanaryScanExpected();
  const dataKey = randomBytes(32);
  configureFieldEncryption(dataKey);
  const statements = new StatementCounter();
  let dropDatabase: () => Promise<void> = async () => {};
  let dataSource: DataSource;
  // PGlite has one role; on PostgreSQL the owner's connection opens when a test first asks for it.
  let owner: () => Promise<DataSource> = async () => dataSource;
  let closeOwner: () => Promise<void> = async () => {};
  if (engine === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `vcs_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const ownerUrl = new URL(adminUrl);
    ownerUrl.pathname = `/${name}`;
    // As in production: the owner migrates, and the service runs as a role that owns nothing.
    dataSource = await openDatabase({
      databaseUrl: (await runtimeUrlFor(ownerUrl)).toString(),
      migrationDatabaseUrl: ownerUrl.toString(),
      logger: statements,
      poolSize: 25,
    });
    let ownerSource: Promise<DataSource> | null = null;
    owner = () => (ownerSource ??= createDataSource({ databaseUrl: ownerUrl.toString(), poolSize: 2 }).initialize());
    closeOwner = async () => void (ownerSource && (await (await ownerSource).destroy()));
    dropDatabase = () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      );
  } else {
    dataSource = await openDatabase({ pgliteDir: "memory://", pgliteImage: readPgliteImage(), logger: statements });
  }
  const logLines: string[] = [];
  const logger: Logger = createLogger("debug", (line) => {
    logLines.push(line);
    recordForCanaryScan("log", line);
  });
  const server = await createApolloServer({ logger, sandboxEnabled: true });
  await server.start();
  // As an instance does: officer records kept while their changes are heard, so a test's requests
  // cost what a running service's do (the first request of each user looks them up).
  const officers = new OfficerDirectory(dataSource);
  const liveUpdates = await LiveUpdates.start(dataSource, {
    databaseUrl: (dataSource.options as { url?: string }).url ?? null,
    logger: createLogger("silent"),
    officers,
  });
  const registered = new Set<string>();
  // Users are registered as officers on first use, as an administrator would have done.
  async function callerFor(as: TestCaller, query: string): Promise<Caller> {
    if (typeof as === "string" && isFeedOperation(query)) return TEST_FEED;
    const { caller, region } =
      typeof as === "string"
        ? { caller: { kind: "USER" as const, username: as, roles: ALL_TEST_ROLES }, region: TEST_REGION }
        : as;
    if (caller.kind === "USER" && !registered.has(caller.username)) {
      await dataSource.query(
        `INSERT INTO "officer" ("username", "name", "region") VALUES ($1, $1, $2) ON CONFLICT ("username") DO NOTHING`,
        [caller.username, region ?? null],
      );
      registered.add(caller.username);
    }
    return caller;
  }
  statements.reset();
  // Access-log completeness, for every request of every test: a response that carries the canary
  // victim's details must have its READ row under the request's correlation id.
  async function expectReadLogged(result: GraphQLResult, correlationId: string): Promise<void> {
    const data = JSON.stringify(result.data ?? null);
    if (!data.includes(CANARY_NAME) && !data.includes(CANARY_EMAIL_LOCAL_PART)) return;
    statements.paused = true;
    try {
      const [row] = (await dataSource.query(
        `SELECT count(*)::int AS "n" FROM "access_log" WHERE "correlation_id" = $1 AND "action" = 'READ'`,
        [correlationId],
      )) as { n: number }[];
      if (row.n === 0)
        throw new Error(`personal data was returned without an access-log row (correlation id ${correlationId})`);
    } finally {
      statements.paused = false;
    }
  }

  return {
    engine,
    dataSource,
    owner: () => owner(),
    dataKey,
    server,
    statements,
    logLines,
    async run<T>(query: string, variables?: Record<string, unknown>, as: TestCaller = "test.officer") {
      const caller = await callerFor(as, query);
      const contextValue = await createRequestContext(dataSource, caller, { officers });
      const response = await server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      const result = response.body.singleResult as GraphQLResult<JsonObject>;
      await expectReadLogged(result, contextValue.correlationId);
      if (result.errors) recordForCanaryScan("errors", JSON.stringify(result.errors));
      for (const payload of Object.values(result.data ?? {})) {
        if (payload && typeof payload === "object" && "userErrors" in payload)
          recordForCanaryScan("errors", JSON.stringify(payload.userErrors));
      }
      // `T` is the caller's word for the shape of `data`, as with any typed GraphQL client.
      return result as GraphQLResult<T>;
    },
    async close() {
      await liveUpdates.stop();
      await server.stop();
      await closeOwner();
      await dataSource.destroy();
      await dropDatabase();
    },
  };
}

/** The login role the PostgreSQL suite runs the service as: a member of the migrations' vcs_runtime. */
export const TEST_RUNTIME_ROLE = "vcs_test_runtime";

// Roles belong to the whole server and test files start in parallel: made once, under a lock.
async function runtimeUrlFor(ownerUrl: URL): Promise<URL> {
  await withClient(process.env.TEST_DATABASE_URL!, async (client) => {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('vcs test roles'))");
    const { rows } = await client.query<{ rolname: string }>(
      "SELECT rolname FROM pg_roles WHERE rolname IN ('vcs_runtime', $1)",
      [TEST_RUNTIME_ROLE],
    );
    const existing = new Set(rows.map((row) => row.rolname));
    if (!existing.has("vcs_runtime")) await client.query("CREATE ROLE vcs_runtime NOLOGIN");
    if (!existing.has(TEST_RUNTIME_ROLE))
      await client.query(`CREATE ROLE ${TEST_RUNTIME_ROLE} LOGIN IN ROLE vcs_runtime`);
    await client.query("COMMIT");
  });
  const url = new URL(ownerUrl);
  url.username = TEST_RUNTIME_ROLE;
  url.password = "";
  return url;
}

/** One plain connection for administration (creating and dropping test databases). */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
