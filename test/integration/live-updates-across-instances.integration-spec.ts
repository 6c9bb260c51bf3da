import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { londonDate } from "../../src/domain/calendar/london-date";
import { loadOrCreateDevKeys, signDevToken, type DevKeys } from "../../src/services/security/dev-auth-keys";
import { ENGINES, withClient, type JsonObject } from "../support/harness";
import { bearer, connectLive, type LiveConnection } from "../support/live-client";
import { freePort, startInstance, stopInstance, waitUntilHealthy, type Instance } from "../support/service-instances";

// Two server processes, as two instances behind a load balancer, on one PostgreSQL database: a
// change made through one reaches subscribers of the other, carried by LISTEN/NOTIFY. Both start
// at once on an empty database, so they also race to migrate it. On the embedded database there
// is one process only; the subscriptions spec runs two apps over it instead.

const ISSUER = "http://vcs.test";
const CASE_UPDATED = `subscription ($id: ID!) { caseUpdated(caseId: $id) { reference status version } }`;
const WORK_QUEUE_CHANGED = `subscription { workQueueChanged { resync victimCase { reference } } }`;
interface CaseUpdated {
  caseUpdated: { reference: string; status: string; version: number };
}

describe.each(ENGINES)("live updates through the service's entry point (%s)", (engine) => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const database = `vcs_live_${process.pid}_${randomBytes(4).toString("hex")}`;
  const keyDir = mkdtempSync(join(tmpdir(), "vcs-live-keys-"));
  let keys: DevKeys;
  let first: Instance;
  let second: Instance;
  let alice: string;
  let feed: string;
  const connections: LiveConnection[] = [];

  beforeAll(async () => {
    // The instances trust the same development issuer and share the field key, as a deployment's would.
    keys = await loadOrCreateDevKeys(keyDir);
    const env = { AUTH_DEV_KEY_DIR: keyDir, AUTH_ISSUER: ISSUER, DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex") };
    if (engine === "pglite") {
      // The embedded database belongs to one process: `npm start` as it is, with its demo data.
      first = second = startInstance("embedded", { ...env, PGLITE_DIR: join(keyDir, "pglite") }, await freePort());
      await waitUntilHealthy(first, 60_000);
    } else {
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      const [firstPort, secondPort] = [await freePort(), await freePort()];
      // Started together on an empty database: one migrates while the other waits for the lock.
      first = startInstance("first", { ...env, DATABASE_URL: url.toString(), LOAD_DEMO_DATA: "true" }, firstPort);
      second = startInstance("second", { ...env, DATABASE_URL: url.toString(), LOAD_DEMO_DATA: "false" }, secondPort);
      await Promise.all([waitUntilHealthy(first, 60_000), waitUntilHealthy(second, 60_000)]);
    }
    alice = await signDevToken(keys, { issuer: ISSUER, user: "alice.vlo", roles: ["VCS_VLO"] });
    feed = await signDevToken(keys, { issuer: ISSUER, client: "custody-feed", roles: ["VCS_CUSTODY_FEED"] });
  }, 120_000);

  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close();
  });

  afterAll(async () => {
    for (const instance of new Set([first, second])) if (instance) await stopInstance(instance);
    if (engine === "postgres")
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    rmSync(keyDir, { recursive: true, force: true });
  });

  function connect(instance: Instance): LiveConnection {
    const connection = connectLive(instance.ws, bearer(alice));
    connections.push(connection);
    return connection;
  }

  async function post<T = JsonObject>(
    instance: Instance,
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const response = await fetch(`${instance.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  }

  async function demoCase(
    instance: Instance,
    reference: string,
  ): Promise<{ id: string; version: number; offender: { id: string; version: number } }> {
    const data = await post<{
      victimCases: {
        nodes: { id: string; reference: string; version: number; offender: { id: string; version: number } }[];
      };
    }>(instance, alice, `{ victimCases(first: 100) { nodes { id reference version offender { id version } } } }`);
    return data.victimCases.nodes.find((candidate) => candidate.reference === reference)!;
  }

  // Only PostgreSQL has two instances to race, and a listener connection the database can drop.
  if (engine === "postgres") {
    it("should migrate the database once when both instances start together", async () => {
      const rows = await withClient(new URL(`/${database}`, adminUrl).toString(), (client) =>
        client.query(`SELECT "name", count(*)::int AS "n" FROM "migrations" GROUP BY "name" HAVING count(*) > 1`),
      );
      expect(rows.rows).toEqual([]);
      const [count] = (
        await withClient(new URL(`/${database}`, adminUrl).toString(), (client) =>
          client.query(`SELECT count(*)::int AS "n" FROM "migrations"`),
        )
      ).rows as { n: number }[];
      expect(count.n).toBeGreaterThan(0);
    });

    it("should reconnect its LISTEN when the database drops it, tell subscribers to read again, and go on delivering", async () => {
      const invited = await demoCase(first, "VCS-2026-000002");
      const stream = connect(second).subscribe<CaseUpdated>(CASE_UPDATED, { id: invited.id });
      expect((await stream.next()).data!.caseUpdated.status).toBe("INVITED");
      // Every instance's listener goes: the database kills the sessions.
      const killed = await withClient(adminUrl, (client) =>
        client.query(
          `SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "datname" = $1 AND "application_name" = 'vcs-case-service live updates'`,
          [database],
        ),
      );
      expect(killed.rowCount).toBe(2);
      // The resync: the case read again, as it is.
      expect((await stream.next(15_000)).data!.caseUpdated).toEqual({
        reference: "VCS-2026-000002",
        status: "INVITED",
        version: invited.version,
      });
      await post(
        first,
        alice,
        `mutation ($input: RecordOptInInput!) { recordOptIn(input: $input) { userErrors { code } } }`,
        { input: { caseId: invited.id, expectedVersion: invited.version } },
      );
      expect((await stream.next()).data!.caseUpdated).toEqual({
        reference: "VCS-2026-000002",
        status: "OPTED_IN",
        version: invited.version + 1,
      });
    });

    // Issue 15 §3: each instance keeps officer records, and forgets one when any instance, or an
    // operator's SQL, changes it. Each answer here also shows what the caller may see: a record kept
    // too long would show the old region's cases.
    it("should take an officer's new region into account on every instance at once", async () => {
      const regionOn = async (instance: Instance) =>
        (await post<{ viewer: { officer: { region: string } } }>(instance, alice, `{ viewer { officer { region } } }`))
          .viewer.officer.region;
      const casesOn = async (instance: Instance) =>
        (await post<{ victimCases: { totalCount: number } }>(instance, alice, `{ victimCases { totalCount } }`))
          .victimCases.totalCount;
      const moveAlice = (region: string) =>
        withClient(new URL(`/${database}`, adminUrl).toString(), (client) =>
          client.query(`UPDATE "officer" SET "region" = $1 WHERE "username" = 'alice.vlo'`, [region]),
        );
      // Both instances have read, and so keep, Alice's record.
      expect([await regionOn(first), await regionOn(second)]).toEqual(["NORTH_EAST", "NORTH_EAST"]);
      expect(await casesOn(second)).toBeGreaterThan(0);

      await moveAlice("WALES");
      try {
        const deadline = Date.now() + 2_000;
        while ((await regionOn(second)) !== "WALES" && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect([await regionOn(first), await regionOn(second)]).toEqual(["WALES", "WALES"]);
        expect([await casesOn(first), await casesOn(second)]).toEqual([0, 0]);
      } finally {
        await moveAlice("NORTH_EAST");
        while ((await regionOn(first)) !== "NORTH_EAST" || (await regionOn(second)) !== "NORTH_EAST")
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
  }

  it("should tell a subscriber of one instance what was committed through the other, both ways", async () => {
    const referred = await demoCase(first, "VCS-2026-000001");
    const onSecond = connect(second).subscribe<CaseUpdated>(CASE_UPDATED, { id: referred.id });
    const onFirst = connect(first).subscribe<CaseUpdated>(CASE_UPDATED, { id: referred.id });
    expect((await onSecond.next()).data).toEqual({
      caseUpdated: { reference: "VCS-2026-000001", status: "REFERRED", version: referred.version },
    });
    expect((await onFirst.next()).data!.caseUpdated.version).toBe(referred.version);

    await post(
      first,
      alice,
      `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { userErrors { code } } }`,
      { input: { caseId: referred.id, expectedVersion: referred.version, channel: "LETTER" } },
    );
    expect((await onSecond.next()).data).toEqual({
      caseUpdated: { reference: "VCS-2026-000001", status: "INVITED", version: referred.version + 1 },
    });
    expect((await onFirst.next()).data!.caseUpdated.status).toBe("INVITED");

    await post(
      second,
      alice,
      `mutation ($input: RecordDeclineInput!) { recordDecline(input: $input) { userErrors { code } } }`,
      { input: { caseId: referred.id, expectedVersion: referred.version + 1 } },
    );
    expect((await onFirst.next()).data).toEqual({
      caseUpdated: { reference: "VCS-2026-000001", status: "DECLINED", version: referred.version + 2 },
    });
    expect((await onSecond.next()).data!.caseUpdated.status).toBe("DECLINED");
  });

  it("should tell the work-queue subscribers of both instances of notifications a custody event raised on one", async () => {
    const engaged = await demoCase(first, "VCS-2026-000005");
    const queues = [connect(first).subscribe(WORK_QUEUE_CHANGED), connect(second).subscribe(WORK_QUEUE_CHANGED)];
    for (const queue of queues)
      expect((await queue.next()).data).toEqual({ workQueueChanged: { resync: true, victimCase: null } });
    const today = londonDate();
    const data = await post<{ recordCustodyEvent: { userErrors: { code: string }[] } }>(
      second,
      feed,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
      {
        input: {
          offenderId: engaged.offender.id,
          expectedVersion: engaged.offender.version,
          type: "MOVED_TO_OPEN_CONDITIONS",
          occurredOn: today,
        },
      },
    );
    expect(data.recordCustodyEvent.userErrors).toEqual([]);
    for (const queue of queues)
      expect((await queue.next()).data).toEqual({
        workQueueChanged: { resync: false, victimCase: { reference: "VCS-2026-000005" } },
      });
  });
});
