import { randomBytes, randomUUID } from "node:crypto";
import type { DataSource, Logger as TypeOrmLogger, QueryRunner } from "typeorm";
import { createRequestContext } from "../../src/server";
import { openDatabase } from "../../src/services/platform/database";
import { readConnection } from "../../src/services/platform/read-connection";
import { Role } from "../../src/domain/security/role.enum";
import { createOffender, referCase, SEND_INVITATION } from "../support/api";
import {
  ENGINES,
  startHarness,
  withClient,
  type GraphQLResult,
  type Harness,
  type JsonObject,
} from "../support/harness";

// Issue 15 §6: with DATABASE_READ_URL the analysts' aggregates and the caseload list read from a
// replica, everything else from the primary. This machine has no streaming replica, so the
// "replica" is the same database reached as a role of its own that may only read, in read-only
// sessions: a statement it runs can be told apart, and a write sent to it fails.

const CASES = `query ($first: Int) { victimCases(first: $first) { totalCount nodes { reference status offender { name } lastTransition { event } } } }`;
const CASES_WITH_CONTACTS = `{ victimCases(first: 10) { nodes { reference contacts { name } } } }`;
const STATISTICS = `{ statistics { referrals invitations overdueTasks timeInStatus { status days { count } } } }`;
const CASE_STATISTICS = `{ caseStatistics { totalCount byStatus { status count } } }`;

/** Each statement TypeORM sends, with the role of the connection it went on. */
class StatementsByRole implements TypeOrmLogger {
  statements: { sql: string; role: string }[] = [];
  logQuery(query: string, _parameters?: unknown, queryRunner?: QueryRunner): void {
    const connection = (queryRunner as { databaseConnection?: { user?: string } } | undefined)?.databaseConnection;
    this.statements.push({ sql: query, role: connection?.user ?? "?" });
  }
  by(role: string): string[] {
    return this.statements.filter((statement) => statement.role === role).map((statement) => statement.sql);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function someCases(h: Harness, count: number): Promise<string[]> {
  const offender = await createOffender(h);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await referCase(h, offender.id)).id);
  return ids;
}

describe.each(ENGINES)("without DATABASE_READ_URL (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => h?.close());

  it("should read the caseload and the statistics on the service's one connection, as before", async () => {
    expect(readConnection(h.dataSource)).toBe(h.dataSource);
    await someCases(h, 2);
    h.statements.reset();
    const cases = await h.run<{ victimCases: { totalCount: number } }>(CASES, { first: 5 });
    expect(cases.errors).toBeUndefined();
    expect(cases.data!.victimCases.totalCount).toBe(2);
    expect(h.statements.count).toBe(1);
    const statistics = await h.run<{ statistics: { referrals: number }[] }>(STATISTICS);
    expect(statistics.errors).toBeUndefined();
    expect(statistics.data!.statistics.map((group) => group.referrals)).toEqual([2]);
    const counts = await h.run<{ caseStatistics: { totalCount: number } }>(CASE_STATISTICS);
    expect(counts.data!.caseStatistics.totalCount).toBe(2);
  });
});

if (process.env.TEST_DATABASE_URL)
  describe("with DATABASE_READ_URL (postgres)", () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const reader = `vcs_reader_${randomBytes(4).toString("hex")}`;
    let h: Harness;
    let replicated: DataSource;
    let primaryRole: string;
    let databaseName: string;
    const log = new StatementsByRole();

    /** Runs an operation as test.officer on the DataSource built with the replica, as an instance would. */
    async function run<T = JsonObject>(
      query: string,
      variables?: Record<string, unknown>,
      correlationId = randomUUID(),
    ): Promise<GraphQLResult<T>> {
      const caller = { kind: "USER" as const, username: "test.officer", roles: [Role.VLO, Role.MANAGER] };
      const contextValue = await createRequestContext(replicated, caller, { correlationId });
      const response = await h.server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return response.body.singleResult as GraphQLResult<T>;
    }
    /** The harness, but every request runs on the replicated DataSource (the feed's offenders excepted). */
    const onReplicated = (): Harness => ({
      ...h,
      dataSource: replicated,
      run: (query, variables, as) =>
        as === undefined && !query.includes("createOffender") ? run(query, variables) : h.run(query, variables, as),
    });

    beforeAll(async () => {
      h = await startHarness("postgres");
      const primaryUrl = new URL(String((h.dataSource.options as { url: string }).url));
      const ownerUrl = String(((await h.owner()).options as { url: string }).url);
      primaryRole = decodeURIComponent(primaryUrl.username);
      databaseName = primaryUrl.pathname.slice(1);
      const databaseAdminUrl = new URL(adminUrl);
      databaseAdminUrl.pathname = `/${databaseName}`;
      await withClient(databaseAdminUrl.toString(), async (client) => {
        await client.query(`CREATE ROLE ${reader} LOGIN`);
        await client.query(`ALTER ROLE ${reader} SET default_transaction_read_only = on`);
        await client.query(`GRANT USAGE ON SCHEMA public TO ${reader}`);
        await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader}`);
      });
      const readerUrl = new URL(primaryUrl);
      readerUrl.username = reader;
      readerUrl.searchParams.set("application_name", "vcs-replica");
      replicated = await openDatabase({
        databaseUrl: primaryUrl.toString(),
        migrationDatabaseUrl: ownerUrl,
        readDatabaseUrl: readerUrl.toString(),
        logger: log,
        poolSize: 4,
      });
      await h.run("{ __typename }"); // registers test.officer
    });

    afterAll(async () => {
      await replicated?.destroy();
      await h?.close();
      await withClient(adminUrl, (client) => client.query(`DROP ROLE IF EXISTS ${reader}`));
    });

    it("should send what readConnection runs to the replica, which refuses writes, and everything else to the primary", async () => {
      const role = async (db: { query(sql: string): Promise<unknown> }) =>
        ((await db.query(`SELECT current_user AS "role"`)) as { role: string }[])[0].role;
      expect(await role(readConnection(replicated))).toBe(reader);
      expect(await role(replicated)).toBe(primaryRole);
      expect(await role(replicated.manager)).toBe(primaryRole);
      await expect(
        readConnection(replicated).query(`INSERT INTO "officer" ("username", "name") VALUES ('replica.write', 'x')`),
      ).rejects.toMatchObject({ driverError: { code: "25006" } }); // read_only_sql_transaction
      // LISTEN (live updates) and the primary's URL: options.url stays the primary's.
      expect(new URL(String((replicated.options as { url: string }).url)).username).toBe(primaryRole);
    });

    it("should run mutations on the primary only, the replica's role being read-only", async () => {
      const r = onReplicated();
      log.statements = [];
      const [caseId] = await someCases(r, 3);
      const invited = await r.run<{ sendInvitation: { userErrors: unknown[]; victimCase: { status: string } } }>(
        SEND_INVITATION,
        { input: { caseId, channel: "LETTER" } },
      );
      expect(invited.errors).toBeUndefined();
      expect(invited.data!.sendInvitation).toMatchObject({ userErrors: [], victimCase: { status: "INVITED" } });
      expect(log.by(primaryRole).length).toBeGreaterThan(0);
      expect(log.by(reader)).toEqual([]);
    });

    it("should read victimCases on the replica, in one statement", async () => {
      log.statements = [];
      const result = await run<{ victimCases: { totalCount: number; nodes: { status: string }[] } }>(CASES, {
        first: 2,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.victimCases.totalCount).toBe(3);
      expect(result.data!.victimCases.nodes).toHaveLength(2);
      const onReplica = log.by(reader);
      expect(onReplica).toHaveLength(1);
      expect(onReplica[0]).toContain(`"totalCount"`);
      expect(log.by(primaryRole).filter((sql) => sql.includes(`"victim_case"`))).toEqual([]);
      // PostgreSQL's own word: the reader's session ran it, under the replica's application name.
      const sessions = await withClient(adminUrl, async (client) => {
        const { rows } = await client.query<{ query: string; application_name: string }>(
          `SELECT query, application_name FROM pg_stat_activity WHERE usename = $1 AND datname = $2`,
          [reader, databaseName],
        );
        return rows;
      });
      expect(sessions.some((session) => session.query.includes(`"totalCount"`))).toBe(true);
      expect(new Set(sessions.map((session) => session.application_name))).toEqual(new Set(["vcs-replica"]));
    });

    it("should read the statistics on the replica, one statement per family asked for", async () => {
      log.statements = [];
      const statistics = await run<{ statistics: { referrals: number; invitations: number }[] }>(STATISTICS);
      expect(statistics.errors).toBeUndefined();
      expect(statistics.data!.statistics).toMatchObject([{ referrals: 3, invitations: 1 }]);
      // FUNNEL, OVERDUE_TASKS and STATUS_DURATIONS.
      expect(log.by(reader)).toHaveLength(3);
      expect(log.by(primaryRole).filter((sql) => sql.includes(`"case_transition"`))).toEqual([]);

      log.statements = [];
      const counts = await run<{ caseStatistics: { totalCount: number } }>(CASE_STATISTICS);
      expect(counts.errors).toBeUndefined();
      expect(counts.data!.caseStatistics.totalCount).toBe(3);
      expect(log.by(reader)).toHaveLength(1);
      expect(log.by(reader)[0]).toContain("GROUP BY");
    });

    it("should write the access-log row of personal data read from a replica list on the primary", async () => {
      const correlationId = randomUUID();
      log.statements = [];
      const result = await run<{ victimCases: { nodes: { contacts: { name: string }[] }[] } }>(
        CASES_WITH_CONTACTS,
        undefined,
        correlationId,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.victimCases.nodes.every((node) => node.contacts.length > 0)).toBe(true);
      expect(log.by(primaryRole).some((sql) => sql.startsWith(`INSERT INTO "access_log"`))).toBe(true);
      const [row] = (await h.dataSource.query(
        `SELECT count(*)::int AS "n" FROM "access_log" WHERE "correlation_id" = $1 AND "action" = 'READ'`,
        [correlationId],
      )) as { n: number }[];
      expect(row.n).toBeGreaterThan(0);
    });
  });
