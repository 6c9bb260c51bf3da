import { randomBytes } from "node:crypto";
import { DatabaseError, Query, type QueryResult } from "pg";
import type { DataSource } from "typeorm";
import { CallbackQueryClient } from "../../src/services/platform/callback-query-client";
import { createDataSource } from "../../src/services/platform/database";
import { withClient } from "../support/harness";

// Issue 15: the PostgreSQL engine's connections answer node-postgres's promise form through its
// callback form, which kept a page's rows out of the old generation. Whatever the form, the
// answers and the errors must be node-postgres's own.
if (process.env.TEST_DATABASE_URL)
  describe("the PostgreSQL engine's client (postgres)", () => {
    const url = process.env.TEST_DATABASE_URL!;
    let client: CallbackQueryClient;
    beforeAll(async () => {
      client = new CallbackQueryClient({ connectionString: url });
      await client.connect();
    });
    afterAll(() => client.end());

    it("should answer the promise form with node-postgres's result", async () => {
      const result = await client.query("SELECT $1::int AS n, $2::text AS t", [7, "seven"]);
      expect(result.rows).toEqual([{ n: 7, t: "seven" }]);
      expect(result.command).toBe("SELECT");
      expect(result.fields.map((field) => field.name)).toEqual(["n", "t"]);
    });

    it("should answer a query config object, and one without values", async () => {
      expect((await client.query({ text: "SELECT $1::int AS n", values: [3] })).rows).toEqual([{ n: 3 }]);
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });

    it("should reject a failing statement with PostgreSQL's error, and stay usable", async () => {
      const failure = await client.query("SELECT * FROM no_such_table").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DatabaseError);
      expect((failure as DatabaseError).code).toBe("42P01");
      expect((await client.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    });

    it("should reject a statement sent more values than it has parameters, as PostgreSQL does", async () => {
      const failure = await client.query("SELECT $1::int AS n", [7, 8]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DatabaseError);
      expect((failure as DatabaseError).code).toBe("08P01");
    });

    it("should leave the callback form and a caller's own Query object to node-postgres", async () => {
      const viaCallback = await new Promise<QueryResult>((resolve, reject) =>
        client.query("SELECT 5 AS five", (error, result) => (error ? reject(error) : resolve(result))),
      );
      expect(viaCallback.rows).toEqual([{ five: 5 }]);
      const rows: unknown[] = [];
      const query = new Query("SELECT 6 AS six");
      query.on("row", (row: unknown) => rows.push(row));
      const ended = new Promise((resolve) => query.on("end", resolve));
      expect(client.query(query)).toBe(query);
      await ended;
      expect(rows).toEqual([{ six: 6 }]);
    });

    describe("in the service's DataSource", () => {
      const database = `vcs_client_${randomBytes(4).toString("hex")}`;
      let dataSource: DataSource;
      beforeAll(async () => {
        await withClient(url, (admin) => admin.query(`CREATE DATABASE "${database}"`));
        const own = new URL(url);
        own.pathname = `/${database}`;
        dataSource = await createDataSource({ databaseUrl: own.toString(), poolSize: 2 }).initialize();
      });
      afterAll(async () => {
        await dataSource?.destroy();
        await withClient(url, (admin) => admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      });

      it("should run TypeORM's statements on it", async () => {
        const runner = dataSource.createQueryRunner();
        try {
          await runner.connect();
          expect((runner as unknown as { databaseConnection: unknown }).databaseConnection).toBeInstanceOf(
            CallbackQueryClient,
          );
          expect(await runner.query("SELECT 4 AS four")).toEqual([{ four: 4 }]);
        } finally {
          await runner.release();
        }
      });
    });
  });
