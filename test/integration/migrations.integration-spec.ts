import { ENGINES, startHarness, type Harness } from "../support/harness";

describe.each(ENGINES)("migrations (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  it("should build exactly the schema the entities describe, so no change is waiting for a migration", async () => {
    const pending = await h.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it("should refuse a status that is not a state of the machine", async () => {
    await expect(
      h.dataSource.query(
        `INSERT INTO "offender" ("name", "custody_phase", "custody_context") VALUES ('x', 'ON_HOLIDAY', '{}')`,
      ),
    ).rejects.toThrow(/chk_offender_custody_phase/);
  });

  it("should give offenders already under review an open review, and recent decisions a decided one, when the parole migration runs", async () => {
    // Migrations are the owner's; the service's own role may not run them (issue 13 §1).
    const owner = await h.owner();
    // Back to before the parole migration (and every one after it).
    const applied = async () =>
      ((await owner.query(`SELECT "name" FROM "migrations"`)) as { name: string }[]).map((row) => row.name);
    while ((await applied()).includes("ParoleAndLicenceConditions1764700000000")) await owner.undoLastMigration();
    const offender = async (name: string, phase: string) => {
      const [row] = await owner.query(
        `INSERT INTO "offender" ("name", "custody_phase", "custody_context") VALUES ($1, $2, '{}') RETURNING "id"`,
        [name, phase],
      );
      await owner.query(
        `INSERT INTO "sentence" ("offender_id", "type", "sentence_date", "tariff_months", "offence_category") VALUES ($1, 'LIFE', '2010-01-15', 120, 'VIOLENT')`,
        [row.id],
      );
      return row.id as string;
    };
    const event = (offenderId: string, sequence: number, type: string, occurredOn: string, details: object = {}) =>
      owner.query(
        `INSERT INTO "custody_event" ("offender_id", "sequence", "type", "from_phase", "to_phase", "occurred_on", "details", "actor") VALUES ($1, $2, $3, 'IN_CUSTODY', 'IN_CUSTODY', $4, $5, 'test')`,
        [offenderId, sequence, type, occurredOn, JSON.stringify(details)],
      );
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const underReview = await offender("Under Review", "PAROLE_REVIEW");
    await event(underReview, 1, "REFERRED_TO_PAROLE_BOARD", "2026-03-02");
    const recentlyDecided = await offender("Recently Decided", "IN_CUSTODY");
    await event(recentlyDecided, 1, "REFERRED_TO_PAROLE_BOARD", daysAgo(90));
    await event(recentlyDecided, 2, "PAROLE_DECISION", daysAgo(10), { outcome: "NO_RELEASE" });
    const longAgo = await offender("Long Ago", "IN_CUSTODY");
    await event(longAgo, 1, "PAROLE_DECISION", daysAgo(400), { outcome: "NO_RELEASE" });

    await owner.runMigrations();

    const reviews = await owner.query(
      `SELECT "offender_id", "status", "referred_on"::text AS "referred_on", "outcome", "decision_issued_on"::text AS "decision_issued_on" FROM "parole_review" WHERE "offender_id" = ANY($1) ORDER BY "status"`,
      [[underReview, recentlyDecided, longAgo]],
    );
    expect(reviews).toEqual([
      {
        offender_id: recentlyDecided,
        status: "DECIDED",
        referred_on: daysAgo(90),
        outcome: "NO_RELEASE",
        decision_issued_on: daysAgo(10),
      },
      {
        offender_id: underReview,
        status: "REFERRED",
        referred_on: "2026-03-02",
        outcome: null,
        decision_issued_on: null,
      },
    ]);
  });
});
