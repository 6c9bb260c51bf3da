import { startHttpTestBed, type HttpTestBed } from "../support/http-test-server";
import { rawPost, type RawAnswer as Answer } from "../support/raw-post";

// A JSON POST of known length is served without Express (posted-operations.ts); the same request
// sent chunked goes through Express's body-parser. A client must not be able to tell them apart.
describe("operations posted as JSON", () => {
  let bed: HttpTestBed;
  let base: string;
  let token: string;

  beforeAll(async () => {
    bed = await startHttpTestBed();
    token = (await bed.demoTokens())["alice.vlo"];
    base = (await bed.listen()).base;
  });
  afterAll(() => bed.close());

  function post(body: string, { chunked = false, headers = {} as Record<string, string> } = {}): Promise<Answer> {
    return rawPost(base, body, {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": Buffer.byteLength(body) }),
      ...headers,
    });
  }

  // What may differ between two answers to the same request: the date and our correlation id.
  const comparable = ({ status, headers, body }: Answer) => ({
    status,
    body: body.replace(headers["x-correlation-id"] as string, "<id>"),
    headers: {
      "cache-control": headers["cache-control"],
      "access-control-allow-origin": headers["access-control-allow-origin"],
      "content-type": headers["content-type"],
      "content-length": headers["content-length"],
      "x-powered-by": headers["x-powered-by"],
    },
  });

  it.each([
    ["an operation", JSON.stringify({ query: "{ viewer { actor } }" })],
    [
      "a mutation refused by validation",
      JSON.stringify({ query: "mutation { recordOptIn(input: {}) { userErrors { code } } }" }),
    ],
    ["a document that does not parse", JSON.stringify({ query: "{ viewer {" })],
    ["a body that is not JSON", '{"query": "{ viewer { actor } }"'],
    ["a JSON value that is not an object", "42"],
    ["an empty body", ""],
    ["a byte-order mark before the JSON", `\ufeff${JSON.stringify({ query: "{ viewer { actor } }" })}`],
    [
      "two operations in one request",
      JSON.stringify([{ query: "{ viewer { actor } }" }, { query: "{ viewer { actor } }" }]),
    ],
  ])("should answer %s as Express does", async (_name, body) => {
    const direct = await post(body);
    const throughExpress = await post(body, { chunked: true });
    expect(comparable(direct)).toEqual(comparable(throughExpress));
    expect(direct.headers["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(direct.body).not.toMatch(/\n\s+at |node_modules|SyntaxError/);
  });

  it("should answer the operation, with no-store and any-origin CORS, without a token refusal", async () => {
    const answer = await post(JSON.stringify({ query: "{ viewer { actor } }" }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { viewer: { actor: "alice.vlo" } } });
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
  });

  it("should answer a body that is not JSON with 400 BAD_REQUEST and its correlation id", async () => {
    const answer = await post("{ not json");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        {
          message: "The request body is not valid JSON.",
          extensions: { code: "BAD_REQUEST", correlationId: answer.headers["x-correlation-id"] },
        },
      ],
    });
  });

  it("should refuse a missing token with 401 on the direct path too", async () => {
    const answer = await post(JSON.stringify({ query: "{ viewer { actor } }" }), { headers: { authorization: "" } });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});
