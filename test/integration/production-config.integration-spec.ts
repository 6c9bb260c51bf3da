import { SignJWT } from "jose";
import { createTokenVerifier } from "../../src/services/security/identity";
import { createLogger, type Logger } from "../../src/services/platform/logger";
import { startHttpTestBed, TEST_ISSUER, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";

// The server as production builds it (ENABLE_SANDBOX unset: sandboxEnabled false), probed over HTTP
// the way an attacker would. A development build of the same app is the control where it matters.
describe("production configuration", () => {
  let bed: HttpTestBed;
  let tokens: Record<string, string>;
  let production: string;
  let development: string;

  beforeAll(async () => {
    bed = await startHttpTestBed();
    tokens = await bed.demoTokens();
    ({ base: production } = await bed.listen({ sandboxEnabled: false }));
    ({ base: development } = await bed.listen({ sandboxEnabled: true }));
  });
  afterAll(() => bed.close());

  // Response bodies are checked field by field below.
  const json = <T = GraphQLBody>(response: Response): Promise<T> => response.json() as Promise<T>;
  const bearer = () => ({ authorization: `Bearer ${tokens["alice.vlo"]}` });
  const postBody = (body: string, to = production, headers: Record<string, string> = {}) =>
    fetch(`${to}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(), ...headers },
      body,
    });
  const graphql = (query: string, variables: Record<string, unknown> = {}, to = production) =>
    postBody(JSON.stringify({ query, variables }), to);

  it("should refuse introspection when the sandbox is off", async () => {
    for (const query of [`{ __schema { queryType { name } } }`, `{ __type(name: "VictimCase") { fields { name } } }`]) {
      const response = await graphql(query);
      const body = await json(response);
      expect(response.status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors![0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(body.errors![0].message).toMatch(/introspection/i);
    }
    // __typename is not introspection of the schema and stays available.
    expect(
      (
        await json(
          await graphql(`
            {
              __typename
            }
          `),
        )
      ).data,
    ).toEqual({ __typename: "Query" });
  });

  it("should not serve the Sandbox landing page when a browser asks for / in production", async () => {
    for (const path of ["/", "/graphql"]) {
      const response = await fetch(`${production}${path}`, { headers: { accept: "text/html" } });
      const text = await response.text();
      expect(response.status).not.toBe(200);
      expect(response.headers.get("content-type") ?? "").not.toMatch(/text\/html/);
      expect(text).not.toMatch(/<html|sandbox|embeddable|apollographql/i);
    }
    // The control: the development build serves it.
    const control = await fetch(`${development}/`, { headers: { accept: "text/html" } });
    expect(control.status).toBe(200);
    expect(await control.text()).toMatch(/<html/i);
  });

  it("should give no 'Did you mean' schema hints when a field, argument or type is misspelt in production", async () => {
    const misspelt = [
      `{ victimCase(id: "x") { referenc } }`,
      `{ victimCases(frist: 1) { totalCount } }`,
      `query ($first: Intt) { victimCases(first: $first) { totalCount } }`,
      `{ victimCases(filter: { statu: [ACTIVE] }) { totalCount } }`,
      `{ victimCases(filter: { status: [ACTIV] }) { totalCount } }`,
    ];
    for (const query of misspelt) {
      const response = await graphql(query);
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(text).not.toMatch(/did you mean/i);
      expect(JSON.parse(text).data).toBeUndefined();
    }
    // The control: development does suggest, so the check above is not vacuous.
    expect(await (await graphql(misspelt[0], {}, development)).text()).toMatch(/did you mean/i);
  });

  it("should refuse a batched request when the body is a JSON array", async () => {
    const response = await postBody(
      JSON.stringify([{ query: "{ viewer { actor } }" }, { query: "{ viewer { actor } }" }]),
    );
    const body = await json(response);
    expect(response.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors![0].extensions.code).toBe("BAD_REQUEST");
    expect(body.errors![0].message).toMatch(/batching/i);
  });

  it("should refuse a GET query without a preflight header (CSRF) and answer it with one", async () => {
    const url = `${production}/graphql?query=${encodeURIComponent("{ viewer { actor } }")}`;
    const refused = await fetch(url, { headers: bearer() });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/CSRF/);

    const preflighted = await fetch(url, { headers: { ...bearer(), "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
    expect((await json<GraphQLBody<{ viewer: { actor: string } }>>(preflighted)).data!.viewer.actor).toBe("alice.vlo");
  });

  it("should refuse a mutation sent as GET when it is preflighted", async () => {
    const url = `${production}/graphql?query=${encodeURIComponent(`mutation { recordOptIn(input: { caseId: "x" }) { userErrors { code } } }`)}`;
    const response = await fetch(url, { headers: { ...bearer(), "apollo-require-preflight": "true" } });
    expect(response.status).toBe(405);
  });

  it("should never show a stack trace or internal detail when requests fail in any way", async () => {
    const failures: Response[] = [
      await graphql(`{ viewer { actor `),
      await graphql(`
        {
          nope
        }
      `),
      await graphql(
        `
          query ($first: Int) {
            victimCases(first: $first) {
              totalCount
            }
          }
        `,
        { first: "many" },
      ),
      await graphql(`
        {
          victimCases(first: 1000) {
            totalCount
          }
        }
      `),
      await graphql(`
        {
          victimCases(after: "bm90IGEgY3Vyc29y") {
            totalCount
          }
        }
      `),
      await graphql(`{ a(b: ${"[".repeat(5_000)}`),
      await postBody(`{"query": `),
      await postBody(JSON.stringify({ query: "{ viewer { actor } }", variables: { padding: "x".repeat(200 * 1024) } })),
      await postBody(JSON.stringify({ query: "{ viewer { actor } }" }), production, {
        authorization: "Bearer not.a.token",
      }),
      await postBody(JSON.stringify({ query: "{ viewer { actor } }" }), production, {
        "x-access-purpose": "not a purpose",
      }),
      await postBody(JSON.stringify({})),
      await fetch(`${production}/graphql`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...bearer() },
        body: "{}",
      }),
    ];
    for (const response of failures) {
      const text = await response.text();
      // Field errors (a page too large, a bad cursor) answer 200 with errors; the rest are refusals.
      if (response.status === 200) expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
      else expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("x-correlation-id")).toBeTruthy();
      expect(text).not.toMatch(
        /stacktrace|\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+|Maximum call stack|RangeError|TypeError|SyntaxError: Unexpected token/,
      );
    }
  });

  // Issue 13 §7: production refuses a token without exp or living longer than AUTH_MAX_TOKEN_LIFETIME,
  // and every mode checks aud when AUTH_AUDIENCE is set. Refused with 401; the reason is logged.
  describe("token lifetime and audience", () => {
    const AUDIENCE = "vcs-case-service";
    const seconds = () => Math.floor(Date.now() / 1000);
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    let strict: string;
    let audienceOnly: string;

    beforeAll(async () => {
      const silent = createLogger("silent");
      const recording: Logger = { ...silent, info: (message, fields) => void logged.push({ message, fields }) };
      ({ base: strict } = await bed.listen({
        logger: recording,
        verifyToken: createTokenVerifier({
          issuer: TEST_ISSUER,
          jwks: bed.keys.publicJwks,
          audience: AUDIENCE,
          maxLifetimeSeconds: 3600,
        }),
      }));
      ({ base: audienceOnly } = await bed.listen({
        verifyToken: createTokenVerifier({ issuer: TEST_ISSUER, jwks: bed.keys.publicJwks, audience: AUDIENCE }),
        exposeTokenFailureReason: true,
      }));
    });

    async function sign(claims: { iat?: number; exp?: number; aud?: string | string[] }): Promise<string> {
      return new SignJWT({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"], ...claims })
        .setProtectedHeader({ alg: "ES256", kid: bed.keys.keyId, typ: "JWT" })
        .setIssuer(TEST_ISSUER)
        .sign(bed.keys.privateKey);
    }
    const ask = async (token: string, to = strict) => {
      const response = await fetch(`${to}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ viewer { actor } }" }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    };
    async function expectRefused(token: string, reason: string): Promise<void> {
      logged.length = 0;
      const { status, body } = await ask(token);
      expect(status).toBe(401);
      expect(body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
      // Not named to the caller in production, but logged.
      expect(body.errors![0].extensions.reason).toBeUndefined();
      expect(logged).toContainEqual({
        message: "token refused",
        fields: expect.objectContaining({ reason }) as unknown,
      });
    }

    it("should accept a token of an hour or less that names the audience", async () => {
      for (const claims of [
        { iat: seconds(), exp: seconds() + 3600, aud: AUDIENCE },
        { iat: seconds() - 3000, exp: seconds() + 600, aud: [AUDIENCE, "another-service"] },
        { exp: seconds() + 1800, aud: AUDIENCE },
      ]) {
        const { status, body } = await ask(await sign(claims));
        expect(status).toBe(200);
        expect(body.data).toEqual({ viewer: { actor: "alice.vlo" } });
      }
    });

    it("should refuse a token without exp", async () => {
      await expectRefused(await sign({ iat: seconds(), aud: AUDIENCE }), "MISSING_CLAIM");
    });

    it("should refuse a token issued to live longer than AUTH_MAX_TOKEN_LIFETIME, even when little of it is left", async () => {
      await expectRefused(
        await sign({ iat: seconds(), exp: seconds() + 3601 + 60, aud: AUDIENCE }),
        "LIFETIME_TOO_LONG",
      );
      await expectRefused(
        await sign({ iat: seconds() - 86_400, exp: seconds() + 60, aud: AUDIENCE }),
        "LIFETIME_TOO_LONG",
      );
      // Without iat, from now; a date of issue yet to come does not shorten it.
      await expectRefused(await sign({ exp: seconds() + 7200, aud: AUDIENCE }), "LIFETIME_TOO_LONG");
      await expectRefused(
        await sign({ iat: seconds() + 20, exp: seconds() + 20 + 3600 + 120, aud: AUDIENCE }),
        "LIFETIME_TOO_LONG",
      );
    });

    it("should refuse a token for another audience, or naming none, when AUTH_AUDIENCE is set", async () => {
      const exp = seconds() + 600;
      await expectRefused(await sign({ exp, aud: "another-service" }), "WRONG_AUDIENCE");
      await expectRefused(await sign({ exp }), "MISSING_CLAIM");
      // Outside production too (no lifetime limit there): a 12-hour token passes, another audience does not.
      expect((await ask(await sign({ exp: seconds() + 12 * 3600, aud: AUDIENCE }), audienceOnly)).status).toBe(200);
      const wrong = await ask(await sign({ exp, aud: "another-service" }), audienceOnly);
      expect(wrong.status).toBe(401);
      expect(wrong.body.errors![0].extensions.reason).toBe("WRONG_AUDIENCE");
    });
  });
});
