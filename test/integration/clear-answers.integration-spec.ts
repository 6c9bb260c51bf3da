import { SignJWT } from "jose";
import { DEVELOPMENT_ISSUER, loadConfig } from "../../src/config";
import { createLogger } from "../../src/services/platform/logger";
import {
  AGREE_CONTACT_PLAN,
  createOffender,
  mutate,
  RECORD_DECLINE,
  referCase,
  SEND_INVITATION,
  type Payload,
} from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";
import { startHttpTestBed, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";

// Answers standard clients understand (issue 12, points 8-10): the HTTP status of GraphQL over
// HTTP, refusals that say what and why, and a development token that does not depend on the port.
describe("answers over HTTP", () => {
  let bed: HttpTestBed;
  let base: string;
  let productionBase: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    bed = await startHttpTestBed();
    ({ base } = await bed.listen({
      exposeTokenFailureReason: true,
      logger: createLogger("info", (line) => logLines.push(line)),
    }));
    ({ base: productionBase } = await bed.listen({ exposeTokenFailureReason: false }));
  });
  afterAll(() => bed.close());

  async function post(
    query: string,
    options: { token?: string; accept?: string; to?: string } = {},
  ): Promise<{ status: number; contentType: string | null; body: GraphQLBody }> {
    const response = await fetch(`${options.to ?? base}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.accept ? { accept: options.accept } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      body: (await response.json()) as GraphQLBody,
    };
  }

  describe.each(["application/json", "application/graphql-response+json"])("accepting %s", (accept) => {
    it("should answer 200 when data comes back beside a field refused as FORBIDDEN", async () => {
      const token = await bed.tokenFor("ann.analyst");
      const { status, contentType, body } = await post(
        "{ victimCases(first: 1) { nodes { reference contacts { name } } } }",
        {
          token,
          accept,
        },
      );
      expect(status).toBe(200);
      expect(contentType).toContain(accept);
      const nodes = (body.data as { victimCases: { nodes: { reference: string; contacts: { name: null }[] }[] } })
        .victimCases.nodes;
      expect(nodes[0].reference).toEqual(expect.any(String));
      expect(nodes[0].contacts[0].name).toBeNull();
      expect(body.errors![0].extensions.code).toBe("FORBIDDEN");
      expect(body.errors![0].message).toContain("READ_PERSONAL_DATA");
    });

    it("should answer 200 when the refused field leaves data null, since the operation ran", async () => {
      const token = await bed.tokenFor("ann.analyst");
      const { status, body } = await post("{ accessLog(first: 1) { totalCount } }", { token, accept });
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors![0].extensions.code).toBe("FORBIDDEN");
      expect(body.errors![0].message).toContain("READ_ACCESS_LOG");
    });

    it("should answer 400 for a request that never executed (a field the schema does not have)", async () => {
      const token = await bed.tokenFor("alice.vlo");
      const { status, body } = await post("{ noSuchField }", { token, accept });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    });

    it("should answer 401 without a token, and execute nothing", async () => {
      const { status, body } = await post("{ viewer { actor } }", { accept });
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "MISSING" });
    });
  });

  describe("a refused token", () => {
    const signed = async (claims: Record<string, unknown>, issuer: string, expiresAt: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: bed.keys.keyId, typ: "JWT" })
        .setIssuer(issuer)
        .setIssuedAt(expiresAt - 3600)
        .setExpirationTime(expiresAt)
        .sign(bed.keys.privateKey);
    const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
    const alice = { user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] };

    it.each([
      ["EXPIRED", () => signed(alice, DEVELOPMENT_ISSUER, Math.floor(Date.now() / 1000) - 600)],
      ["WRONG_ISSUER", () => signed(alice, "http://localhost:4000", inAnHour())],
      ["BAD_SIGNATURE", async () => `${(await bed.tokenFor("alice.vlo")).slice(0, -6)}AAAAAA`],
      ["NO_AUTHORITIES", () => signed({ user_name: "alice.vlo", authorities: [] }, DEVELOPMENT_ISSUER, inAnHour())],
    ] as [string, () => Promise<string>][])(
      "should name the reason %s in the 401 outside production, log it at info, and never in production",
      async (reason, makeToken) => {
        const token = await makeToken();
        logLines.length = 0;
        const named = await post("{ viewer { actor } }", { token });
        expect(named.status).toBe(401);
        expect(named.body.errors![0].extensions).toMatchObject({ code: "UNAUTHENTICATED", reason });
        const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(logged).toContainEqual(expect.objectContaining({ level: "info", message: "token refused", reason }));
        expect(logLines.join("\n")).not.toContain(token);

        const hidden = await post("{ viewer { actor } }", { token, to: productionBase });
        expect(hidden.status).toBe(401);
        expect(hidden.body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
        expect(hidden.body.errors![0].extensions.reason).toBeUndefined();
      },
    );
  });

  it("should give the development issuer the same name whatever PORT the server and npm run token have", () => {
    const issuers = [{}, { PORT: "4000" }, { PORT: "4321" }].map(
      (port) => loadConfig({ NODE_ENV: "development", ...port }).auth.issuer,
    );
    expect(new Set(issuers)).toEqual(new Set([DEVELOPMENT_ISSUER]));
  });
});

describe.each(ENGINES)("refusals that say what and why (%s)", (engine) => {
  let h: Harness;
  let offenderId: string;
  beforeAll(async () => {
    h = await startHarness(engine);
    offenderId = (await createOffender(h)).id;
  });
  afterAll(() => h.close());

  it("should name the case's status, the action and the statuses it needs, at the caseId field", async () => {
    const declined = await referCase(h, offenderId);
    await mutate(h, SEND_INVITATION, { caseId: declined.id, channel: "LETTER" });
    await mutate(h, RECORD_DECLINE, { caseId: declined.id });
    const payload = await mutate<Payload>(h, AGREE_CONTACT_PLAN, {
      caseId: declined.id,
      informationLevel: "KEY_STAGES",
      channels: ["LETTER"],
    });
    expect(payload.userErrors).toEqual([
      {
        code: "TRANSITION_NOT_ALLOWED",
        message:
          "The case is DECLINED; AGREE_CONTACT_PLAN (agreeContactPlan) needs OPTED_IN, ACTIVE, PAROLE, RELEASED or RECALLED.",
        field: ["input", "caseId"],
      },
    ]);
    const invitation = await mutate<Payload>(h, SEND_INVITATION, { caseId: declined.id, channel: "LETTER" });
    expect(invitation.userErrors[0].message).toBe(
      "The case is DECLINED; SEND_INVITATION (sendInvitation) needs REFERRED or INVITED.",
    );
  });

  it("should write a repeated channel's refusal in English, at the channels field", async () => {
    const victimCase = await referCase(h, offenderId);
    const result = await h.run(
      `mutation ($input: AgreeContactPlanInput!) { agreeContactPlan(input: $input) { userErrors { code } } }`,
      { input: { caseId: victimCase.id, informationLevel: "KEY_STAGES", channels: ["LETTER", "LETTER"] } },
    );
    const fields = result.errors![0].extensions!.fields as { field: string[]; messages: string[] }[];
    expect(fields).toEqual([
      expect.objectContaining({ field: ["input", "channels"], messages: ["channels must not repeat a channel"] }),
    ]);
  });

  it("should point a work-queue filter's refusal at filter, not input", async () => {
    const result = await h.run(`query ($filter: WorkQueueFilter) { workQueue(filter: $filter) { totalCount } }`, {
      filter: { dueWithinWorkingDays: 61 },
    });
    const fields = result.errors![0].extensions!.fields as { field: string[] }[];
    expect(fields.map((entry) => entry.field)).toEqual([["filter", "dueWithinWorkingDays"]]);
  });
});
