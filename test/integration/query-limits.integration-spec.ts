import { QUERY_LIMITS } from "../../src/graphql/graphql-limits";
import { bearer, connectLive, type LiveConnection } from "../support/live-client";
import { startHttpTestBed, type GraphQLBody, type HttpTestBed, type HttpTestServer } from "../support/http-test-server";

// Document limits as a client meets them, over HTTP and over the WebSocket: each refusal is one
// top-level QUERY_TOO_COMPLEX error naming its limit, in plain English, before anything runs; a
// document at each limit still runs. (hardening.integration-spec.ts covers tokens, fragments and cost.)
describe("query limits", () => {
  let bed: HttpTestBed;
  let app: HttpTestServer;
  let token: string;
  const connections: LiveConnection[] = [];

  beforeAll(async () => {
    bed = await startHttpTestBed();
    app = await bed.listen();
    token = await bed.tokenFor("alice.vlo");
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close();
  });
  afterAll(() => bed.close());

  async function graphql(
    query: string,
    operationName?: string,
  ): Promise<{ status: number; body: GraphQLBody<{ viewer?: { actor: string } }> }> {
    const response = await fetch(`${app.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, operationName }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody<{ viewer?: { actor: string } }> };
  }

  function expectRefused(answer: Awaited<ReturnType<typeof graphql>>, limit: string, maximum: number): string {
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors!;
    expect(error.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit, maximum });
    expect(error.message).toContain(`at most ${maximum.toLocaleString("en-GB")}`);
    // Our wording, not the limit library's ("Syntax Error: … limit of 12 exceeded"), and no
    // schema or document details beyond the limit.
    expect(error.message).not.toMatch(/Syntax Error|exceeded|Did you mean|viewer|actor/);
    return error.message;
  }

  function expectAnswered(answer: Awaited<ReturnType<typeof graphql>>): void {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.body.data!.viewer!.actor).toBe("alice.vlo");
  }

  const operations = (count: number) =>
    Array.from({ length: count }, (_, i) => `query Q${i} { viewer { actor } }`).join("\n");
  // victimCases(first: 1) { nodes { offender { victimCases(first: 1) … } } }: pages of one, so only the depth is large.
  const CYCLE = ["victimCases(first: 1)", "nodes", "offender"];
  const LEAF: Record<string, string> = { "victimCases(first: 1)": "totalCount", nodes: "id", offender: "id" };
  /** A path of `depth` fields through CYCLE from `start`; `wrap` puts each level in an inline fragment. */
  function casesPath(depth: number, { start = 0, wrap = false } = {}): string {
    const fields = Array.from({ length: depth - 1 }, (_, i) => CYCLE[(i + start) % CYCLE.length]);
    const leaf = LEAF[fields[fields.length - 1]];
    return fields.reduceRight((inner, field) => `${field} { ${wrap ? `... { ${inner} }` : inner} }`, leaf);
  }

  describe("operations per document", () => {
    it("should refuse a document of 120 operations even when operationName picks one of them", async () => {
      const message = expectRefused(await graphql(operations(120), "Q0"), "operations", QUERY_LIMITS.maxOperations);
      expect(message).toBe("The document holds 120 operations; at most 5 are allowed. Send one operation per request.");
    });

    it("should run the named operation when a document holds 5", async () => {
      expectAnswered(await graphql(operations(QUERY_LIMITS.maxOperations), "Q4"));
    });
  });

  describe("string literals", () => {
    const lookUp = (id: string) => `{ viewer { actor } node(id: ${id}) { id } }`;

    it("should refuse a 95 KB string literal before running the query", async () => {
      const message = expectRefused(
        await graphql(lookUp(JSON.stringify("x".repeat(95 * 1024)))),
        "stringLiteral",
        QUERY_LIMITS.maxStringLiteralBytes,
      );
      expect(message).toBe(
        "A string in the document is 97,280 bytes long; at most 10,240 are allowed. Send long text in variables.",
      );
    });

    it("should count bytes, not characters, and block strings too", async () => {
      // 4,000 four-byte characters: 16,000 bytes.
      expectRefused(
        await graphql(lookUp(JSON.stringify("😀".repeat(4_000)))),
        "stringLiteral",
        QUERY_LIMITS.maxStringLiteralBytes,
      );
      expectRefused(
        await graphql(lookUp(`"""${"x".repeat(QUERY_LIMITS.maxStringLiteralBytes + 1)}"""`)),
        "stringLiteral",
        QUERY_LIMITS.maxStringLiteralBytes,
      );
    });

    it("should run a query whose string literal is exactly at the limit", async () => {
      const answer = await graphql(lookUp(JSON.stringify("x".repeat(QUERY_LIMITS.maxStringLiteralBytes))));
      expect(answer.body.errors?.map((error) => error.extensions.code) ?? []).not.toContain("QUERY_TOO_COMPLEX");
      expect(answer.status).toBe(200);
      expect(answer.body.data!.viewer!.actor).toBe("alice.vlo");
    });
  });

  describe("depth, aliases and directives", () => {
    it("should run a query at the depth limit and refuse one a level deeper", async () => {
      expectAnswered(await graphql(`{ viewer { actor } ${casesPath(QUERY_LIMITS.maxDepth)} }`));
      const message = expectRefused(
        await graphql(`{ viewer { actor } ${casesPath(QUERY_LIMITS.maxDepth + 1)} }`),
        "depth",
        QUERY_LIMITS.maxDepth,
      );
      expect(message).toBe("The query is nested too deep: at most 12 levels of fields are allowed.");
    });

    it("should count fields, not fragments, as levels when every level is wrapped in fragments", async () => {
      const wrapped = (depth: number) =>
        `{ ...Deep } fragment Deep on Query { viewer { actor } ... { ${casesPath(depth, { wrap: true })} } }`;
      expectAnswered(await graphql(wrapped(QUERY_LIMITS.maxDepth)));
      expectRefused(await graphql(wrapped(QUERY_LIMITS.maxDepth + 1)), "depth", QUERY_LIMITS.maxDepth);
    });

    it("should run 30 aliases, including __typename ones, and refuse 31", async () => {
      const aliases = (count: number) => Array.from({ length: count }, (_, i) => `t${i}: __typename`).join(" ");
      expectAnswered(await graphql(`{ viewer { actor ${aliases(QUERY_LIMITS.maxAliases)} } }`));
      const message = expectRefused(
        await graphql(`{ viewer { actor ${aliases(QUERY_LIMITS.maxAliases + 1)} } }`),
        "aliases",
        QUERY_LIMITS.maxAliases,
      );
      expect(message).toBe("The query uses too many aliases: at most 30 are allowed.");
    });

    it("should run 50 directives and refuse 51, counted through fragments", async () => {
      const fields = (count: number) => Array.from({ length: count }, () => "actor @include(if: true)").join(" ");
      expectAnswered(
        await graphql(`{ viewer { actor ...D } } fragment D on Viewer { ${fields(QUERY_LIMITS.maxDirectives)} }`),
      );
      const message = expectRefused(
        await graphql(
          `{ viewer { actor @skip(if: false) ...D } } fragment D on Viewer { ${fields(QUERY_LIMITS.maxDirectives)} }`,
        ),
        "directives",
        QUERY_LIMITS.maxDirectives,
      );
      expect(message).toBe("The query uses too many directives: at most 50 are allowed.");
    });
  });

  describe("over the WebSocket", () => {
    async function refusal(query: string): Promise<{ message: string; extensions: Record<string, unknown> }[]> {
      const connection = connectLive(app.subscriptionsUrl, bearer(token));
      connections.push(connection);
      const stream = connection.subscribe(query);
      await stream.ended();
      expect(stream.completed).toBe(false);
      return stream.failure as { message: string; extensions: Record<string, unknown> }[];
    }
    const subscription = (id: string) => `subscription S0 { caseUpdated(caseId: ${id}) { id } }`;

    it("should refuse a subscription document over each new limit with QUERY_TOO_COMPLEX", async () => {
      const manyOperations = [
        subscription(`"a"`),
        ...Array.from({ length: QUERY_LIMITS.maxOperations }, (_, i) => `query Q${i} { viewer { actor } }`),
      ].join("\n");
      const longLiteral = subscription(JSON.stringify("x".repeat(QUERY_LIMITS.maxStringLiteralBytes + 1)));
      for (const [query, limit] of [
        [manyOperations, "operations"],
        [longLiteral, "stringLiteral"],
      ]) {
        const errors = await refusal(query);
        expect({ limit, errors: errors.map((error) => error.extensions) }).toEqual({
          limit,
          errors: [expect.objectContaining({ code: "QUERY_TOO_COMPLEX", limit })],
        });
      }
    });

    it("should refuse a subscription over the library's depth, alias and directive limits with QUERY_TOO_COMPLEX", async () => {
      // caseUpdated, then offender { victimCases … }: one level over the limit.
      const deep = casesPath(QUERY_LIMITS.maxDepth, { start: 2 });
      const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: id`).join(" ");
      const directives = Array.from({ length: QUERY_LIMITS.maxDirectives + 1 }, () => "id @include(if: true)").join(
        " ",
      );
      for (const [query, limit] of [
        [`subscription { caseUpdated(caseId: "a") { ${deep} } }`, "depth"],
        [`subscription { caseUpdated(caseId: "a") { ${aliases} } }`, "aliases"],
        [`subscription { caseUpdated(caseId: "a") { ${directives} } }`, "directives"],
      ]) {
        const errors = await refusal(query);
        expect({ limit, errors: errors.map((error) => error.extensions) }).toEqual({
          limit,
          errors: [expect.objectContaining({ code: "QUERY_TOO_COMPLEX", limit })],
        });
        expect(errors[0].message).not.toMatch(/Syntax Error|exceeded/);
      }
    });
  });
});
