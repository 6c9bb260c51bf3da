import { Role } from "../../src/domain/security/role.enum";
import { buildAppSchema } from "../../src/graphql/build-schema";
import { Permission, POLICY, scopeOf } from "../../src/domain/security/policy";
import type { JsonObject } from "../support/harness";
import { bearer, connectLive, type LiveConnection } from "../support/live-client";
import { startHttpTestBed, type HttpTestBed, type HttpTestServer } from "../support/http-test-server";

// Subscriptions as a front end uses them: the real graphql-ws client, over a real WebSocket, to
// apps listening on loopback over the embedded database. Changes are made over HTTP, as a user
// would make them, and each arrives through the database's NOTIFY (never an in-process shortcut:
// the second app below hears what the first one committed).

const CASE_UPDATED = `subscription ($id: ID!) { caseUpdated(caseId: $id) { id reference status version } }`;
/** Each subscription and the permission it needs; the role matrix below is generated from the policy. */
const SUBSCRIPTIONS = [
  { operation: "caseUpdated", permission: Permission.READ_CASES },
  { operation: "workQueueChanged", permission: Permission.READ_CASES },
] as const;

const WORK_QUEUE_CHANGED = `subscription ($officerId: ID) { workQueueChanged(officerId: $officerId) { resync victimCase { reference region } } }`;

interface CaseUpdated {
  caseUpdated: { id: string; reference: string; status: string; version: number };
}
interface WorkQueueChanged<TCase = { reference: string; region: string }> {
  workQueueChanged: { resync: boolean; victimCase: TCase | null };
}

/** The invitation the first test sends. */
interface InviteResult {
  sendInvitation: { victimCase: { version: number } | null; userErrors: { code: string }[] };
}

interface DemoCase {
  id: string;
  reference: string;
  status: string;
  version: number;
  offender: { id: string; version: number };
}

describe("subscriptions over graphql-ws", () => {
  let bed: HttpTestBed;
  let app: HttpTestServer;
  let other: HttpTestServer;
  let tokens: Record<string, string>;
  let feedToken: string;
  const connections: LiveConnection[] = [];

  beforeAll(async () => {
    bed = await startHttpTestBed();
    app = await bed.listen();
    other = await bed.listen();
    tokens = await bed.demoTokens();
    feedToken = await bed.token({ client: "custody-feed", roles: ["VCS_CUSTODY_FEED"] });
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close();
  });
  afterAll(async () => {
    await bed.close();
  });

  function connect(server: HttpTestServer, params: Record<string, unknown> | undefined): LiveConnection {
    const connection = connectLive(server.subscriptionsUrl, params);
    connections.push(connection);
    return connection;
  }

  async function post<T = JsonObject>(
    server: HttpTestServer,
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }> {
    const response = await fetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: T;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    };
  }

  async function demoCase(reference: string, as = "alice.vlo"): Promise<DemoCase> {
    const { body } = await post<{ victimCases: { nodes: DemoCase[] } }>(
      app,
      tokens[as],
      `{ victimCases(first: 100) { nodes { id reference status version offender { id version } } } }`,
    );
    const found = body.data!.victimCases.nodes.find((candidate) => candidate.reference === reference);
    if (!found) throw new Error(`${reference} is not visible to ${as}`);
    return found;
  }

  async function recordCustodyEvent(
    offender: { id: string; version: number },
    type: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const { body } = await post<{ recordCustodyEvent: { userErrors: { code: string; message: string }[] } }>(
      app,
      feedToken,
      `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code message } } }`,
      {
        input: { offenderId: offender.id, expectedVersion: offender.version, type, occurredOn: "2026-11-02", ...extra },
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.recordCustodyEvent.userErrors).toEqual([]);
  }

  describe("caseUpdated", () => {
    it("should send the case as it is, then each committed change made on another instance, and nothing for a refused change", async () => {
      const referred = await demoCase("VCS-2026-000001");
      const stream = connect(other, bearer(tokens["alice.vlo"])).subscribe<CaseUpdated>(CASE_UPDATED, {
        id: referred.id,
      });
      expect(await stream.next()).toEqual({
        data: {
          caseUpdated: { id: referred.id, reference: "VCS-2026-000001", status: "REFERRED", version: referred.version },
        },
      });

      const invite = `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { version } userErrors { code } } }`;
      const sent = await post<InviteResult>(app, tokens["alice.vlo"], invite, {
        input: { caseId: referred.id, expectedVersion: referred.version, channel: "LETTER" },
      });
      expect(sent.body.data!.sendInvitation.userErrors).toEqual([]);
      expect((await stream.next()).data!.caseUpdated).toMatchObject({
        status: "INVITED",
        version: referred.version + 1,
      });

      // A stale version writes nothing, so nothing is announced: the next message is the change after it.
      const stale = await post<InviteResult>(app, tokens["alice.vlo"], invite, {
        input: { caseId: referred.id, expectedVersion: referred.version, channel: "LETTER" },
      });
      expect(stale.body.data!.sendInvitation.userErrors).toEqual([{ code: "STALE_VERSION" }]);
      const optIn = await post<{ recordOptIn: { userErrors: { code: string }[] } }>(
        app,
        tokens["alice.vlo"],
        `mutation ($input: RecordOptInInput!) { recordOptIn(input: $input) { userErrors { code } } }`,
        { input: { caseId: referred.id, expectedVersion: referred.version + 1 } },
      );
      expect(optIn.body.data!.recordOptIn.userErrors).toEqual([]);
      expect((await stream.next()).data!.caseUpdated).toMatchObject({
        status: "OPTED_IN",
        version: referred.version + 2,
      });
      expect(stream.pending).toEqual([]);
    });

    it("should tell a case's subscribers of a custody event recorded on its offender", async () => {
      const engaged = await demoCase("VCS-2026-000005");
      const stream = connect(app, bearer(tokens["alice.vlo"])).subscribe<{
        caseUpdated: { notifications: { kind: string }[] };
      }>(`subscription ($id: ID!) { caseUpdated(caseId: $id) { notifications { kind } } }`, { id: engaged.id });
      const before = (await stream.next()).data!.caseUpdated.notifications as { kind: string }[];
      await recordCustodyEvent(engaged.offender, "MOVED_TO_OPEN_CONDITIONS");
      const after = (await stream.next()).data!.caseUpdated.notifications as { kind: string }[];
      expect(after.map((notification) => notification.kind)).toEqual([
        "OPEN_CONDITIONS",
        ...before.map((notification) => notification.kind),
      ]);
    });

    it("should write an access-log row for personal data a subscription sends, under the subscription's correlation id", async () => {
      const referred = await demoCase("VCS-2026-000003");
      const stream = connect(app, {
        ...bearer(tokens["alice.vlo"]),
        "x-access-purpose": "LIVE_CASE_VIEW",
      }).subscribe<{ caseUpdated: { contacts: { name: string | null }[] } }>(
        `subscription ($id: ID!) { caseUpdated(caseId: $id) { contacts { name } } }`,
        { id: referred.id },
      );
      expect((await stream.next()).data!.caseUpdated.contacts).toEqual([{ name: "Chloe Example" }]);
      const rows = (await bed.dataSource.query(
        `SELECT "actor", "action", "purpose", "operation" FROM "access_log" WHERE "purpose" = 'LIVE_CASE_VIEW'`,
      )) as Record<string, string>[];
      expect(rows).toEqual([
        expect.objectContaining({ actor: "alice.vlo", action: "READ", purpose: "LIVE_CASE_VIEW" }),
      ]);
    });

    it("should refuse a case that does not exist, or that is in another region, with NOT_FOUND and end the operation", async () => {
      const bobsCase = await demoCase("VCS-2026-000010", "bob.vlo");
      const connection = connect(app, bearer(tokens["alice.vlo"]));
      for (const id of [bobsCase.id, "VmljdGltQ2FzZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA", "not-an-id"]) {
        const stream = connection.subscribe<CaseUpdated>(CASE_UPDATED, { id });
        const result = await stream.next();
        expect(result.data ?? null).toBeNull();
        expect(result.errors!.map((error) => error.extensions!.code)).toEqual(["NOT_FOUND"]);
        await stream.ended();
        expect(stream.completed).toBe(true);
      }
    });

    it("should end the subscription when the case moves to a region the subscriber may not see", async () => {
      const moving = await demoCase("VCS-2026-000004");
      const stream = connect(other, bearer(tokens["alice.vlo"])).subscribe<CaseUpdated>(CASE_UPDATED, {
        id: moving.id,
      });
      await stream.next();
      // No operation moves a case across regions yet; the database is changed as another system would.
      await bed.dataSource.query(`UPDATE "victim_case" SET "region" = 'LONDON' WHERE "reference" = 'VCS-2026-000004'`);
      await stream.ended();
      expect(stream.completed).toBe(true);
      expect(stream.pending).toEqual([]);
      await bed.dataSource.query(
        `UPDATE "victim_case" SET "region" = 'NORTH_EAST' WHERE "reference" = 'VCS-2026-000004'`,
      );
    });
  });

  describe("workQueueChanged", () => {
    it("should start with a resync, then tell each officer of new work in their region only, whichever instance made it", async () => {
      const sdsCase = await demoCase("VCS-2026-000005");
      const plusCase = await demoCase("VCS-2026-000010", "bob.vlo");
      const alice = connect(other, bearer(tokens["alice.vlo"])).subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      const bob = connect(other, bearer(tokens["bob.vlo"])).subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      expect(await alice.next()).toEqual({ data: { workQueueChanged: { resync: true, victimCase: null } } });
      expect(await bob.next()).toEqual({ data: { workQueueChanged: { resync: true, victimCase: null } } });

      // The SDS offender's only engaged victim is alice's (bob's opted out): a notification for alice.
      await recordCustodyEvent((await demoCase("VCS-2026-000005")).offender, "TEMPORARY_RELEASE", {
        temporaryReleaseType: "RESETTLEMENT_DAY_RELEASE",
      });
      expect(await alice.next()).toEqual({
        data: {
          workQueueChanged: { resync: false, victimCase: { reference: sdsCase.reference, region: "NORTH_EAST" } },
        },
      });
      // The recalled offender of bob's case is released again: bob hears of it, and it is bob's first news.
      await recordCustodyEvent(plusCase.offender, "RE_RELEASED");
      expect(await bob.next()).toEqual({
        data: { workQueueChanged: { resync: false, victimCase: { reference: plusCase.reference, region: "LONDON" } } },
      });
      expect(alice.pending).toEqual([]);
    });

    it("should tell of a task raised by a referral and closed by the first invitation", async () => {
      const queue = connect(other, bearer(tokens["alice.vlo"])).subscribe<
        WorkQueueChanged<{ reference: string; tasks: { kind: string; status: string }[] }>
      >(`subscription { workQueueChanged { resync victimCase { reference tasks { kind status } } } }`);
      expect((await queue.next()).data!.workQueueChanged.resync).toBe(true);
      const sdsCase = await demoCase("VCS-2026-000001");
      const referred = await post<{
        referVictimCase: {
          victimCase: { id: string; reference: string; version: number } | null;
          userErrors: { code: string }[];
        };
      }>(
        app,
        tokens["alice.vlo"],
        `mutation ($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { victimCase { id reference version } userErrors { code } } }`,
        {
          input: {
            offenderId: sdsCase.offender.id,
            referredOn: "2026-11-02",
            contact: {
              role: "VICTIM",
              name: "Live Example",
              address: { line1: "1 High Street", town: "Leeds", postcode: "LS1 1AA" },
            },
          },
        },
      );
      const victimCase = referred.body.data!.referVictimCase.victimCase as {
        id: string;
        reference: string;
        version: number;
      };
      expect((await queue.next()).data!.workQueueChanged.victimCase).toEqual({
        reference: victimCase.reference,
        tasks: [{ kind: "FIRST_CONTACT", status: "OPEN" }],
      });

      await post(
        app,
        tokens["alice.vlo"],
        `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { userErrors { code } } }`,
        { input: { caseId: victimCase.id, expectedVersion: victimCase.version, channel: "LETTER" } },
      );
      expect((await queue.next()).data!.workQueueChanged.victimCase).toEqual({
        reference: victimCase.reference,
        tasks: [{ kind: "FIRST_CONTACT", status: "DONE" }],
      });
    });

    it("should keep to one officer's cases when asked, and match nothing for an unknown officer id", async () => {
      const { body } = await post<{ viewer: { officer: { id: string } } }>(
        app,
        tokens["carol.manager"],
        `{ viewer { officer { id } } }`,
      );
      const carolId = body.data!.viewer.officer.id;
      const connection = connect(app, bearer(tokens["carol.manager"]));
      const carolsOwn = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED, { officerId: carolId });
      const nobodys = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED, { officerId: "not-an-officer" });
      const everyone = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      for (const stream of [carolsOwn, nobodys, everyone])
        expect((await stream.next()).data!.workQueueChanged.resync).toBe(true);

      const engaged = await demoCase("VCS-2026-000008");
      await recordCustodyEvent(engaged.offender, "PAROLE_DECISION", { outcome: "NO_RELEASE" });
      expect((await everyone.next()).data!.workQueueChanged.victimCase).toEqual({
        reference: "VCS-2026-000008",
        region: "NORTH_EAST",
      });
      expect(carolsOwn.pending).toEqual([]);
      expect(nobodys.pending).toEqual([]);
    });
  });

  describe("who may subscribe", () => {
    it("should have a role-matrix row for every subscription when the schema is built", async () => {
      const schema = await buildAppSchema();
      expect(Object.keys(schema.getSubscriptionType()!.getFields()).sort()).toEqual(
        SUBSCRIPTIONS.map((subscription) => subscription.operation).sort(),
      );
    });

    // A user token names alice.vlo (a North East officer) with the one role; a system role gets a client token.
    describe.each(Object.values(Role))("as %s", (role) => {
      const scope = scopeOf([role], Permission.READ_CASES, POLICY[role].caller);
      const expectedOn = (region: "NORTH_EAST" | "LONDON") =>
        scope === "ALL" || (scope === "OWN_REGION" && region === "NORTH_EAST")
          ? "ALLOWED"
          : scope === "OWN_REGION"
            ? "NOT_FOUND"
            : "FORBIDDEN";

      it.each([
        ["the own-region case", "VCS-2026-000002", "NORTH_EAST"],
        ["the other-region case", "VCS-2026-000010", "LONDON"],
      ] as const)(
        `should follow the policy when the role subscribes to caseUpdated of %s`,
        async (_label, reference, region) => {
          const target = await demoCase(reference, region === "NORTH_EAST" ? "alice.vlo" : "bob.vlo");
          const name = role.replace("ROLE_", "");
          const token =
            POLICY[role].caller === "SYSTEM"
              ? await bed.token({ client: "matrix-client", roles: [name] })
              : await bed.token({ user: "alice.vlo", roles: [name] });
          const first = await connect(app, bearer(token))
            .subscribe<CaseUpdated>(CASE_UPDATED, { id: target.id })
            .next();
          const expected = expectedOn(region);
          if (expected === "ALLOWED") expect(first.data!.caseUpdated.reference).toBe(reference);
          else expect(first.errors!.map((error) => error.extensions!.code)).toEqual([expected]);
        },
      );

      it("should follow the policy when the role subscribes to workQueueChanged", async () => {
        const name = role.replace("ROLE_", "");
        const token =
          POLICY[role].caller === "SYSTEM"
            ? await bed.token({ client: "matrix-client", roles: [name] })
            : await bed.token({ user: "alice.vlo", roles: [name] });
        const first = await connect(app, bearer(token)).subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED).next();
        if (scope === null) expect(first.errors!.map((error) => error.extensions!.code)).toEqual(["FORBIDDEN"]);
        else expect(first.data!.workQueueChanged.resync).toBe(true);
      });
    });
  });

  describe("refusals", () => {
    it("should close a connection without a valid token with 4403, before any operation runs", async () => {
      for (const params of [
        undefined,
        { authorization: "Bearer not.a.token" },
        { authorization: tokens["alice.vlo"] },
        { ...bearer(tokens["alice.vlo"]), "x-access-purpose": "bad purpose" },
      ]) {
        const connection = connect(app, params);
        const stream = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
        expect(await connection.closed).toEqual({ code: 4403, reason: "Forbidden" });
        await stream.ended();
        expect(stream.failure).not.toBeNull();
      }
    });

    it("should close the connection when its token expires", async () => {
      const shortLived = await bed.token({ user: "alice.vlo", roles: ["VCS_VLO"], ttlSeconds: 2 });
      const connection = connect(app, bearer(shortLived));
      const stream = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      expect((await stream.next()).data!.workQueueChanged.resync).toBe(true);
      expect(await connection.closed).toEqual({ code: 4403, reason: "Token expired" });
    });

    it("should refuse queries and mutations on the connection, malformed documents, and documents over the limits, each with its code", async () => {
      const connection = connect(app, bearer(tokens["alice.vlo"]));
      const cases: [string, string][] = [
        ["{ viewer { actor } }", "BAD_REQUEST"],
        ["mutation { __typename }", "BAD_REQUEST"],
        ["subscription { caseUpdated(", "GRAPHQL_PARSE_FAILED"],
        ["subscription { noSuchField }", "GRAPHQL_VALIDATION_FAILED"],
        [
          `subscription { workQueueChanged { victimCase { offender { victimCases(first: 100) { nodes { offender { victimCases(first: 100) { nodes { offender { victimCases(first: 100) { nodes { id } } } } } } } } } } } }`,
          "QUERY_TOO_COMPLEX",
        ],
      ];
      for (const [query, code] of cases) {
        const stream = connection.subscribe(query);
        await stream.ended();
        const errors = stream.failure as { message: string; extensions: Record<string, unknown> }[];
        expect({ query, codes: errors.map((error) => error.extensions.code) }).toEqual({ query, codes: [code] });
        expect(JSON.stringify(errors)).not.toMatch(/stack|at \w+ \(|SELECT|node_modules/);
      }
    });

    it("should refuse a caller whose role may not read cases with FORBIDDEN", async () => {
      const stream = connect(app, bearer(feedToken)).subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      const result = await stream.next();
      expect(result.errors!.map((error) => error.extensions!.code)).toEqual(["FORBIDDEN"]);
    });

    it("should allow at most 20 subscriptions at once on one connection", async () => {
      const connection = connect(app, bearer(tokens["alice.vlo"]));
      const streams = Array.from({ length: 20 }, () => connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED));
      for (const stream of streams) expect((await stream.next()).data!.workQueueChanged.resync).toBe(true);
      const extra = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      await extra.ended();
      expect((extra.failure as { extensions: { code: string } }[])[0].extensions.code).toBe("TOO_MANY_SUBSCRIPTIONS");
      // Completing one makes room for another.
      streams[0].stop();
      const replacement = connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
      expect((await replacement.next()).data!.workQueueChanged.resync).toBe(true);
    });

    it("should refuse a caller's connections past the per-caller limit with 4429, and take one again when one closes", async () => {
      const limited = await bed.listen({ maxConnectionsPerCaller: 2 });
      try {
        const held = [connect(limited, bearer(tokens["alice.vlo"])), connect(limited, bearer(tokens["alice.vlo"]))];
        for (const connection of held)
          expect(
            (await connection.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED).next()).data!.workQueueChanged.resync,
          ).toBe(true);
        const third = connect(limited, bearer(tokens["alice.vlo"]));
        third.subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED);
        expect(await third.closed).toEqual({ code: 4429, reason: "Too many connections" });
        // The limit is per caller: another officer still connects.
        expect(
          (await connect(limited, bearer(tokens["bob.vlo"])).subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED).next())
            .data!.workQueueChanged.resync,
        ).toBe(true);
        await held[0].close();
        // The server counts the socket closed once its side of the close is done: try until it has.
        let accepted = false;
        for (let attempt = 0; attempt < 40 && !accepted; attempt++) {
          const again = connect(limited, bearer(tokens["alice.vlo"]));
          accepted = await again
            .subscribe<WorkQueueChanged>(WORK_QUEUE_CHANGED)
            .next()
            .then(
              (result) => result.data!.workQueueChanged.resync === true,
              () => false,
            );
          if (!accepted) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(accepted).toBe(true);
      } finally {
        await limited.close();
      }
    });

    it("should refuse a subscription sent over HTTP with 400 BAD_REQUEST", async () => {
      const { status, body } = await post(app, tokens["alice.vlo"], "subscription { workQueueChanged { resync } }");
      expect(status).toBe(400);
      expect(body.errors!.map((error) => error.extensions!.code)).toEqual(["BAD_REQUEST"]);
    });
  });
});
