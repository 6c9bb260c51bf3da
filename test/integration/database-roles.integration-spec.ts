import type { DataSource } from "typeorm";
import { createOffender, referCase } from "../support/api";
import { ENGINES, startHarness, TEST_RUNTIME_ROLE, type Harness } from "../support/harness";
import { loadConfig } from "../../src/config";
import { composeServices } from "../../src/composition-root";
import { historyRewriteRisk, runtimeRolePowers } from "../../src/services/platform/runtime-role";

/** The attacks that rewrote the audit trail when the service's role owned its tables (issue 13 §1). */
const REWRITES: [string, string, RegExp][] = [
  ["disable the access log's triggers", `ALTER TABLE "access_log" DISABLE TRIGGER ALL`, /must be owner/],
  ["disable the history's triggers", `ALTER TABLE "case_transition" DISABLE TRIGGER USER`, /must be owner/],
  ["skip every trigger by replication role", `SET session_replication_role = replica`, /permission denied/],
  ["truncate the access log", `TRUNCATE "access_log"`, /permission denied/],
  ["truncate the case history", `TRUNCATE "case_transition" CASCADE`, /permission denied/],
  ["delete from the access log", `DELETE FROM "access_log"`, /permission denied/],
  ["rewrite the case history", `UPDATE "case_transition" SET "actor" = 'someone else'`, /permission denied/],
  ["delete custody history", `DELETE FROM "custody_event"`, /permission denied/],
  ["delete key-date history", `DELETE FROM "key_date_record"`, /permission denied/],
  [
    "delete an officer's note on the history (erasure clears it, keeping the row)",
    `DELETE FROM "case_transition_note"`,
    /permission denied/,
  ],
  ["drop the access log", `DROP TABLE "access_log"`, /must be owner/],
  ["make a table of its own", `CREATE TABLE "shadow_log" ("id" int)`, /permission denied/],
  ["mark a migration as run", `INSERT INTO "migrations" ("timestamp", "name") VALUES (1, 'x')`, /permission denied/],
  ["make itself a superuser", `ALTER ROLE ${TEST_RUNTIME_ROLE} SUPERUSER`, /permission denied|must be superuser/],
];

if (ENGINES.includes("postgres")) {
  describe("database roles (postgres)", () => {
    let h: Harness;
    let owner: DataSource;
    beforeAll(async () => {
      h = await startHarness("postgres");
      owner = await h.owner();
      // History to protect: a referral writes the case history and the access log.
      const offender = await createOffender(h);
      await referCase(h, offender.id);
    });
    afterAll(() => h.close());

    it("should run the service as a role that owns nothing and is no superuser", async () => {
      const powers = await runtimeRolePowers(h.dataSource);
      expect(powers).toEqual({ role: TEST_RUNTIME_ROLE, superuser: false, ownsHistory: false });
      expect(historyRewriteRisk(powers)).toBeNull();
      // The owner that migrated could do all of the below: that is why the service is not run as it.
      expect(historyRewriteRisk(await runtimeRolePowers(owner))).toMatch(/superuser|owns the tables/);
    });

    it("should connect with JIT compilation off and room to sort in memory, whatever the server's settings", async () => {
      // Whole-country statistics cost enough to be compiled, which took longer than running them,
      // and sort more rows than 4 MB holds.
      const settings = (await h.dataSource.query(
        `SELECT "name", "setting", "unit", "source" FROM pg_settings WHERE "name" IN ('jit', 'work_mem') ORDER BY "name"`,
      )) as { name: string; setting: string; unit: string | null; source: string }[];
      expect(settings).toEqual([
        { name: "jit", setting: "off", unit: null, source: "client" },
        { name: "work_mem", setting: String(64 * 1024), unit: "kB", source: "client" },
      ]);
    });

    it.each(REWRITES)("should refuse the service's role to %s", async (_label, sql, refusal) => {
      const before = await countHistory(h.dataSource);
      await expect(h.dataSource.query(sql)).rejects.toThrow(refusal);
      expect(await countHistory(h.dataSource)).toEqual(before);
    });

    it("should let the service's role add to the histories and read them", async () => {
      const before = await countHistory(h.dataSource);
      const offender = await createOffender(h);
      await referCase(h, offender.id);
      const after = await countHistory(h.dataSource);
      expect(after.accessLog).toBeGreaterThan(before.accessLog);
      expect(after.caseHistory).toBeGreaterThan(before.caseHistory);
    });

    it("should give tables a later migration makes the service's grants by default", async () => {
      await owner.query(`CREATE TABLE "later_table" ("id" serial PRIMARY KEY, "note" text)`);
      try {
        await h.dataSource.query(`INSERT INTO "later_table" ("note") VALUES ('x')`);
        expect(await h.dataSource.query(`SELECT "note" FROM "later_table"`)).toEqual([{ note: "x" }]);
      } finally {
        await owner.query(`DROP TABLE "later_table"`);
      }
    });

    it("should refuse to start in production as a role that could rewrite history, and start as one that cannot", async () => {
      const ownerUrl = String((owner.options as { url: string }).url);
      const production = (databaseUrl: string, migrationDatabaseUrl?: string) =>
        loadConfig({
          NODE_ENV: "production",
          LOG_LEVEL: "silent",
          DATABASE_URL: databaseUrl,
          ...(migrationDatabaseUrl ? { MIGRATION_DATABASE_URL: migrationDatabaseUrl } : {}),
          AUTH_JWKS_URL: "https://auth.example.org/.well-known/jwks.json",
          AUTH_ISSUER: "https://auth.example.org",
          DATA_ENCRYPTION_KEY: h.dataKey.toString("hex"),
        });
      await expect(composeServices(production(ownerUrl))).rejects.toThrow(
        /DATABASE_URL refused: the database role postgres is a superuser/,
      );
      const services = await composeServices(
        production(String((h.dataSource.options as { url: string }).url), ownerUrl),
      );
      try {
        expect(await runtimeRolePowers(services.dataSource)).toMatchObject({
          role: TEST_RUNTIME_ROLE,
          ownsHistory: false,
        });
      } finally {
        await services.dataSource.destroy();
      }
    });
  });
}

// PGlite is one superuser session in one process: the triggers refuse a rewrite by the service's
// own statements, but nothing stops code in the process from disabling them. Documented in the README.
describe("database roles (pglite)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite");
    await referCase(h, (await createOffender(h)).id);
  });
  afterAll(() => h.close());

  it("should say the embedded database's one role could rewrite history", async () => {
    const powers = await runtimeRolePowers(h.dataSource);
    expect(powers.superuser).toBe(true);
    expect(historyRewriteRisk(powers)).toMatch(/superuser/);
  });

  it("should still refuse a rewrite of the access log through its triggers", async () => {
    expect((await countHistory(h.dataSource)).accessLog).toBeGreaterThan(0);
    await expect(h.dataSource.query(`DELETE FROM "access_log"`)).rejects.toThrow(/append-only/);
    await expect(h.dataSource.query(`TRUNCATE "access_log"`)).rejects.toThrow(/append-only/);
  });
});

async function countHistory(dataSource: DataSource): Promise<{ accessLog: number; caseHistory: number }> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*)::int FROM "access_log") AS "accessLog", (SELECT count(*)::int FROM "case_transition") AS "caseHistory"`,
  )) as { accessLog: number; caseHistory: number }[];
  return row;
}
