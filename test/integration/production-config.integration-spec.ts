import { startHttpTestBed, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";

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
});
