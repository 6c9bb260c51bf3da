import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { QueryFailedError } from "typeorm";
import { openDatabase } from "../../src/services/platform/database";
import { newPGlite } from "../../src/services/platform/pglite-instance";
import { PGliteThread } from "../../src/services/platform/pglite-thread";
import { readPgliteImage } from "../support/pglite-image";

// Issue 15 §5: the service runs the embedded database in a thread of its own. Across the threads
// it must answer exactly as PGlite does in the caller's own thread: the same values, the same
// errors with the same codes, notifications, and a directory kept from one start to the next.
describe("the embedded database in its own thread", () => {
  let directory: string;
  let thread: PGliteThread;
  let local: PGlite;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "vcs-pglite-thread-"));
    // A new directory: set up by a process of its own, then opened in the thread.
    thread = PGliteThread.start(join(directory, "db"));
    local = newPGlite("memory://", readPgliteImage());
    await local.waitReady;
  });
  afterAll(async () => {
    await thread.close();
    await local.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("should answer with the values PGlite gives in this thread", async () => {
    const sql = `SELECT $1::int AS n, $2::text AS t, '2026-12-07T10:00:00Z'::timestamptz AS at,
      '\\x01ff'::bytea AS b, '{"a":[1,null]}'::jsonb AS j, 9007199254740993::int8 AS big,
      ARRAY['x','y'] AS arr, NULL::text AS nothing`;
    const params = [7, "seven"];
    const across = await thread.query(sql, params);
    const here = await local.query(sql, params);
    expect(across.rows).toEqual(here.rows);
    expect(across.rows[0]).toMatchObject({ n: 7, t: "seven", j: { a: [1, null] }, arr: ["x", "y"], nothing: null });
    expect((across.rows[0] as { at: Date }).at).toEqual(new Date("2026-12-07T10:00:00Z"));
    expect((across.rows[0] as { b: Uint8Array }).b).toEqual(new Uint8Array([1, 255]));
    expect(across.fields).toEqual(here.fields);
  });

  it("should answer several statements in one string with each one's result, as exec does", async () => {
    const results = await thread.exec(
      "CREATE TEMP TABLE counted (n int); INSERT INTO counted VALUES (1), (2); SELECT sum(n)::int AS s FROM counted",
    );
    expect(results).toHaveLength(3);
    expect(results[1].affectedRows).toBe(2);
    expect(results[2].rows).toEqual([{ s: 3 }]);
  });

  it("should reject a failing statement with PostgreSQL's code and fields, keep its text back, and stay usable", async () => {
    await thread.exec("CREATE TABLE unique_names (name text CONSTRAINT unique_name UNIQUE)");
    await local.exec("CREATE TABLE unique_names (name text CONSTRAINT unique_name UNIQUE)");
    const insert = "INSERT INTO unique_names VALUES ($1), ($1)";
    const across = (await thread.query(insert, ["Ann Victim"]).catch((error: unknown) => error)) as Record<
      string,
      unknown
    >;
    const here = (await local.query(insert, ["Ann Victim"]).catch((error: unknown) => error)) as Record<
      string,
      unknown
    >;
    expect(across).toBeInstanceOf(Error);
    expect(across).toMatchObject({
      code: "23505",
      constraint: "unique_name",
      table: "unique_names",
      severity: "ERROR",
    });
    expect(across.message).toBe(here.message);
    expect(across.name).toBe(here.name);
    // PGlite hangs the statement and its values on the error; they stay in the database's thread.
    expect(here.params).toEqual(["Ann Victim"]);
    expect(across).not.toHaveProperty("query");
    expect(across).not.toHaveProperty("params");
    expect((await thread.query("SELECT count(*)::int AS n FROM unique_names")).rows).toEqual([{ n: 0 }]);
  });

  it("should pass notifications on to a listener until it stops listening", async () => {
    const heard: string[] = [];
    const unlisten = await thread.listen("case_changed", (payload) => heard.push(payload));
    await thread.query("SELECT pg_notify('case_changed', 'first')");
    await thread.query("SELECT pg_notify('other_channel', 'not for us')");
    await unlisten();
    await thread.query("SELECT pg_notify('case_changed', 'after')");
    await thread.query("SELECT 1");
    expect(heard).toEqual(["first"]);
  });

  it("should pass on a commit's notifications together, in one turn of the event loop, as PGlite does here", async () => {
    // Live updates merge the announcements heard in one turn into one event per case.
    const heard: string[] = [];
    let heardByNextTurn!: Promise<string[]>;
    const unlisten = await thread.listen("commit_notes", (payload) => {
      if (heard.push(payload) === 1)
        heardByNextTurn = new Promise((resolve) => setImmediate(() => resolve([...heard])));
    });
    await thread.exec(
      "BEGIN; SELECT pg_notify('commit_notes', 'row'); SELECT pg_notify('commit_notes', 'history'); SELECT pg_notify('commit_notes', 'task'); COMMIT",
    );
    expect(await heardByNextTurn).toEqual(["row", "history", "task"]);
    await unlisten();
  });

  it("should keep what was written for the next start on the same directory", async () => {
    const dataDir = join(directory, "kept");
    const first = PGliteThread.start(dataDir);
    await first.exec("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.close();
    const second = PGliteThread.start(dataDir);
    try {
      expect((await second.query("SELECT note FROM kept")).rows).toEqual([{ note: "still here" }]);
    } finally {
      await second.close();
    }
  });

  it("should refuse every statement once closed", async () => {
    const closing = PGliteThread.start("memory://");
    await closing.query("SELECT 1");
    await closing.close();
    await expect(closing.query("SELECT 1")).rejects.toThrow("the embedded database is closed");
    await expect(closing.listen("case_changed", () => undefined)).rejects.toThrow("the embedded database is closed");
    // Closing twice is harmless.
    await expect(closing.close()).resolves.toBeUndefined();
  });

  it("should fail every statement with a clear error when the directory cannot be set up", async () => {
    const notADirectory = join(directory, "a-file");
    writeFileSync(notADirectory, "not a database");
    const broken = PGliteThread.start(notADirectory);
    await expect(broken.query("SELECT 1")).rejects.toThrow(
      `the embedded database could not be set up in ${notADirectory}`,
    );
    await expect(broken.query("SELECT 1")).rejects.toThrow("could not be set up");
    // Its thread still ends: closing it is not refused.
    await expect(broken.close()).resolves.toBeUndefined();
    await expect(broken.query("SELECT 1")).rejects.toThrow("the embedded database is closed");
  });

  it("should carry PostgreSQL's code through TypeORM, where the service's error handling reads it", async () => {
    const dataSource = await openDatabase({ pgliteDir: join(directory, "typeorm") });
    try {
      const failure = await dataSource.query("SELECT * FROM no_such_table").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe("42P01");
      const [{ cases }] = await dataSource.query(`SELECT count(*)::int AS "cases" FROM "victim_case"`);
      expect(cases).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
