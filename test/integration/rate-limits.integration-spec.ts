import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { Role } from "../../src/domain/security/role.enum";
import { serveSubscriptions, type SubscriptionServerOptions } from "../../src/graphql/subscription-server";
import { createApp, type ServerOptions } from "../../src/server";
import { ConnectionLeases } from "../../src/services/platform/connection-leases";
import { LiveUpdates } from "../../src/services/platform/live-updates";
import { takeFromRateWindow } from "../../src/services/platform/rate-window";
import { createLogger } from "../../src/services/platform/logger";
import { loadOrCreateDevKeys, signDevToken, type DevKeys } from "../../src/services/security/dev-auth-keys";
import { createTokenVerifier } from "../../src/services/security/identity";
import { ENGINES, startHarness, type Harness } from "../support/harness";
import { TEST_ISSUER, type GraphQLBody } from "../support/http-test-server";

// Limits that hold across instances (issue 13 §8): two apps on one database, as two instances
// behind a load balancer, share each caller's allowance; a third pair has every limit off.

type Limits = Pick<ServerOptions, "mutationsPerMinute" | "queriesPerMinute"> &
  Pick<SubscriptionServerOptions, "maxConnectionsPerCaller" | "maxUnauthenticatedConnections">;

interface Instance {
  base: string;
  subscriptionsUrl: string;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Headers;
  body: GraphQLBody;
}

const SMALL: Limits = {
  mutationsPerMinute: 3,
  queriesPerMinute: 4,
  maxConnectionsPerCaller: 2,
  maxUnauthenticatedConnections: 2,
};
const OFF: Limits = {
  mutationsPerMinute: 0,
  queriesPerMinute: 0,
  maxConnectionsPerCaller: 0,
  maxUnauthenticatedConnections: 0,
};

const VIEWER = "{ viewer { actor } }";
const changeField = (label: string) =>
  `${label}: recordOptIn(input: { caseId: "${randomBytes(4).toString("hex")}" }) { userErrors { code } }`;
const CHANGE = () => `mutation { ${changeField("change")} }`;
const TWO_CHANGES = () => `mutation { ${changeField("a")} ${changeField("b")} }`;

/** A raw graphql-ws socket: the test decides when (and whether) it sends connection_init. */
interface RawSocket {
  socket: WebSocket;
  opened: Promise<boolean>;
  closed: Promise<{ code: number; reason: string }>;
}

function rawSocket(url: string): RawSocket {
  const socket = new WebSocket(url, "graphql-transport-ws");
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<boolean>((resolve) => {
    socket.once("open", () => resolve(true));
    socket.once("close", () => resolve(false));
    socket.once("error", () => resolve(false));
  });
  return { socket, opened, closed };
}

/** Sends connection_init with the token: "ack", or how the server closed the socket. */
async function authenticate(raw: RawSocket, token: string): Promise<"ack" | { code: number; reason: string }> {
  await raw.opened;
  const acknowledged = new Promise<"ack">((resolve) =>
    raw.socket.on("message", (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === "connection_ack") resolve("ack");
    }),
  );
  raw.socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
  return Promise.race([acknowledged, raw.closed]);
}

async function closeSocket(raw: RawSocket): Promise<void> {
  if (raw.socket.readyState === WebSocket.CLOSED) return;
  raw.socket.close();
  await raw.closed;
}

describe.each(ENGINES)("limits shared across instances (%s)", (engine) => {
  let h: Harness;
  let keys: DevKeys;
  let first: Instance;
  let second: Instance;
  let unlimited: Instance;
  let unlimitedToo: Instance;
  const instances: Instance[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    h = await startHarness(engine);
    keys = await loadOrCreateDevKeys(mkdtempSync(join(tmpdir(), "vcs-rate-limit-keys-")));
    [first, second, unlimited, unlimitedToo] = [
      await listen(SMALL),
      await listen(SMALL),
      await listen(OFF),
      await listen(OFF),
    ];
  });
  afterEach(async () => {
    for (const raw of sockets.splice(0)) await closeSocket(raw);
  });
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await h.close();
  });

  // One instance: its own app, Apollo server, live updates and subscription server, on the shared database.
  async function listen(limits: Limits): Promise<Instance> {
    const logger = createLogger("silent");
    const verifyToken = createTokenVerifier({ issuer: TEST_ISSUER, jwks: keys.publicJwks });
    const dataSource = h.dataSource;
    const { listener, apollo, schema } = await createApp({
      dataSource,
      logger,
      sandboxEnabled: false,
      verifyToken,
      ...limits,
    });
    const server: Server = createServer(listener).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const databaseUrl = (dataSource.options as { url?: string }).url ?? null;
    const liveUpdates = await LiveUpdates.start(dataSource, { databaseUrl, logger });
    const subscriptions = serveSubscriptions(server, {
      schema,
      dataSource,
      logger,
      verifyToken,
      liveUpdates,
      ...limits,
    });
    const port = (server.address() as AddressInfo).port;
    const instance: Instance = {
      base: `http://127.0.0.1:${port}`,
      subscriptionsUrl: `ws://127.0.0.1:${port}/graphql`,
      async close() {
        await subscriptions.close();
        await liveUpdates.stop();
        await new Promise((resolve) => server.close(resolve));
        await apollo.stop();
      },
    };
    instances.push(instance);
    return instance;
  }

  /** A token for a caller no other test uses, so each test starts with a full allowance. */
  async function freshCaller(): Promise<{ name: string; token: string }> {
    const name = `limits.${randomBytes(4).toString("hex")}`;
    return { name, token: await signDevToken(keys, { issuer: TEST_ISSUER, user: name, roles: [Role.VLO] }) };
  }

  async function post(instance: Instance, token: string, query: string): Promise<Answer> {
    const response = await fetch(`${instance.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
  }

  function expectAllowed(answer: Answer): void {
    expect(answer.status).not.toBe(429);
    expect(answer.body.errors?.map((error) => error.extensions.code) ?? []).not.toContain("RATE_LIMITED");
  }

  function expectRateLimited(answer: Answer): void {
    expect(answer.status).toBe(429);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors!.map((error) => error.extensions.code)).toEqual(["RATE_LIMITED"]);
    const retryAfter = Number(answer.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Counted in five-second buckets: a request is forgotten between 60 and 65 s after it.
    expect(retryAfter).toBeLessThanOrEqual(65);
    expect(answer.body.errors![0].extensions.retryAfterSeconds).toBe(retryAfter);
  }

  /** Sockets the test opens are closed after it. */
  function open(instance: Instance): RawSocket {
    const raw = rawSocket(instance.subscriptionsUrl);
    sockets.push(raw);
    return raw;
  }

  describe("requests", () => {
    it("should let two instances together allow a caller MUTATIONS_PER_MINUTE changes, not twice as many", async () => {
      const alice = await freshCaller();
      expectAllowed(await post(first, alice.token, CHANGE()));
      expectAllowed(await post(second, alice.token, CHANGE()));
      expectAllowed(await post(first, alice.token, CHANGE()));
      expectRateLimited(await post(second, alice.token, CHANGE()));
      expectRateLimited(await post(first, alice.token, CHANGE()));
      // The allowance is the caller's own, and queries are counted apart.
      expectAllowed(await post(second, alice.token, VIEWER));
      const bob = await freshCaller();
      expectAllowed(await post(second, bob.token, CHANGE()));
    });

    it("should let exactly the limit through when one caller's changes race on both instances", async () => {
      const olivia = await freshCaller();
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(i % 2 ? first : second, olivia.token, CHANGE())),
      );
      expect(answers.filter((answer) => answer.status !== 429)).toHaveLength(3);
      for (const refused of answers.filter((answer) => answer.status === 429)) expectRateLimited(refused);
    });

    it("should give a caller exactly their connections when they race on both instances", async () => {
      const peggy = await freshCaller();
      // Two sockets on each instance: its cap on unauthenticated sockets.
      const answers = await Promise.all(
        Array.from({ length: 4 }, (_, i) => authenticate(open(i % 2 ? first : second), peggy.token)),
      );
      expect(answers.filter((answer) => answer === "ack")).toHaveLength(2);
      expect(answers.filter((answer) => answer !== "ack")).toEqual(
        Array.from({ length: 2 }, () => ({ code: 4429, reason: "Too many connections" })),
      );
    });

    it("should count every aliased change of one request against the shared allowance", async () => {
      const carol = await freshCaller();
      expectAllowed(await post(first, carol.token, TWO_CHANGES()));
      expectRateLimited(await post(second, carol.token, TWO_CHANGES()));
      expectAllowed(await post(second, carol.token, CHANGE()));
    });

    it("should let two instances together allow a caller QUERIES_PER_MINUTE queries, not twice as many", async () => {
      const dave = await freshCaller();
      for (const instance of [first, second, first, second]) {
        const answer = await post(instance, dave.token, VIEWER);
        expectAllowed(answer);
        expect((answer.body.data as { viewer: { actor: string } }).viewer.actor).toBe(dave.name);
      }
      expectRateLimited(await post(first, dave.token, VIEWER));
      const refused = await post(second, dave.token, VIEWER);
      expectRateLimited(refused);
      expect(refused.body.errors![0].message).toMatch(/^Too many queries/);
      // Changes are counted apart.
      expectAllowed(await post(first, dave.token, CHANGE()));
    });

    it("should turn a limit off when it is 0, and then not touch the database for it", async () => {
      const erin = await freshCaller();
      for (let i = 0; i < 10; i++) {
        expectAllowed(await post(i % 2 ? unlimited : unlimitedToo, erin.token, VIEWER));
        expectAllowed(await post(i % 2 ? unlimited : unlimitedToo, erin.token, CHANGE()));
      }
      const rows = (await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "rate_window" WHERE "caller" = $1`, [
        erin.name,
      ])) as { n: number }[];
      expect(rows[0].n).toBe(0);
    });

    it("should check the limit in exactly one statement per request, however many requests came before", async () => {
      const frank = await freshCaller();
      const grace = await freshCaller();
      const statementsOf = async (instance: Instance, token: string, query: string) => {
        h.statements.reset();
        const answer = await post(instance, token, query);
        expectAllowed(answer);
        return h.statements.count;
      };
      const unlimitedQuery = await statementsOf(unlimited, grace.token, VIEWER);
      const counted = [];
      for (let i = 0; i < 3; i++) counted.push(await statementsOf(first, frank.token, VIEWER));
      expect(counted).toEqual([unlimitedQuery + 1, unlimitedQuery + 1, unlimitedQuery + 1]);
      const unlimitedChange = await statementsOf(unlimited, grace.token, CHANGE());
      expect(await statementsOf(first, frank.token, CHANGE())).toBe(unlimitedChange + 1);
      // One row per caller and kind, whatever the traffic.
      const rows = (await h.dataSource.query(`SELECT "kind" FROM "rate_window" WHERE "caller" = $1 ORDER BY "kind"`, [
        frank.name,
      ])) as { kind: string }[];
      expect(rows.map((row) => row.kind)).toEqual(["MUTATION", "QUERY"]);
    });
  });

  describe("the shared window", () => {
    it("should allow at most the limit in any rolling minute, count no refusal, and say when the oldest request leaves it", async () => {
      const start = Date.parse("2026-12-01T10:00:00Z");
      const take = (seconds: number, count = 1) =>
        takeFromRateWindow(h.dataSource, {
          caller: "window.test",
          kind: "MUTATION",
          count,
          perMinute: 3,
          at: new Date(start + seconds * 1000),
        });
      expect(await take(0)).toEqual({ allowed: true });
      expect(await take(20)).toEqual({ allowed: true });
      expect(await take(40)).toEqual({ allowed: true });
      // The first leaves with its five-second bucket, 65 s after it began.
      expect(await take(50)).toEqual({ allowed: false, retryAfterSeconds: 15 });
      expect(await take(64)).toEqual({ allowed: false, retryAfterSeconds: 1 });
      expect(await take(65)).toEqual({ allowed: true });
      expect(await take(66)).toEqual({ allowed: false, retryAfterSeconds: 19 });
      // Two at once need the two oldest gone; more than the limit at once never fits.
      expect(await take(86, 2)).toEqual({ allowed: false, retryAfterSeconds: 19 });
      expect(await take(86, 4)).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect(await take(105, 2)).toEqual({ allowed: true });
      // After a quiet spell longer than the window, the whole allowance is back.
      expect(await take(600, 3)).toEqual({ allowed: true });
    });
  });

  describe("subscription connections", () => {
    it("should count a caller's connections across both instances, refuse the next with 4429, and take one again when one closes", async () => {
      const heidi = await freshCaller();
      const onFirst = open(first);
      expect(await authenticate(onFirst, heidi.token)).toBe("ack");
      expect(await authenticate(open(second), heidi.token)).toBe("ack");
      expect(await authenticate(open(first), heidi.token)).toEqual({ code: 4429, reason: "Too many connections" });
      expect(await authenticate(open(second), heidi.token)).toEqual({ code: 4429, reason: "Too many connections" });
      // The limit is per caller.
      const ivan = await freshCaller();
      expect(await authenticate(open(second), ivan.token)).toBe("ack");
      await closeSocket(onFirst);
      // The server frees the lease once its side of the close is done: try until it has.
      let answer: Awaited<ReturnType<typeof authenticate>> = { code: 0, reason: "" };
      for (let attempt = 0; attempt < 40 && answer !== "ack"; attempt++) {
        answer = await authenticate(open(second), heidi.token);
        if (answer !== "ack") await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(answer).toBe("ack");
    });

    it("should not limit a caller's connections when the limit is 0", async () => {
      const judy = await freshCaller();
      for (let i = 0; i < 4; i++)
        expect(await authenticate(open(i % 2 ? unlimited : unlimitedToo), judy.token)).toBe("ack");
      const rows = (await h.dataSource.query(
        `SELECT count(*)::int AS "n" FROM "connection_lease" WHERE "caller" = $1`,
        [judy.name],
      )) as { n: number }[];
      expect(rows[0].n).toBe(0);
    });

    it("should hand out exactly the caller's slots, none refused while one is free, when many connect at once on two instances", async () => {
      const logger = createLogger("silent");
      const instancesOfOne = [
        new ConnectionLeases(h.dataSource, 5, logger),
        new ConnectionLeases(h.dataSource, 5, logger),
      ];
      const leases = await Promise.all(Array.from({ length: 12 }, (_, i) => instancesOfOne[i % 2].acquire("nina.vlo")));
      const slots = leases.flatMap((lease) => (lease ? [lease.slot] : []));
      expect(slots.sort()).toEqual([1, 2, 3, 4, 5]);
      for (const leasesOfOne of instancesOfOne) await leasesOfOne.close();
    });

    it("should stop counting a crashed instance's connections once their leases expire, and never free another's slot", async () => {
      const logger = createLogger("silent");
      const start = Date.parse("2026-12-01T10:00:00Z");
      let now = start;
      const clock = () => new Date(now);
      const crashed = new ConnectionLeases(h.dataSource, 2, logger, clock);
      const survivor = new ConnectionLeases(h.dataSource, 2, logger, clock);
      const held = [await crashed.acquire("kim.vlo"), await crashed.acquire("kim.vlo")];
      expect(held.map((lease) => lease?.slot)).toEqual([1, 2]);
      now = start + 30_000;
      expect(await survivor.acquire("kim.vlo")).toBeNull();
      // Renewed while alive …
      await crashed.renew();
      now = start + 80_000;
      expect(await survivor.acquire("kim.vlo")).toBeNull();
      // … then it stops: a minute after its last renewal, its slots are taken over.
      now = start + 91_000;
      const taken = await survivor.acquire("kim.vlo");
      expect(taken?.slot).toBe(1);
      // A late release by the crashed instance does not free the slot its successor holds.
      await crashed.release(held[0]!);
      expect(await survivor.acquire("kim.vlo")).toMatchObject({ slot: 2 });
      expect(await survivor.acquire("kim.vlo")).toBeNull();
      await survivor.close();
      await crashed.close();
      const rows = (await h.dataSource.query(
        `SELECT count(*)::int AS "n" FROM "connection_lease" WHERE "caller" = 'kim.vlo'`,
      )) as {
        n: number;
      }[];
      expect(rows[0].n).toBe(0);
    });
  });

  describe("unauthenticated connections", () => {
    it("should refuse a socket past the instance's cap on unauthenticated connections with 1013, and take one again once one authenticates", async () => {
      const waiting = [open(first), open(first)];
      for (const raw of waiting) expect(await raw.opened).toBe(true);
      const extra = open(first);
      expect(await extra.closed).toEqual({ code: 1013, reason: "Too many unauthenticated connections" });
      // Another instance has its own cap.
      const elsewhere = open(second);
      expect(await elsewhere.opened).toBe(true);
      // Once one has authenticated it no longer counts.
      const lee = await freshCaller();
      expect(await authenticate(waiting[0], lee.token)).toBe("ack");
      expect(await authenticate(open(first), lee.token)).toBe("ack");
    });

    it("should not cap unauthenticated connections when the cap is 0", async () => {
      const waiting = Array.from({ length: 5 }, () => open(unlimited));
      for (const raw of waiting) expect(await raw.opened).toBe(true);
      const mallory = await freshCaller();
      expect(await authenticate(waiting[4], mallory.token)).toBe("ack");
    });
  });
});
