import { startBackgroundWork } from "../../src/background-work";
import type { AppServices } from "../../src/composition-root";
import { loadConfig } from "../../src/config";
import { now as clockNow } from "../../src/domain/calendar/clock";
import { expireIdempotencyKeys } from "../../src/services/pipeline/idempotency-key-expiry";
import { createLogger } from "../../src/services/platform/logger";
import { DEFAULT_TIMER_SETTINGS } from "../../src/services/work/timer-schedule";
import { createOffender, getCase, mutate, referCase, SEND_INVITATION, type CasePayload } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const DAY = 86_400_000;

describe("IDEMPOTENCY_KEY_RETENTION_DAYS", () => {
  it("should keep idempotency keys 30 days by default, take another whole number of days, and refuse 0 or a fraction", () => {
    expect(loadConfig({ PGLITE_DIR: "memory://" }).idempotencyKeyRetentionDays).toBe(30);
    expect(
      loadConfig({ PGLITE_DIR: "memory://", IDEMPOTENCY_KEY_RETENTION_DAYS: "7" }).idempotencyKeyRetentionDays,
    ).toBe(7);
    for (const bad of ["0", "1.5", "-3", "thirty", "36501"])
      expect(() => loadConfig({ PGLITE_DIR: "memory://", IDEMPOTENCY_KEY_RETENTION_DAYS: bad })).toThrow(
        /IDEMPOTENCY_KEY_RETENTION_DAYS must be a whole number of days from 1 to 36500/,
      );
  });
});

describe.each(ENGINES)("idempotency key expiry (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h)).id;
  });
  afterAll(() => h.close());
  beforeEach(() => h.dataSource.query(`DELETE FROM "idempotency_key"`));

  /** The key a mutation just claimed (stored as a hash of the caller and the key they sent). */
  const claimedBy = async (send: () => Promise<unknown>): Promise<string> => {
    const before = new Set(await keysLeft());
    await send();
    const claimed = (await keysLeft()).filter((key) => !before.has(key));
    expect(claimed).toHaveLength(1);
    return claimed[0];
  };
  /** Backdates a claimed key, as if it had been sent `days` ago. */
  const age = (key: string, days: number) =>
    h.dataSource.query(`UPDATE "idempotency_key" SET "created_at" = $2 WHERE "key" = $1`, [
      key,
      new Date(clockNow().getTime() - days * DAY).toISOString(),
    ]);
  const keysLeft = async (): Promise<string[]> =>
    (
      (await h.dataSource.query(`SELECT "key" FROM "idempotency_key" ORDER BY "created_at", "key"`)) as {
        key: string;
      }[]
    ).map((row) => row.key);
  /** `count` keys claimed `days` ago, a minute apart (the first the oldest), named `prefix-0`…. */
  const claimedAgo = (prefix: string, count: number, days: number) =>
    h.dataSource.query(
      `INSERT INTO "idempotency_key" ("key", "operation", "request_hash", "created_at")
       SELECT $1 || '-' || n, 'sendInvitation', repeat('0', 64), $2::timestamptz + make_interval(mins => n)
         FROM generate_series(0, $3 - 1) AS n`,
      [prefix, new Date(clockNow().getTime() - days * DAY).toISOString(), count],
    );

  it("should remove a key older than the retention, so sending it again runs the mutation anew, and keep a younger one, which still replays", async () => {
    const [oldCase, youngCase] = [await referCase(h, offenderId), await referCase(h, offenderId)];
    const invite = (caseId: string, key: string) =>
      mutate(h, SEND_INVITATION, { caseId, channel: "LETTER", idempotencyKey: key });
    let oldFirst!: CasePayload;
    let youngFirst!: CasePayload;
    const oldKey = await claimedBy(async () => (oldFirst = await invite(oldCase.id, "invite-31-days-ago")));
    const youngKey = await claimedBy(async () => (youngFirst = await invite(youngCase.id, "invite-29-days-ago")));
    expect([oldFirst.userErrors, youngFirst.userErrors]).toEqual([[], []]);
    await age(oldKey, 31);
    await age(youngKey, 29);

    expect(await expireIdempotencyKeys(h.dataSource, 30, { now: clockNow() })).toBe(1);
    expect(await keysLeft()).toEqual([youngKey]);

    // Expired: a new request, so a second invitation (a follow-up) with its own history row.
    const oldAgain = await invite(oldCase.id, "invite-31-days-ago");
    expect(oldAgain.userErrors).toEqual([]);
    expect(oldAgain.transition!.id).not.toBe(oldFirst.transition!.id);
    expect(oldAgain.victimCase).toMatchObject({ status: "INVITED", version: oldFirst.victimCase!.version + 1 });
    expect((await getCase(h, oldCase.id))!.history.totalCount).toBe(oldCase.history.totalCount + 2);
    // The key is claimed afresh, and kept for a whole retention again.
    expect(await keysLeft()).toEqual([youngKey, oldKey]);
    expect(await expireIdempotencyKeys(h.dataSource, 30)).toBe(0);

    // Kept: the first result again, nothing run.
    const youngAgain = await invite(youngCase.id, "invite-29-days-ago");
    expect(youngAgain.userErrors).toEqual([]);
    expect(youngAgain.transition!.id).toBe(youngFirst.transition!.id);
    expect((await getCase(h, youngCase.id))!.history.totalCount).toBe(youngCase.history.totalCount + 1);
  });

  it("should delete in batches of at most batchSize, one DELETE statement each, oldest first, and stop after maxBatches until the next run", async () => {
    await claimedAgo("expired", 25, 45);
    await claimedAgo("kept", 3, 10);
    h.statements.reset();

    expect(await expireIdempotencyKeys(h.dataSource, 30, { batchSize: 10, maxBatches: 2 })).toBe(20);
    const deletes = h.statements.statements.filter((statement) => /^\s*DELETE/i.test(statement));
    expect(deletes).toHaveLength(2);
    expect(h.statements.count).toBe(2);
    for (const statement of deletes) expect(statement).toMatch(/LIMIT \$3\s+FOR UPDATE SKIP LOCKED/);
    // The five youngest of the expired keys wait for the next run.
    expect(await keysLeft()).toEqual([
      ...["expired-20", "expired-21", "expired-22", "expired-23", "expired-24"],
      ...["kept-0", "kept-1", "kept-2"],
    ]);

    h.statements.reset();
    // A short batch means nothing is left: no third statement.
    expect(await expireIdempotencyKeys(h.dataSource, 30, { batchSize: 10 })).toBe(5);
    expect(h.statements.count).toBe(1);
    expect(await keysLeft()).toEqual(["kept-0", "kept-1", "kept-2"]);
  });

  it("should expire keys when the service's background work starts, with the configured retention", async () => {
    await claimedAgo("week-old", 2, 8);
    await claimedAgo("day-old", 1, 1);
    const services = {
      config: loadConfig({ PGLITE_DIR: "memory://", IDEMPOTENCY_KEY_RETENTION_DAYS: "7" }),
      logger: createLogger("silent"),
      dataSource: h.dataSource,
      timers: DEFAULT_TIMER_SETTINGS,
      notify: null,
      auth: { verifyToken: () => Promise.reject(new Error("not used")) },
    } as AppServices;
    const stop = startBackgroundWork(services);
    try {
      const deadline = clockNow().getTime() + 10_000;
      while ((await keysLeft()).length > 1 && clockNow().getTime() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await keysLeft()).toEqual(["day-old-0"]);
    } finally {
      stop();
    }
  });
});
