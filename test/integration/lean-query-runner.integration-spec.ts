import { randomUUID } from "node:crypto";
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  type EntitySubscriberInterface,
  type QueryRunner,
} from "typeorm";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 15: the service's query runners send statements and transactions without TypeORM's
// broadcasts to subscribers, which it has none of. Everything else a caller sees must be TypeORM's.

const TIMER = `INSERT INTO "timer" ("kind", "subject_id", "due_on") VALUES ($1, $2, $3) RETURNING "subject_id"`;

describe.each(ENGINES)("the service's query runners (%s)", (engine) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(engine);
  }, 120_000);

  afterAll(async () => {
    await h.close();
  });

  async function timersOf(subjectId: string): Promise<number> {
    const [row] = (await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "timer" WHERE "subject_id" = $1`, [
      subjectId,
    ])) as { n: number }[];
    return row.n;
  }

  /** Counts the runner's broadcasts while `work` runs on it. */
  async function broadcastsDuring(runner: QueryRunner, work: () => Promise<unknown>): Promise<number> {
    const broadcaster = (runner as unknown as { broadcaster: { broadcast: (...args: unknown[]) => Promise<void> } })
      .broadcaster;
    const spy = jest.spyOn(broadcaster, "broadcast");
    try {
      await work();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it("should answer in TypeORM's shapes: rows, [rows, count] for an update, or the structured result", async () => {
    const subject = randomUUID();
    expect(await h.dataSource.query(TIMER, ["ANNUAL_LETTER", subject, "2030-01-01"])).toEqual([
      { subject_id: subject },
    ]);
    expect(
      await h.dataSource.query(`UPDATE "timer" SET "due_on" = $2 WHERE "subject_id" = $1 RETURNING "due_on"::text`, [
        subject,
        "2031-01-01",
      ]),
    ).toEqual([[{ due_on: "2031-01-01" }], 1]);
    const runner = h.dataSource.createQueryRunner();
    try {
      const structured = await runner.query(
        `SELECT "subject_id" FROM "timer" WHERE "subject_id" = $1`,
        [subject],
        true,
      );
      expect(structured).toMatchObject({ records: [{ subject_id: subject }], affected: 1 });
    } finally {
      await runner.release();
    }
  });

  it("should fail a statement with TypeORM's QueryFailedError, PostgreSQL's code inside, after telling the logger", async () => {
    h.statements.reset();
    const failure = await h.dataSource.query(`SELECT * FROM "no_such_table"`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe("42P01");
    expect(h.statements.statements).toEqual([`SELECT * FROM "no_such_table"`]);
  });

  it("should commit, roll back, and nest transactions through savepoints", async () => {
    const [kept, undone, innerUndone] = [randomUUID(), randomUUID(), randomUUID()];
    await h.dataSource.transaction(async (manager) => {
      await manager.query(TIMER, ["ANNUAL_LETTER", kept, "2030-01-01"]);
      await manager
        .transaction(async (inner) => {
          await inner.query(TIMER, ["ANNUAL_LETTER", innerUndone, "2030-01-01"]);
          throw new Error("the inner work failed");
        })
        .catch(() => undefined);
    });
    await expect(
      h.dataSource.transaction(async (manager) => {
        await manager.query(TIMER, ["ANNUAL_LETTER", undone, "2030-01-01"]);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect([await timersOf(kept), await timersOf(undone), await timersOf(innerUndone)]).toEqual([1, 0, 0]);
  });

  it("should broadcast nothing for a statement or a transaction while the data source has no subscribers", async () => {
    expect(h.dataSource.subscribers).toEqual([]);
    const runner = h.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const broadcasts = await broadcastsDuring(runner, async () => {
        await runner.startTransaction();
        await runner.query(TIMER, ["ANNUAL_LETTER", randomUUID(), "2030-01-01"]);
        await runner.commitTransaction();
        await runner.startTransaction();
        await runner.rollbackTransaction();
      });
      expect(broadcasts).toBe(0);
      expect(runner.isTransactionActive).toBe(false);
    } finally {
      await runner.release();
    }
  });

  it("should tell a subscriber of each statement and transaction, as TypeORM does", async () => {
    const heard: string[] = [];
    const subscriber: EntitySubscriberInterface = {
      beforeTransactionStart: () => void heard.push("start"),
      beforeQuery: (event) => void heard.push(event.query.split(" ")[0]),
      afterTransactionCommit: () => void heard.push("committed"),
    };
    h.dataSource.subscribers.push(subscriber);
    try {
      await h.dataSource.transaction((manager) => manager.query(`SELECT 1`));
    } finally {
      h.dataSource.subscribers.splice(h.dataSource.subscribers.indexOf(subscriber), 1);
    }
    expect(heard).toEqual(["start", "START", "SELECT", "COMMIT", "committed"]);
  });

  it("should refuse a statement on a released runner", async () => {
    const runner = h.dataSource.createQueryRunner();
    await runner.query(`SELECT 1`);
    await runner.release();
    await expect(runner.query(`SELECT 1`)).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
  });
});
