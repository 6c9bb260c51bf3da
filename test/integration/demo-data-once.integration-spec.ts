import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { loadDemoData, loadDemoDataIfEmpty } from "../../src/services/platform/demo-data";
import { loadOrCreateDevKeys } from "../../src/services/security/dev-auth-keys";
import { ENGINES, startHarness, withClient } from "../support/harness";
import { freePort, startInstance, stopInstance, waitUntilHealthy, type Instance } from "../support/service-instances";

// Instances started together on one empty database load the demo data once: each looks for it and
// loads it under one advisory lock. On PostgreSQL, three server processes race for real. The
// embedded database belongs to one process (PGlite is one session), so there the race is between
// callers in that process, and the look inside the lock is what keeps the load single.

// Rows the background work started with each instance does not add to.
const TABLES = ["officer", "offender", "victim_case", "case_contact", "contact_plan"] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function countRows(query: (sql: string) => Promise<{ n: number }[]>): Promise<Counts> {
  const counts = {} as Counts;
  for (const table of TABLES) counts[table] = (await query(`SELECT count(*)::int AS "n" FROM "${table}"`))[0].n;
  return counts;
}

/** What one load of the demo data writes, counted on an embedded database of its own. */
async function oneLoad(): Promise<Counts> {
  const h = await startHarness("pglite");
  try {
    await loadDemoData(h.dataSource);
    return await countRows((sql) => h.dataSource.query(sql));
  } finally {
    await h.close();
  }
}

describe.each(ENGINES)("demo data on an empty database (%s)", (engine) => {
  it("should be loaded once when three callers ask at the same time, and not again later", async () => {
    const expected = await oneLoad();
    expect(expected.victim_case).toBeGreaterThan(0);
    const h = await startHarness(engine);
    try {
      const dataSource: DataSource = h.dataSource;
      const loaded = await Promise.all([1, 2, 3].map(() => loadDemoDataIfEmpty(dataSource)));
      expect(loaded.filter(Boolean)).toHaveLength(1);
      expect(await loadDemoDataIfEmpty(dataSource)).toBe(false);
      expect(await countRows((sql) => dataSource.query(sql))).toEqual(expected);
    } finally {
      await h.close();
    }
  });
});

// Only PostgreSQL can be shared by several processes.
if (process.env.TEST_DATABASE_URL)
  describe("three instances starting together (postgres)", () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const database = `vcs_demo_${process.pid}_${randomBytes(4).toString("hex")}`;
    const keyDir = mkdtempSync(join(tmpdir(), "vcs-demo-keys-"));
    const instances: Instance[] = [];
    const databaseUrl = () => {
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      return url.toString();
    };

    afterAll(async () => {
      for (const instance of instances) await stopInstance(instance);
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      rmSync(keyDir, { recursive: true, force: true });
    });

    it("should all start on one empty database with demo data on, and load the demo data exactly once", async () => {
      const expected = await oneLoad();
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
      // A deployment's instances share the issuer's keys and the field key.
      await loadOrCreateDevKeys(keyDir);
      const env = {
        DATABASE_URL: databaseUrl(),
        LOAD_DEMO_DATA: "true",
        AUTH_DEV_KEY_DIR: keyDir,
        DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      };
      const ports = [await freePort(), await freePort(), await freePort()];
      instances.push(...ports.map((port, index) => startInstance(`instance ${index + 1}`, env, port)));
      await Promise.all(instances.map((instance) => waitUntilHealthy(instance)));

      const counts = await withClient(databaseUrl(), async (client) =>
        countRows(async (sql) => (await client.query<{ n: number }>(sql)).rows),
      );
      expect(counts).toEqual(expected);
      for (const instance of instances) expect(instance.process.exitCode).toBeNull();
    }, 180_000);
  });
