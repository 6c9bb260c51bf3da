import { Region } from "../../src/domain/security/region.enum";
import { LiveUpdates } from "../../src/services/platform/live-updates";
import { createLogger } from "../../src/services/platform/logger";
import { OfficerDirectory } from "../../src/services/security/officer-directory";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 15 §3: an instance reads an officer's record once, then keeps it until the database
// announces a change to it, which every instance hears at once, whoever made it.
describe.each(ENGINES)("the officer records an instance keeps (%s)", (engine) => {
  let h: Harness;
  let officers: OfficerDirectory;
  let liveUpdates: LiveUpdates;

  beforeAll(async () => {
    h = await startHarness(engine);
    officers = new OfficerDirectory(h.dataSource);
    const databaseUrl = (h.dataSource.options as { url?: string }).url ?? null;
    liveUpdates = await LiveUpdates.start(h.dataSource, { databaseUrl, logger: createLogger("silent"), officers });
  });
  afterAll(async () => {
    await liveUpdates.stop();
    await h.close();
  });

  let next = 0;
  async function registerOfficer(region: Region): Promise<string> {
    const username = `kept.officer.${next++}`;
    await (
      await h.owner()
    ).query(`INSERT INTO "officer" ("username", "name", "region") VALUES ($1, $1, $2)`, [username, region]);
    return username;
  }

  /** The statements a lookup sends, and what it found. */
  async function lookUp(username: string): Promise<{ statements: number; region: Region | null | undefined }> {
    h.statements.reset();
    const officer = await officers.find(username);
    return { statements: h.statements.count, region: officer === null ? undefined : officer.region };
  }

  /** Announcements arrive on another connection: the change shows within moments, not at once. */
  async function eventually(username: string, region: Region | null | undefined): Promise<void> {
    const deadline = Date.now() + 5_000;
    while ((await lookUp(username)).region !== region && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await lookUp(username)).region).toBe(region);
  }

  it("should read an officer once, then answer from memory with a copy of its own each time", async () => {
    const username = await registerOfficer(Region.NORTH_EAST);

    expect(await lookUp(username)).toEqual({ statements: 1, region: Region.NORTH_EAST });
    const first = await officers.find(username);
    first!.region = Region.WALES;
    expect(await lookUp(username)).toEqual({ statements: 0, region: Region.NORTH_EAST });
  });

  it("should look up a user with no record each time, so one registered later is known from their next request", async () => {
    expect(await lookUp("not.yet.registered")).toEqual({ statements: 1, region: undefined });
    expect(await lookUp("not.yet.registered")).toEqual({ statements: 1, region: undefined });
  });

  it("should take a change made on another connection into account at once, as every instance hears it", async () => {
    const username = await registerOfficer(Region.NORTH_EAST);
    expect((await lookUp(username)).region).toBe(Region.NORTH_EAST);

    await (await h.owner()).query(`UPDATE "officer" SET "region" = $2 WHERE "username" = $1`, [username, Region.WALES]);
    await eventually(username, Region.WALES);
    expect(await lookUp(username)).toEqual({ statements: 0, region: Region.WALES });

    await (await h.owner()).query(`DELETE FROM "officer" WHERE "username" = $1`, [username]);
    await eventually(username, undefined);
  });

  it("should not keep a record whose read was under way when a change was announced", async () => {
    const username = await registerOfficer(Region.NORTH_WEST);
    const underWay = officers.find(username);
    // Heard while the read is in flight: what it returns may predate the change.
    officers.officerChanged("someone.else");
    expect((await underWay)!.region).toBe(Region.NORTH_WEST);

    expect((await lookUp(username)).statements).toBe(1);
    expect((await lookUp(username)).statements).toBe(0);
  });

  it("should keep nothing before it is told it is listening", async () => {
    const unheard = new OfficerDirectory(h.dataSource);
    const username = await registerOfficer(Region.WALES);
    await unheard.find(username);

    h.statements.reset();
    await unheard.find(username);
    expect(h.statements.count).toBe(1);
  });

  // Only PostgreSQL's listener is a connection of its own, which the database can drop.
  if (engine === "postgres") {
    it("should keep nothing while its listener is gone, and forget what it kept before, since changes went unheard", async () => {
      const username = await registerOfficer(Region.NORTH_EAST);
      await lookUp(username);
      const database = (await h.owner()).driver.database!;
      const listeners = async () =>
        (
          (await (
            await h.owner()
          ).query(
            `SELECT count(*)::int AS "n" FROM pg_stat_activity WHERE "datname" = $1 AND "application_name" = 'vcs-case-service live updates'`,
            [database],
          )) as { n: number }[]
        )[0].n;
      // This directory's listener, and the harness's own.
      const listening = await listeners();
      await (
        await h.owner()
      ).query(
        `SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "datname" = $1 AND "application_name" = 'vcs-case-service live updates'`,
        [database],
      );
      while ((await listeners()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      // Changed while nobody listens: no instance hears of it.
      await (
        await h.owner()
      ).query(`UPDATE "officer" SET "region" = $2 WHERE "username" = $1`, [username, Region.WALES]);

      expect(await lookUp(username)).toEqual({ statements: 1, region: Region.WALES });
      expect((await lookUp(username)).statements).toBe(1);
      // Back (the first retry is half a second away): it keeps records again.
      const deadline = Date.now() + 10_000;
      while ((await lookUp(username)).statements > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await lookUp(username)).toEqual({ statements: 0, region: Region.WALES });
      expect(await listeners()).toBe(listening);
    });
  }
});
