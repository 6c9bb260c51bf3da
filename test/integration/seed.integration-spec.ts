import { addDays, addYears } from "../../src/domain/calendar/calendar";
import { londonDate } from "../../src/domain/calendar/london-date";
import { loadDemoData } from "../../src/services/platform/demo-data";
import { runSeed, SeedRefusedError, type SeedReport } from "../../src/services/platform/seed-runner";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// npm run seed (issue 14 §2): years of history written through the service's own pipeline, the
// same for the same seed. Each run seeds a database of its own, fresh from the harness.
const END_DAY = "2026-11-02";
const SMALL = { cases: 40, seed: 42, years: 3, endDay: END_DAY };

/** What must come out the same for the same seed. */
function comparable(report: SeedReport) {
  const { counts, refusals, steps, timers, officeWork, planned } = report;
  return { counts, refusals, steps, timers, officeWork, planned };
}

describe.each(ENGINES)("a seeded database (%s)", (engine) => {
  const harnesses: Harness[] = [];
  const seedFresh = async (options: typeof SMALL) => {
    const h = await startHarness(engine);
    harnesses.push(h);
    // Side by side on PostgreSQL, as the script runs it there.
    return { h, report: await runSeed(h.dataSource, { ...options, parallel: engine === "postgres" ? 3 : 1 }) };
  };
  let first: { h: Harness; report: SeedReport };

  beforeAll(async () => {
    first = await seedFresh(SMALL);
  }, 120_000);
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it("should give the same counts for the same seed on another fresh database", async () => {
    const { report } = await seedFresh(SMALL);
    expect(comparable(report)).toEqual(comparable(first.report));
    expect(first.report.counts.casesByStatus).toEqual(report.counts.casesByStatus);
    expect(first.report.timerFailures).toEqual([]);
    expect(Object.values(first.report.counts.casesByStatus).reduce((sum, count) => sum + count, 0)).toBe(40);
  }, 120_000);

  it("should give other counts for another seed", async () => {
    const { report } = await seedFresh({ ...SMALL, seed: 7 });
    expect(comparable(report).counts).not.toEqual(comparable(first.report).counts);
  }, 120_000);

  it("should start every case's history with its referral and reach every status through a history row", async () => {
    const rows = (await first.h.dataSource.query(
      `SELECT c."id", c."status", t."sequence", t."event", t."from_status", t."to_status"
         FROM "victim_case" c JOIN "case_transition" t ON t."case_id" = c."id" ORDER BY c."id", t."sequence"`,
    )) as {
      id: string;
      status: string;
      sequence: number;
      event: string;
      from_status: string | null;
      to_status: string;
    }[];
    const byCase = new Map<string, typeof rows>();
    for (const row of rows) byCase.set(row.id, [...(byCase.get(row.id) ?? []), row]);
    expect(byCase.size).toBe(40);
    for (const history of byCase.values()) {
      expect(history[0]).toMatchObject({ sequence: 1, event: "REFERRED", from_status: null, to_status: "REFERRED" });
      // Each row leaves the status the row before reached: no status was written around the pipeline.
      history.slice(1).forEach((row, index) => expect(row.from_status).toBe(history[index].to_status));
      expect(history.at(-1)!.to_status).toBe(history[0].status);
    }
    const [mismatched] = (await first.h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "victim_case" c
        WHERE c."status" <> (SELECT t."to_status" FROM "case_transition" t WHERE t."case_id" = c."id" ORDER BY t."sequence" DESC LIMIT 1)`,
    )) as { n: number }[];
    expect(mismatched.n).toBe(0);
    // The machines took other paths than the plain one, and the timers and the feed had their part.
    const events = first.report.counts.transitionsByEvent;
    for (const event of [
      "SEND_INVITATION",
      "RECORD_OPT_IN",
      "AGREE_CONTACT_PLAN",
      "CUSTODY_CHANGED",
      "NOTIFICATION_SENT",
    ])
      expect(events[event]).toBeGreaterThan(0);
    expect(first.report.counts.timersFiredByKind.INVITATION_FOLLOW_UP).toBeGreaterThan(0);
    expect(Object.keys(first.report.counts.casesByStatus).length).toBeGreaterThanOrEqual(4);
  });

  it("should spread the referrals and every history row over the years seeded", async () => {
    const start = addYears(END_DAY, -3);
    const [spread] = (await first.h.dataSource.query(
      `SELECT min("referred_on")::text AS "first", max("referred_on")::text AS "last",
              count(DISTINCT to_char("referred_on", 'YYYY-MM'))::int AS "months",
              count(DISTINCT extract(year FROM "referred_on"))::int AS "years"
         FROM "victim_case"`,
    )) as { first: string; last: string; months: number; years: number }[];
    expect(spread.first >= start && spread.last <= END_DAY).toBe(true);
    expect(spread.months).toBeGreaterThanOrEqual(12);
    expect(spread.years).toBeGreaterThanOrEqual(3);
    const [effective] = (await first.h.dataSource.query(
      `SELECT min("effective_on")::text AS "first", max("effective_on")::text AS "last" FROM "case_transition"`,
    )) as { first: string; last: string }[];
    expect(effective.first >= start && effective.last <= END_DAY).toBe(true);
  });

  it("should refuse a database that already has cases", async () => {
    await expect(runSeed(first.h.dataSource, SMALL)).rejects.toThrow(SeedRefusedError);
  });

  it("should keep on each status change the day the case entered the status it left, as the migration gives older rows", async () => {
    const stays = async () =>
      (await first.h.dataSource.query(
        `SELECT t."id", t."from_status", t."from_status_since"::text AS "since", t."effective_on"::text AS "left_on"
           FROM "case_transition" t ORDER BY t."id"`,
      )) as { id: string; from_status: string | null; since: string | null; left_on: string }[];
    const written = await stays();
    const ended = written.filter((row) => row.since !== null);
    expect(ended.length).toBeGreaterThan(40);
    expect(ended.every((row) => row.since! <= row.left_on)).toBe(true);
    // The pipeline wrote them; the migration, undone and run again, works them out from the history.
    const owner = await first.h.owner();
    const applied = async () =>
      ((await owner.query(`SELECT "name" FROM "migrations"`)) as { name: string }[]).map((row) => row.name);
    while ((await applied()).includes("StatisticsAtScale1767000000000")) await owner.undoLastMigration();
    await owner.runMigrations();
    expect(await stays()).toEqual(written);
  });
});

describe.each(ENGINES)("the demo data (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
    await loadDemoData(h.dataSource);
  });
  afterAll(() => h.close());

  it("should spread its referrals over the past year, so trends show", async () => {
    const [spread] = (await h.dataSource.query(
      `SELECT min("referred_on")::text AS "first", max("referred_on")::text AS "last",
              count(DISTINCT to_char("referred_on", 'YYYY-MM'))::int AS "months" FROM "victim_case"`,
    )) as { first: string; last: string; months: number }[];
    const today = londonDate();
    expect(spread.first >= addDays(today, -366) && spread.last <= today).toBe(true);
    expect(spread.months).toBeGreaterThanOrEqual(6);
    // Each case's history runs forward from its referral.
    const [backwards] = (await h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "case_transition" t JOIN "victim_case" c ON c."id" = t."case_id"
        WHERE t."effective_on" < c."referred_on" OR t."effective_on" > $1`,
      [today],
    )) as { n: number }[];
    expect(backwards.n).toBe(0);
  });
});
