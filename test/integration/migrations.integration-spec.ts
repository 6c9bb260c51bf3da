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
      h.dataSource.query(`INSERT INTO "offender" ("name", "custody_phase", "custody_context") VALUES ('x', 'ON_HOLIDAY', '{}')`),
    ).rejects.toThrow(/chk_offender_custody_phase/);
  });
});
