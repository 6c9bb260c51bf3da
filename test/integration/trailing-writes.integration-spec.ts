import { randomUUID } from "node:crypto";
import type { EntityManager, QueryRunner } from "typeorm";
import {
  batchingTrailingWrites,
  writeLater,
  writeLaterAndRead,
  type TrailingWrite,
} from "../../src/services/platform/trailing-writes";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// The trailing writes of a command (issue 15 §2) must keep the transaction's meaning: every write
// is made, in order, before anything reads after it, and nothing waits past the transaction.

const TIMER = `INSERT INTO "timer" ("kind", "subject_id", "due_on") VALUES ($1, $2, $3)`;

function timer(subjectId: string, dueOn = "2030-01-01"): TrailingWrite {
  return { sql: TIMER, values: ["ANNUAL_LETTER", subjectId, dueOn], tables: ["timer"] };
}

function logRow(correlationId: string): TrailingWrite {
  return {
    sql: `INSERT INTO "access_log" ("actor", "roles", "action", "operation", "case_id", "fields", "purpose", "correlation_id") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    values: ["trailing.test", "[]", "CHANGE", "probe", null, "[]", "CASE_WORK", correlationId],
    tables: ["access_log"],
  };
}

describe.each(ENGINES)("trailing writes (%s)", (engine) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(engine);
  }, 120_000);

  afterAll(async () => {
    await h.close();
  });

  async function timersOf(subjectId: string): Promise<{ due_on: string; status: string }[]> {
    return (await h.dataSource.query(
      `SELECT "due_on"::text AS "due_on", "status" FROM "timer" WHERE "subject_id" = $1 ORDER BY "due_on"`,
      [subjectId],
    )) as { due_on: string; status: string }[];
  }

  async function logged(correlationId: string): Promise<number> {
    const [row] = (await h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "access_log" WHERE "correlation_id" = $1`,
      [correlationId],
    )) as { n: number }[];
    return row.n;
  }

  function inBatch<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return h.dataSource.transaction((manager) => batchingTrailingWrites(manager, () => work(manager)));
  }

  it("should send writes to different tables as one statement at the end of the work", async () => {
    const subject = randomUUID();
    const correlation = randomUUID();
    h.statements.reset();

    await inBatch(async (manager) => {
      await writeLater(manager, timer(subject));
      await writeLater(manager, logRow(correlation));
    });

    const sent = h.statements.statements.filter((sql) => !/^(START|COMMIT)/.test(sql.trim()));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`INSERT INTO "timer"`);
    expect(sent[0]).toContain(`INSERT INTO "access_log"`);
    expect(await timersOf(subject)).toEqual([{ due_on: "2030-01-01", status: "PENDING" }]);
    expect(await logged(correlation)).toBe(1);
  });

  it("should send what waits before any other statement, so the statement sees it", async () => {
    const subject = randomUUID();
    const seen = await inBatch(async (manager) => {
      await writeLater(manager, timer(subject));
      return (await manager.query(`SELECT count(*)::int AS "n" FROM "timer" WHERE "subject_id" = $1`, [subject])) as {
        n: number;
      }[];
    });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it("should send a waiting write first when the next touches the same table, so the second sees the first", async () => {
    const subject = randomUUID();
    h.statements.reset();

    await inBatch(async (manager) => {
      await writeLater(manager, timer(subject));
      await writeLater(manager, {
        sql: `UPDATE "timer" SET "status" = 'SKIPPED' WHERE "subject_id" = $1`,
        values: [subject],
        tables: ["timer"],
      });
    });

    expect(h.statements.statements.filter((sql) => sql.includes(`"timer"`))).toHaveLength(2);
    expect(await timersOf(subject)).toEqual([{ due_on: "2030-01-01", status: "SKIPPED" }]);
  });

  it("should give a reader its write's rows once sent, with the other writes of the statement", async () => {
    const subject = randomUUID();
    const correlation = randomUUID();
    let read: { subject_id: string }[] | undefined;

    await inBatch(async (manager) => {
      await writeLaterAndRead<{ subject_id: string }>(
        manager,
        { ...timer(subject), sql: `${TIMER} RETURNING "subject_id"` },
        (rows) => (read = rows),
      );
      expect(read).toBeUndefined();
      await writeLater(manager, logRow(correlation));
    });

    expect(read).toEqual([{ subject_id: subject }]);
    expect(await logged(correlation)).toBe(1);
  });

  it("should write nothing when the reader refuses what came back: the transaction rolls back", async () => {
    const subject = randomUUID();
    const correlation = randomUUID();

    await expect(
      inBatch(async (manager) => {
        await writeLater(manager, logRow(correlation));
        await writeLaterAndRead(manager, { ...timer(subject), sql: `${TIMER} RETURNING "id"` }, () => {
          throw new Error("refused");
        });
      }),
    ).rejects.toThrow("refused");

    expect(await timersOf(subject)).toEqual([]);
    expect(await logged(correlation)).toBe(0);
  });

  it("should send nothing that waits when the work fails", async () => {
    const subject = randomUUID();
    h.statements.reset();

    await expect(
      inBatch(async (manager) => {
        await writeLater(manager, timer(subject));
        throw new Error("the command failed");
      }),
    ).rejects.toThrow("the command failed");

    expect(h.statements.statements.filter((sql) => sql.includes(`"timer"`))).toEqual([]);
    expect(await timersOf(subject)).toEqual([]);
  });

  it("should send at once outside a batching command, and leave the query runner as it found it", async () => {
    const subject = randomUUID();
    await h.dataSource.transaction(async (manager) => {
      await inBatchOn(manager);
      await writeLater(manager, timer(subject));
      const [row] = (await manager.query(`SELECT count(*)::int AS "n" FROM "timer" WHERE "subject_id" = $1`, [
        subject,
      ])) as { n: number }[];
      expect(row.n).toBe(1);
      // Its own method again, not the batch's interceptor.
      const runner = manager.queryRunner!;
      expect(runner.query).toBe((Object.getPrototypeOf(runner) as QueryRunner).query);
    });
  });

  async function inBatchOn(manager: EntityManager): Promise<void> {
    await batchingTrailingWrites(manager, async () => undefined);
  }
});
