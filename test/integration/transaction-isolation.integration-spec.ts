import { setTimeout as sleep } from "node:timers/promises";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// PGlite is one database session. Without the serialising pool, transaction A's ROLLBACK would
// run inside the same session as B's work, and A's row would survive (see stack notes).
describe.each(ENGINES)("transactions on one database (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  const insertOffender = (manager: { query: (sql: string, params: unknown[]) => Promise<unknown> }, name: string) =>
    manager.query(
      `INSERT INTO "offender" ("name", "custody_phase", "custody_context") VALUES ($1, 'IN_CUSTODY', '{}')`,
      [name],
    );

  it("should leave nothing of a failing transaction while another commits at the same time", async () => {
    const failing = h.dataSource.transaction(async (manager) => {
      await insertOffender(manager, "rolled back");
      // Real asynchronous work, so the other transaction gets the chance to run in between.
      await sleep(50);
      throw new Error("fails after writing");
    });
    const committing = h.dataSource.transaction(async (manager) => {
      await sleep(10);
      await insertOffender(manager, "committed");
    });

    const [failed, committed] = await Promise.allSettled([failing, committing]);

    expect(failed.status).toBe("rejected");
    expect(committed.status).toBe("fulfilled");
    const rows = (await h.dataSource.query(
      `SELECT "name" FROM "offender" WHERE "name" IN ('rolled back', 'committed')`,
    )) as { name: string }[];
    expect(rows.map((row) => row.name)).toEqual(["committed"]);
  });

  it("should not let one transaction see another's uncommitted rows", async () => {
    let seenInside = -1;
    const writer = h.dataSource.transaction(async (manager) => {
      await insertOffender(manager, "uncommitted");
      await sleep(50);
      throw new Error("never commits");
    });
    const reader = h.dataSource.transaction(async (manager) => {
      await sleep(10);
      const [row] = (await manager.query(`SELECT count(*)::int AS n FROM "offender" WHERE "name" = 'uncommitted'`)) as {
        n: number;
      }[];
      seenInside = row.n;
    });
    await Promise.allSettled([writer, reader]);
    expect(seenInside).toBe(0);
  });
});
