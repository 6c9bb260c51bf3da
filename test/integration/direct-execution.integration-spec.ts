import { DirectExecution } from "../../src/graphql/direct-execution";
import { startHttpTestBed, type HttpTestBed } from "../support/http-test-server";
import { rawPost, type RawAnswer as Answer } from "../support/raw-post";

interface Sent {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

// A document Apollo has run before is run again without its pipeline (direct-execution.ts). Each
// request here is sent twice: with the document's text, which the direct path answers, and with a
// comment added to the text (the same operation, a text Apollo has not seen), which Apollo answers.
// A client must not be able to tell them apart, errors and refusals included.
describe("operations run again without Apollo's pipeline", () => {
  let bed: HttpTestBed;
  let base: string;
  let limitedBase: string;
  let token: string;
  let limitedToken: string;
  let caseId: string;
  let sent = 0;
  const run = jest.spyOn(DirectExecution.prototype, "run");

  beforeAll(async () => {
    bed = await startHttpTestBed();
    const tokens = await bed.demoTokens();
    token = tokens["alice.vlo"];
    // Rate windows are shared by every instance: the limited one is used by a caller of its own.
    limitedToken = tokens["bob.vlo"];
    base = (await bed.listen()).base;
    limitedBase = (await bed.listen({ queriesPerMinute: 2, mutationsPerMinute: 2 })).base;
    const page = await post(base, { query: "{ victimCases(first: 1) { nodes { id } } }" });
    caseId = JSON.parse(page.body).data.victimCases.nodes[0].id;
  });
  afterAll(() => bed.close());

  function post(url: string, body: Sent, { headers = {} as Record<string, string>, bearer = token } = {}) {
    const text = JSON.stringify(body);
    return rawPost(url, text, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      authorization: `Bearer ${bearer}`,
      ...headers,
    });
  }

  // The same operation in a text no request has sent: Apollo parses it afresh.
  const throughApollo = (body: Sent): Sent => ({ ...body, query: `${body.query}\n# ${(sent += 1)}` });

  /** Whether the last request went the direct way, and was answered there. */
  async function answeredDirectly(callsBefore: number): Promise<boolean> {
    if (run.mock.calls.length === callsBefore) return false;
    return (await run.mock.results.at(-1)!.value) !== null;
  }

  // What may differ between two answers to the same request: the date and our correlation id.
  const comparable = ({ status, headers, body }: Answer) => {
    const { date: _date, "x-correlation-id": id, ...others } = headers;
    return { status, body: body.replace(id as string, "<id>"), headers: others };
  };

  /** The answers of the direct path and of Apollo to `body`, once a request of its document has run. */
  async function bothWays(url: string, body: Sent, options: Parameters<typeof post>[2] = {}) {
    const calls = run.mock.calls.length;
    const direct = await post(url, body, options);
    expect(await answeredDirectly(calls)).toBe(true);
    const callsThen = run.mock.calls.length;
    const apollo = await post(url, throughApollo(body), options);
    expect(await answeredDirectly(callsThen)).toBe(false);
    return { direct, apollo };
  }

  const CASE = "query OneCase($id: ID!) { victimCase(id: $id) { id status version } }";
  const PAGE = "query Page($first: Int) { victimCases(first: $first) { totalCount } }";
  const NODES = "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }";

  it("should run a document Apollo has run before directly, and answer as Apollo does", async () => {
    const first = run.mock.calls.length;
    const learnt = await post(base, { query: CASE, variables: { id: caseId } });
    expect(await answeredDirectly(first)).toBe(false);
    const { direct, apollo } = await bothWays(base, { query: CASE, variables: { id: caseId } });
    expect(direct.status).toBe(200);
    expect(JSON.parse(direct.body).data.victimCase.id).toBe(caseId);
    expect(comparable(direct)).toEqual(comparable(apollo));
    expect(comparable(direct)).toEqual(comparable(learnt));
  });

  const SEND = `mutation Send($input: SendInvitationInput!) {
    sendInvitation(input: $input) { victimCase { id } userErrors { code field } }
  }`;

  it.each<[string, () => Sent, () => Sent]>([
    [
      "a variable of the wrong type (400 BAD_USER_INPUT)",
      () => ({ query: PAGE, variables: { first: 1 } }),
      () => ({ query: PAGE, variables: { first: "many" } }),
    ],
    [
      "a required variable missing (400)",
      () => ({ query: CASE, variables: { id: caseId } }),
      () => ({ query: CASE, variables: {} }),
    ],
    [
      "text PostgreSQL cannot store (400 BAD_USER_INPUT)",
      () => ({ query: CASE, variables: { id: caseId } }),
      () => ({ query: CASE, variables: { id: "a\u0000b" } }),
    ],
    [
      "more invalid variable values than graphql-js lists (400 BAD_USER_INPUT)",
      () => ({ query: NODES, variables: { ids: [caseId] } }),
      () => ({ query: NODES, variables: { ids: Array.from({ length: 60 }, () => ({})) } }),
    ],
    [
      "a page size out of range (a field's error)",
      () => ({ query: PAGE, variables: { first: 1 } }),
      () => ({ query: PAGE, variables: { first: 1000 } }),
    ],
    [
      "an operation named",
      () => ({ query: CASE, variables: { id: caseId } }),
      () => ({ query: CASE, variables: { id: caseId }, operationName: "OneCase" }),
    ],
    [
      "a change refused for a stale version (a userError, nothing written)",
      () => ({ query: SEND, variables: { input: { caseId, channel: "LETTER", expectedVersion: 9999 } } }),
      () => ({ query: SEND, variables: { input: { caseId, channel: "LETTER", expectedVersion: 9998 } } }),
    ],
  ])("should answer %s as Apollo does", async (_name, learning, body) => {
    // Learnt from a request that runs.
    await post(base, learning());
    const { direct, apollo } = await bothWays(base, body());
    expect(comparable(direct)).toEqual(comparable(apollo));
    expect(direct.body).not.toMatch(/\n\s+at |node_modules/);
  });

  it("should answer a field the caller may not read with its error beside the data, 200, as Apollo does", async () => {
    const query = "{ viewer { actor } accessLog(first: 1) { totalCount } }";
    await post(base, { query });
    const { direct, apollo } = await bothWays(base, { query });
    expect(direct.status).toBe(200);
    expect(JSON.parse(direct.body).errors[0].extensions.code).toBe("FORBIDDEN");
    expect(comparable(direct)).toEqual(comparable(apollo));
  });

  it("should refuse past the rate limit with 429 and Retry-After, as Apollo does", async () => {
    const query = "{ viewer { actor } }";
    const options = { bearer: limitedToken };
    await post(limitedBase, { query }, options);
    const calls = run.mock.calls.length;
    const second = await post(limitedBase, { query }, options);
    expect(await answeredDirectly(calls)).toBe(true);
    expect(second.status).toBe(200);
    const { direct, apollo } = await bothWays(limitedBase, { query }, options);
    expect(direct.status).toBe(429);
    expect(JSON.parse(direct.body).errors[0].extensions.code).toBe("RATE_LIMITED");
    // The wait may be a second apart between the two.
    const withoutWait = (answer: Answer) =>
      comparable({
        ...answer,
        body: answer.body.replace(/"retryAfterSeconds":\d+/, ""),
        headers: { ...answer.headers, "retry-after": "n", "content-length": "n" },
      });
    expect(withoutWait(direct)).toEqual(withoutWait(apollo));
    expect(direct.headers["retry-after"]).toMatch(/^\d+$/);
  });

  it("should answer a client preferring application/graphql-response+json in that type, as Apollo does", async () => {
    await post(base, { query: CASE, variables: { id: caseId } });
    const headers = { accept: "application/graphql-response+json, application/json;q=0.9" };
    const { direct, apollo } = await bothWays(base, { query: CASE, variables: { id: caseId } }, { headers });
    expect(direct.headers["content-type"]).toBe("application/graphql-response+json; charset=utf-8");
    expect(comparable(direct)).toEqual(comparable(apollo));
  });

  it.each([
    ["an Accept header it does not know", { query: CASE, variables: { id: "x" } }, { accept: "text/plain" }],
    [
      "an operation name the document does not have",
      { query: CASE, variables: { id: "x" }, operationName: "Other" },
      {},
    ],
    ["a persisted-query extension", { query: CASE, variables: { id: "x" }, extensions: {} }, {}],
  ])("should leave %s to Apollo", async (_name, body, headers) => {
    await post(base, { query: CASE, variables: { id: caseId } });
    const calls = run.mock.calls.length;
    const answer = await post(base, body as Sent, { headers });
    expect(run.mock.calls.length).toBe(calls);
    const apollo = await post(base, throughApollo(body as Sent), { headers });
    expect(comparable(answer)).toEqual(comparable(apollo));
  });

  it("should leave a request whose token is refused to Apollo", async () => {
    await post(base, { query: CASE, variables: { id: caseId } });
    const answer = await post(base, { query: CASE, variables: { id: caseId } }, { bearer: "not-a-token" });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const apollo = await post(base, throughApollo({ query: CASE, variables: { id: caseId } }), {
      bearer: "not-a-token",
    });
    expect(comparable(answer)).toEqual(comparable(apollo));
  });
});
