import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DataSource } from "typeorm";
import { createApp } from "../../src/server";
import { createLogger } from "../../src/services/platform/logger";
import { startHttpTestBed, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";

// The transport a front end sees: a listening server on loopback, the demo data, CSRF rules.
describe("HTTP server", () => {
  let bed: HttpTestBed;
  let base: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    bed = await startHttpTestBed();
    tokens = await bed.demoTokens();
    ({ base } = await bed.listen({
      sandboxEnabled: true,
      mintBrowserToken: () => bed.tokenFor("alice.vlo"),
      publishedJwks: bed.keys.publicJwks,
    }));
  });
  afterAll(() => bed.close());

  // Response bodies are checked field by field below.
  const json = <T = GraphQLBody>(response: Response): Promise<T> => response.json() as Promise<T>;
  const graphql = (query: string, variables: Record<string, unknown> = {}, as = "alice.vlo") =>
    fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens[as]}` },
      body: JSON.stringify({ query, variables }),
    });

  it("should answer 200 on /healthz once the database answers", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("should answer 503 on /healthz while the database does not answer", async () => {
    // A data source never connected: every statement fails, as it does while the database is down.
    const unreachable = new DataSource({ type: "postgres", url: "postgres://127.0.0.1:1/none" });
    const { listener, apollo } = await createApp({
      dataSource: unreachable,
      logger: createLogger("silent"),
      sandboxEnabled: false,
      verifyToken: () => Promise.reject(new Error("no token is checked here")),
    });
    const server = createServer(listener).listen(0, "127.0.0.1");
    try {
      await new Promise((resolve) => server.once("listening", resolve));
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await response.json()).toEqual({ status: "unavailable" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    }
  });

  it("should answer 401 UNAUTHENTICATED without a token, or with one that does not verify", async () => {
    for (const authorization of [
      undefined,
      "Bearer not.a.token",
      `Bearer ${tokens["alice.vlo"].slice(0, -4)}AAAA`,
      `Basic ${tokens["alice.vlo"]}`,
    ]) {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: "{ viewer { actor } }" }),
      });
      expect(response.status).toBe(401);
      expect((await json(response)).errors![0].extensions.code).toBe("UNAUTHENTICATED");
    }
  });

  it("should publish the development issuer's public keys, and no private part", async () => {
    const jwks = await json<{ keys: Record<string, unknown>[] }>(await fetch(`${base}/.well-known/jwks.json`));
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", alg: "ES256", use: "sig" });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it("should show each VLO only the cases of their own region", async () => {
    interface RegionView {
      viewer: { actor: string; officer: { region: string | null } | null };
      victimCases: { totalCount: number; nodes: { region: string }[] };
    }
    const query = `{ viewer { actor officer { region } } victimCases(first: 100) { totalCount nodes { region } } }`;
    const alice = (await json<GraphQLBody<RegionView>>(await graphql(query))).data!;
    const bob = (await json<GraphQLBody<RegionView>>(await graphql(query, {}, "bob.vlo"))).data!;
    expect(alice.viewer).toEqual({ actor: "alice.vlo", officer: { region: "NORTH_EAST" } });
    expect(new Set(alice.victimCases.nodes.map((node: { region: string }) => node.region))).toEqual(
      new Set(["NORTH_EAST"]),
    );
    expect(new Set(bob.victimCases.nodes.map((node: { region: string }) => node.region))).toEqual(new Set(["LONDON"]));
    expect(alice.victimCases.totalCount + bob.victimCases.totalCount).toBe(11);
  });

  it("should serve demo cases in every status, reached through the machines", async () => {
    const response = await graphql(
      `
        {
          victimCases(first: 100) {
            nodes {
              status
              history {
                totalCount
              }
            }
          }
        }
      `,
      {},
      "ann.analyst",
    );
    const body =
      await json<GraphQLBody<{ victimCases: { nodes: { status: string; history: { totalCount: number } }[] } }>>(
        response,
      );
    const cases = body.data!.victimCases.nodes;
    expect(new Set(cases.map((victimCase) => victimCase.status))).toEqual(
      new Set([
        "REFERRED",
        "INVITED",
        "OPTED_IN",
        "DECLINED",
        "ACTIVE",
        "PAROLE",
        "RELEASED",
        "RECALLED",
        "OPTED_OUT",
        "CLOSED",
      ]),
    );
    // Every case beyond REFERRED got there through recorded transitions.
    for (const victimCase of cases)
      if (victimCase.status !== "REFERRED") expect(victimCase.history.totalCount).toBeGreaterThan(1);
  });

  it("should serve a demo parole review with its hearing and deadlines, and the victim's steps on her case", async () => {
    interface ReviewedOffenders {
      offenders: {
        nodes: {
          name: string;
          paroleReviews: {
            status: string;
            hearingType: string | null;
            targetHearingDate: string | null;
            statementDueOn: string | null;
            applicationsDueOn: string | null;
          }[];
          victimCases: { nodes: Record<string, unknown>[] };
        }[];
      };
    }
    const body = await json<GraphQLBody<ReviewedOffenders>>(
      await graphql(
        `
          {
            offenders(first: 10) {
              nodes {
                name
                paroleReviews {
                  status
                  hearingType
                  targetHearingDate
                  statementDueOn
                  applicationsDueOn
                }
                victimCases(first: 5) {
                  nodes {
                    personalStatements {
                      status
                    }
                    licenceConditionRequests {
                      kind
                      status
                      decisionMaker
                    }
                  }
                }
              }
            }
          }
        `,
        {},
        "alice.vlo",
      ),
    );
    expect(body.errors).toBeUndefined();
    const eds = body.data!.offenders.nodes.find((offender: { name: string }) => offender.name === "Kieran Holt")!;
    const [review] = eds.paroleReviews;
    expect(review).toMatchObject({ status: "HEARING_SCHEDULED", hearingType: "ORAL" });
    // 28 days and 12 weeks before the hearing.
    const daysBefore = (days: number) =>
      new Date(Date.parse(`${review.targetHearingDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    expect([review.statementDueOn, review.applicationsDueOn]).toEqual([daysBefore(28), daysBefore(84)]);
    expect(eds.victimCases.nodes).toEqual([
      {
        personalStatements: [{ status: "INVITED" }],
        licenceConditionRequests: [{ kind: "EXCLUSION_ZONE", status: "FORWARDED", decisionMaker: "PAROLE_BOARD" }],
      },
    ]);
  });

  it("should drive a case from referral to an engaged status over HTTP, with a correlation id on every response", async () => {
    const offenders = await json<GraphQLBody<{ offenders: { nodes: { id: string; custodyPhase: string }[] } }>>(
      await graphql(`
        {
          offenders(first: 100) {
            nodes {
              id
              custodyPhase
            }
          }
        }
      `),
    );
    const offenderId = offenders.data!.offenders.nodes.find(
      (offender: { custodyPhase: string }) => offender.custodyPhase === "IN_CUSTODY",
    )!.id;
    const referred = await graphql(
      `
        mutation ($input: ReferVictimCaseInput!) {
          referVictimCase(input: $input) {
            victimCase {
              id
              version
            }
            userErrors {
              code
            }
          }
        }
      `,
      {
        input: {
          offenderId,
          referredOn: "2026-11-02",
          contact: {
            role: "VICTIM",
            name: "Http Person",
            address: { line1: "1 Way", town: "Leeds", postcode: "LS1 1AA" },
          },
        },
      },
    );
    expect(referred.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    const caseId = (
      await json<GraphQLBody<{ referVictimCase: { victimCase: { id: string; version: number } | null } }>>(referred)
    ).data!.referVictimCase.victimCase!.id;
    const steps = [
      `sendInvitation(input: { caseId: "${caseId}", channel: LETTER })`,
      `recordOptIn(input: { caseId: "${caseId}" })`,
      `agreeContactPlan(input: { caseId: "${caseId}", informationLevel: ANNUAL_LETTER, channels: [LETTER] })`,
    ];
    let status = "";
    for (const step of steps) {
      const body = await json(await graphql(`mutation { ${step} { victimCase { status } userErrors { code } } }`));
      const payload = Object.values(body.data!)[0] as { victimCase: { status: string }; userErrors: unknown[] };
      expect(payload.userErrors).toEqual([]);
      status = payload.victimCase.status;
    }
    expect(status).toBe("ACTIVE");
  });

  it("should refuse a simple cross-site request (CSRF prevention)", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ offenders { totalCount } }" }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it("should serve the Sandbox landing page to a browser outside production, signed in as alice", async () => {
    const response = await fetch(`${base}/`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const token = /Bearer ([\w-]+\.[\w-]+\.[\w-]+)/.exec(await response.text())![1];
    const viewer = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ viewer { actor } }" }),
    });
    expect((await json<GraphQLBody<{ viewer: { actor: string } }>>(viewer)).data!.viewer.actor).toBe("alice.vlo");
  });

  it("should answer malformed JSON variables with a 400 and BAD_USER_INPUT, not a crash", async () => {
    const response = await graphql(
      `
        query ($first: Int) {
          victimCases(first: $first) {
            totalCount
          }
        }
      `,
      { first: "many" },
    );
    expect(response.status).toBe(400);
    expect((await json(response)).errors![0].extensions.code).toBe("BAD_USER_INPUT");
  });
});
