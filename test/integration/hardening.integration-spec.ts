import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { getIntrospectionQuery } from "graphql";
import { createLogger } from "../../src/services/platform/logger";
import { QUERY_LIMITS } from "../../src/graphql/graphql-limits";
import type { JsonObject } from "../support/harness";
import { startHttpTestBed, type GraphQLBody, type HttpTestBed } from "../support/http-test-server";

// Oversized and abusive documents, batching, body size and the mutation rate limit, over real HTTP;
// and what the logs hold afterwards. Refusals must come before execution: fast, with no data.
describe("hardening over HTTP", () => {
  const logLines: string[] = [];
  let bed: HttpTestBed;
  let tokens: Record<string, string>;
  let base: string;
  let limitedBase: string;

  // A unique victim, so any trace of them in a log line is found by a plain search.
  const canary = `Canary${randomBytes(6).toString("hex")}`;
  const canaryEmail = `${canary.toLowerCase()}@example.org`;

  beforeAll(async () => {
    bed = await startHttpTestBed();
    tokens = await bed.demoTokens();
    ({ base } = await bed.listen({
      logger: createLogger("debug", (line) => logLines.push(line)),
      sandboxEnabled: true,
    }));
    // Same data, a limit small enough to reach in a test.
    ({ base: limitedBase } = await bed.listen({
      logger: createLogger("silent"),
      sandboxEnabled: true,
      mutationsPerMinute: 3,
    }));
  });
  afterAll(() => bed.close());

  interface Answer<T = JsonObject> {
    status: number;
    headers: Headers;
    /** The body as JSON (null when it is not JSON: the assertions on it then fail with the text in view). */
    body: GraphQLBody<T>;
    text: string;
    ms: number;
  }

  async function post<T = JsonObject>(
    body: string,
    { as = "alice.vlo", to = base, headers = {} as Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const started = performance.now();
    const response = await fetch(`${to}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens[as]}`, ...headers },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Left null: the assertions on `body` then fail with the text in view.
    }
    return { status: response.status, headers: response.headers, body: parsed as GraphQLBody<T>, text, ms };
  }

  const graphql = <T = JsonObject>(
    query: string,
    variables: Record<string, unknown> = {},
    options: Parameters<typeof post>[1] = {},
  ) => post<T>(JSON.stringify({ query, variables }), options);

  // Refused before execution: a client error, no data, our code and limit, and quickly.
  function expectRefused(answer: Answer, limit: string): void {
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit });
    expect(answer.body.errors![0].extensions.correlationId ?? answer.headers.get("x-correlation-id")).toBeTruthy();
    expect(answer.ms).toBeLessThan(1_000);
  }

  /** `victimCases { nodes { offender { victimCases … } } }`, `depth` fields deep. */
  function nestedCases(depth: number): string {
    // Pages of one, so only the depth is large.
    let inner = "victimCases(first: 1) { totalCount }";
    for (let level = 2; level + 3 <= depth; level += 3)
      inner = `victimCases(first: 1) { nodes { offender { ${inner} } } }`;
    return `{ ${inner} }`;
  }

  describe("document limits", () => {
    it("should answer a query at the depth limit when it is within every other limit", async () => {
      const answer = await graphql(nestedCases(11));
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.victimCases).toBeDefined();
    });

    it("should refuse a query 50 fields deep before running it when it is sent", async () => {
      expectRefused(await graphql(nestedCases(50)), "depth");
    });

    it("should count depth through fragments when the nesting is split across them", async () => {
      const fragments = Array.from(
        { length: 5 },
        (_, i) =>
          `fragment F${i} on Offender { victimCases { nodes { offender { ${i < 4 ? `...F${i + 1}` : "id"} } } } }`,
      ).join("\n");
      const answer = await graphql(`
        {
          victimCases {
            nodes {
              offender {
                ...F0
              }
            }
          }
        }
        ${fragments}
      `);
      expectRefused(answer, "depth");
    });

    it("should answer a validation error, not hang, when fragments spread each other in a cycle", async () => {
      const answer = await graphql(`
        {
          ...A
        }
        fragment A on Query {
          viewer {
            actor
          }
          ...B
        }
        fragment B on Query {
          ...A
        }
      `);
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors!.map((error) => error.extensions.code)).toContain("GRAPHQL_VALIDATION_FAILED");
      expect(answer.ms).toBeLessThan(1_000);
    });

    it("should refuse 31 aliases when the document is otherwise small", async () => {
      const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: actor`).join(" ");
      expectRefused(await graphql(`{ viewer { ${aliases} } }`), "aliases");
    });

    it("should count aliases once per use when a fragment of aliases is spread many times", async () => {
      const answer = await graphql(
        `{ viewer { ...Names } v2: viewer { ...Names } v3: viewer { ...Names } v4: viewer { ...Names } } fragment Names on Viewer { ${Array.from({ length: 8 }, (_, i) => `n${i}: actor`).join(" ")} }`,
      );
      expectRefused(answer, "aliases");
    });

    it("should refuse a 5,000-alias query at the parser when it is sent", async () => {
      const document = `{ ${Array.from({ length: 5_000 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
      expectRefused(await graphql(document), "tokens");
    });

    it("should stop parsing a 100,000-token document at the token limit when it fits the body limit", async () => {
      // One byte per token (nested list brackets), so it passes the 100 kB body limit and reaches the parser.
      const document = `{ a(b: ${"[".repeat(100_000)}`;
      const answer = await graphql(document);
      expectRefused(answer, "tokens");
      expect(answer.body.errors![0].extensions.maximum).toBe(QUERY_LIMITS.maxTokens);
    });

    it("should refuse more than 10 top-level fields when an operation asks for them", async () => {
      const fields = Array.from({ length: QUERY_LIMITS.maxRootFields + 1 }, (_, i) => `r${i}: viewer { actor }`).join(
        " ",
      );
      expectRefused(await graphql(`{ ${fields} }`), "rootFields");
    });

    it("should refuse nested pages of 100 when their estimated cost is over the limit", async () => {
      const answer = await graphql(`
        {
          victimCases(first: 100) {
            nodes {
              history(first: 100) {
                nodes {
                  event
                  toStatus
                }
              }
            }
          }
        }
      `);
      expectRefused(answer, "cost");
      expect(answer.body.errors![0].message).toMatch(/first/);
    });

    it("should price a query by its variables when the same document asks for small or huge pages", async () => {
      const query = `query Pages($cases: Int, $events: Int) { victimCases(first: $cases) { nodes { history(first: $events) { nodes { event } } } } }`;
      const small = await graphql(query, { cases: 10, events: 5 });
      expect(small.status).toBe(200);
      expect(small.body.errors).toBeUndefined();
      expectRefused(await graphql(query, { cases: 100, events: 100 }), "cost");
      // Absent variables mean the default page (20 × 20 events × 2 fields), within the limit.
      expect((await graphql(query)).body.errors).toBeUndefined();
    });

    it("should run the full introspection query when the sandbox is on", async () => {
      const query = getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      });
      const answer = await graphql<{ __schema: { types: { name: string }[] } }>(query);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.__schema.types.map((type: { name: string }) => type.name)).toContain("VictimCase");
    });
  });

  describe("transport", () => {
    it("should tell every cache on the way not to keep an answer, whether it holds a victim's details, an error or a refusal", async () => {
      const answers = [
        await graphql("{ victimCases(first: 1) { nodes { contacts { name } } } }"),
        await graphql("{ victimCase(id: 1) { id } }"),
        await post("not json"),
        await graphql("{ viewer { actor } }", {}, { headers: { authorization: "Bearer forged" } }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400, 401]);
      for (const answer of answers) expect(answer.headers.get("cache-control")).toBe("no-store");
    });

    it("should refuse a batched request when the body is a JSON array", async () => {
      const answer = await post(JSON.stringify([{ query: "{ viewer { actor } }" }, { query: "{ viewer { actor } }" }]));
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors![0].extensions.code).toBe("BAD_REQUEST");
      expect(answer.headers.get("x-correlation-id")).toBeTruthy();
    });

    it("should answer 413 with a JSON error and no stack when the body is over 100 kB", async () => {
      const answer = await graphql(
        `
          {
            viewer {
              actor
            }
          }
        `,
        { padding: "x".repeat(110 * 1024) },
      );
      expect(answer.status).toBe(413);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors![0].extensions).toEqual({
        code: "PAYLOAD_TOO_LARGE",
        correlationId: answer.headers.get("x-correlation-id"),
      });
      expect(answer.text).not.toMatch(/\n\s+at |node_modules|stack/i);
      expect(answer.ms).toBeLessThan(1_000);
    });

    it("should answer 400 with a JSON error and no stack when the body is not JSON", async () => {
      const answer = await post(`{"query": "{ viewer { actor } }"`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors![0].extensions.code).toBe("BAD_REQUEST");
      expect(answer.text).not.toMatch(/\n\s+at |node_modules|SyntaxError/);
    });
  });

  describe("mutation rate limit", () => {
    const optIn = (label: string) =>
      `${label}: recordOptIn(input: { caseId: "${randomBytes(4).toString("hex")}" }) { userErrors { code } }`;

    it("should answer 429 RATE_LIMITED with a retry hint when one caller makes more changes than the limit, and leave other callers alone", async () => {
      for (let i = 0; i < 3; i++) {
        const answer = await graphql(`mutation { ${optIn("change")} }`, {}, { to: limitedBase });
        expect(answer.status).not.toBe(429);
      }
      const refused = await graphql(`mutation { ${optIn("change")} }`, {}, { to: limitedBase });
      expect(refused.status).toBe(429);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors).toHaveLength(1);
      expect(refused.body.errors![0].extensions.code).toBe("RATE_LIMITED");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      // Counted in five-second buckets: a change is forgotten between 60 and 65 s after it.
      expect(retryAfter).toBeLessThanOrEqual(65);
      expect(refused.body.errors![0].extensions.retryAfterSeconds).toBe(retryAfter);

      // Queries are counted apart from changes, and the limit is the caller's own.
      const read = await graphql<{ viewer: { actor: string } }>(
        `
          {
            viewer {
              actor
            }
          }
        `,
        {},
        { to: limitedBase },
      );
      expect(read.body.data!.viewer.actor).toBe("alice.vlo");
      const bob = await graphql(`mutation { ${optIn("change")} }`, {}, { to: limitedBase, as: "bob.vlo" });
      expect(bob.status).not.toBe(429);
      expect(bob.body.errors?.map((error) => error.extensions.code) ?? []).not.toContain("RATE_LIMITED");
    });

    it("should count each mutation field when several changes are aliased into one request", async () => {
      const first = await graphql(
        `mutation { ${optIn("a")} ${optIn("b")} }`,
        {},
        { to: limitedBase, as: "carol.manager" },
      );
      expect(first.status).not.toBe(429);
      const second = await graphql(
        `mutation { ${optIn("a")} ${optIn("b")} }`,
        {},
        { to: limitedBase, as: "carol.manager" },
      );
      expect(second.status).toBe(429);
      expect(second.body.errors![0].extensions.code).toBe("RATE_LIMITED");
    });
  });

  describe("logs", () => {
    it("should read a referred victim back, and quote no input in errors, when their name is the canary", async () => {
      const offenders = (
        await graphql<{ offenders: { nodes: { id: string; custodyPhase: string }[] } }>(`
          {
            offenders(first: 100) {
              nodes {
                id
                custodyPhase
              }
            }
          }
        `)
      ).body.data!.offenders.nodes;
      const offenderId = offenders.find(
        (offender: { custodyPhase: string }) => offender.custodyPhase === "IN_CUSTODY",
      )!.id;
      const contact = {
        role: "VICTIM",
        name: canary,
        email: canaryEmail,
        phone: "07700 900123",
        address: { line1: `1 ${canary} Street`, town: "Leeds", postcode: "LS1 1AA" },
      };
      const referred = await graphql<{
        referVictimCase: { victimCase: { id: string } | null; userErrors: { code: string }[] };
      }>(
        `
          mutation Refer($input: ReferVictimCaseInput!) {
            referVictimCase(input: $input) {
              victimCase {
                id
              }
              userErrors {
                code
              }
            }
          }
        `,
        {
          input: { offenderId, referredOn: "2026-11-02", contact },
        },
      );
      expect(referred.body.data!.referVictimCase.userErrors).toEqual([]);
      const caseId = referred.body.data!.referVictimCase.victimCase!.id;
      const read = await graphql<{
        victimCase: { contacts: { name: string | null; email: string | null; phone: string | null }[] } | null;
      }>(
        `
          query ReadCase($id: ID!) {
            victimCase(id: $id) {
              contacts {
                name
                email
                phone
              }
            }
          }
        `,
        { id: caseId },
      );
      expect(read.body.data!.victimCase!.contacts[0]).toEqual({
        name: canary,
        email: canaryEmail,
        phone: "07700 900123",
      });

      // Refusals and errors that carry the canary in their input: no error may quote it back.
      const refer = `mutation Refer($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { userErrors { code } } }`;
      const refusals = [
        await graphql(refer, {
          input: { offenderId, referredOn: "2026-11-02", contact: { ...contact, role: canary } },
        }),
        await graphql(refer, {
          input: { offenderId, referredOn: "2026-11-02", contact: { ...contact, unknown: canary } },
        }),
        await graphql(refer, {
          input: { offenderId, referredOn: "2026-11-02", contact: { ...contact, dateOfBirth: `${canary}-01` } },
        }),
        await graphql(refer, {
          input: {
            offenderId,
            referredOn: "2026-11-02",
            contact: { ...contact, name: canary.repeat(40), email: `${canary} is not an email` },
          },
        }),
        await graphql(
          `
            query ($first: Int) {
              victimCases(first: $first) {
                totalCount
              }
            }
          `,
          { first: canary },
        ),
        await graphql(`{ victimCases(first: "${canary}") { totalCount } }`),
      ];
      for (const refusal of refusals) {
        expect(refusal.body.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(refusal.body.errors)).not.toContain(canary);
        expect(JSON.stringify(refusal.body.errors).toLowerCase()).not.toContain(canary.toLowerCase());
      }
      // Where the value was, the error still says which field is wrong.
      expect(refusals[0].body.errors![0].message).toBe(
        'Variable "$input" has an invalid value at "input.contact.role": expected ContactRole.',
      );
      await graphql(`{ victimCases(filter: { offenderId: "${canary}" }) { totalCount } }`);
      await graphql(`{ ${canary}: viewer { actor } }`, {}, { headers: { "x-correlation-id": "not a valid id" } });
    });

    it("should never write the canary's name or email when every request above has been logged", () => {
      expect(logLines.length).toBeGreaterThan(0);
      for (const line of logLines) {
        expect(line).not.toContain(canary);
        expect(line.toLowerCase()).not.toContain(canary.toLowerCase());
        expect(line).not.toContain(canaryEmail);
      }
    });

    it("should write every line as JSON with a correlation id on each request line when requests are served", async () => {
      const clientCorrelationId = `hardening-${randomBytes(8).toString("hex")}`;
      const answer = await graphql(
        `
          query WhoAmI {
            viewer {
              actor
            }
            nope
          }
        `,
        {},
        { headers: { "x-correlation-id": clientCorrelationId } },
      );
      // The server's own id, never the client's; the client's is logged beside it.
      const correlationId = answer.headers.get("x-correlation-id")!;
      expect(correlationId).not.toBe(clientCorrelationId);
      // The line is written when the response closes, just after the client has it.
      await new Promise((resolve) => setTimeout(resolve, 50));

      const parsed = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const entry of parsed) {
        expect(typeof entry.level).toBe("string");
        expect(typeof entry.time).toBe("string");
        expect(typeof entry.message).toBe("string");
      }
      const requestLines = parsed.filter((entry) => entry.message === "request");
      expect(requestLines.length).toBeGreaterThan(10);
      for (const entry of requestLines) {
        expect(entry.correlationId).toEqual(expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/));
        expect(typeof entry.durationMs).toBe("number");
        expect(typeof entry.status).toBe("number");
      }
      const mine = requestLines.filter((entry) => entry.correlationId === correlationId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        clientCorrelationId,
        status: 400,
        operationName: "WhoAmI",
        errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
        actor: "alice.vlo",
      });
      // The document and variables are never logged.
      const line = logLines.find((text) => text.includes(correlationId))!;
      expect(line).not.toContain("viewer");
      expect(line).not.toContain("nope");
    });

    it("should log the refusal code when a request is refused before GraphQL runs", async () => {
      const clientCorrelationId = `oversize-${randomBytes(8).toString("hex")}`;
      await graphql(
        `
          {
            viewer {
              actor
            }
          }
        `,
        { padding: "x".repeat(110 * 1024) },
        { headers: { "x-correlation-id": clientCorrelationId } },
      );
      await post(JSON.stringify({ query: "{ viewer { actor } }" }), {
        headers: { "x-correlation-id": `${clientCorrelationId}-anon`, authorization: "Bearer nope" },
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.message === "request");
      expect(lines.find((entry) => entry.clientCorrelationId === clientCorrelationId)).toMatchObject({
        status: 413,
        errorCodes: ["PAYLOAD_TOO_LARGE"],
      });
      expect(lines.find((entry) => entry.clientCorrelationId === `${clientCorrelationId}-anon`)).toMatchObject({
        status: 401,
        errorCodes: ["UNAUTHENTICATED"],
      });
    });
  });
});
