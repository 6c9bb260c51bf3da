import type { ApolloServer, ApolloServerPlugin, BaseContext, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { buildSchema, getOperationAST, GraphQLError, parse } from "graphql";
import { DirectExecution } from "../../src/graphql/direct-execution";
import { KnownOperations } from "../../src/graphql/known-operations";

// The direct path's own rules, without a database: which requests it takes, which plugins it
// runs, and when it leaves everything to Apollo. (Its answers against Apollo's are compared in
// direct-execution.integration-spec.ts.)
const schema = buildSchema("type Query { hello: String }");
const QUERY = "query Hello { hello }";
const http: HTTPGraphQLRequest = { method: "POST", headers: new HeaderMap(), search: "", body: {} };

/** What Apollo's willSendResponse shows the known-operations plugin after a request of `text` (refused: no data). */
async function executedOnce(known: KnownOperations, text: string, { refused = false } = {}) {
  const data = refused ? undefined : { hello: null };
  const document = parse(text);
  const listener = await known.plugin().requestDidStart!({} as never);
  await listener!.willSendResponse!({
    request: { query: text },
    document,
    operation: getOperationAST(document) ?? undefined,
    response: { body: { kind: "single", singleResult: { data } } },
  } as never);
}

function directWith(plugins: ApolloServerPlugin<BaseContext>[], known = new KnownOperations()) {
  const apollo = {
    internals: { plugins, formatError: (formatted: unknown) => formatted, state: { phase: "started" } },
    logger: console,
  } as unknown as ApolloServer<BaseContext>;
  return new DirectExecution(apollo, schema, known);
}

/** A plugin that writes down the hooks Apollo's pipeline would call, in order. */
function recordingPlugin(calls: string[], extra: Record<string, unknown> = {}): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      calls.push("requestDidStart");
      return {
        async didResolveSource() {
          calls.push("didResolveSource");
        },
        async didResolveOperation() {
          calls.push("didResolveOperation");
        },
        async didEncounterErrors() {
          calls.push("didEncounterErrors");
        },
        async willSendResponse() {
          calls.push("willSendResponse");
        },
        ...extra,
      };
    },
  };
}

describe("direct execution of known operations", () => {
  it("should run a document Apollo has executed, calling the plugins' hooks in Apollo's order", async () => {
    const known = new KnownOperations();
    await executedOnce(known, QUERY);
    const calls: string[] = [];
    const direct = directWith([recordingPlugin(calls)], known);
    const request = direct.accept({ query: QUERY }, {})!;
    const answer = await direct.run(request, {}, http);
    expect(calls).toEqual(["requestDidStart", "didResolveSource", "didResolveOperation", "willSendResponse"]);
    expect(answer).toEqual({
      status: undefined,
      headers: new HeaderMap([["content-type", "application/json; charset=utf-8"]]),
      body: '{"data":{"hello":null}}\n',
    });
  });

  it("should leave to Apollo a text it has not executed, and a refused one", async () => {
    const known = new KnownOperations();
    await executedOnce(known, QUERY, { refused: true });
    const direct = directWith([], known);
    expect(direct.accept({ query: QUERY }, {})).toBeNull();
    await executedOnce(known, QUERY);
    expect(direct.accept({ query: `${QUERY} ` }, {})).toBeNull();
    expect(direct.accept({ query: QUERY }, {})).not.toBeNull();
  });

  it("should never keep a document of two operations, or a subscription", async () => {
    const known = new KnownOperations();
    const two = "query A { hello } query B { hello }";
    await executedOnce(known, two);
    const direct = directWith([], known);
    expect(direct.accept({ query: two, operationName: "A" }, {})).toBeNull();
    const subscription = "subscription S { hello }";
    await executedOnce(known, subscription);
    expect(direct.accept({ query: subscription }, {})).toBeNull();
  });

  it("should let the least recently run documents go once their texts pass the bound", async () => {
    const known = new KnownOperations();
    const long = (tag: string) => `${QUERY} # ${tag}${" ".repeat(600_000)}`;
    await executedOnce(known, long("first"));
    expect(known.find(long("first"))).toBeDefined();
    await executedOnce(known, long("second"));
    expect(known.find(long("first"))).toBeUndefined();
    expect(known.find(long("second"))).toBeDefined();
  });

  it("should leave bodies Apollo would refuse or treat otherwise to Apollo", async () => {
    const known = new KnownOperations();
    await executedOnce(known, QUERY);
    const direct = directWith([], known);
    for (const body of [
      [{ query: QUERY }],
      { query: QUERY, variables: "{}" },
      { query: QUERY, variables: [] },
      { query: QUERY, operationName: 7 },
      { query: QUERY, operationName: "Other" },
      { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: "x" } } },
    ])
      expect(direct.accept(body, {})).toBeNull();
    expect(direct.accept({ query: QUERY }, { accept: "text/html" })).toBeNull();
    expect(direct.accept({ query: QUERY, variables: null, operationName: "Hello" }, {})).not.toBeNull();
  });

  it("should send every request to Apollo once a plugin has a hook it does not run", async () => {
    const known = new KnownOperations();
    await executedOnce(known, QUERY);
    const calls: string[] = [];
    const direct = directWith([recordingPlugin(calls, { executionDidStart: async () => undefined })], known);
    const request = direct.accept({ query: QUERY }, {})!;
    expect(await direct.run(request, {}, http)).toBeNull();
    expect(calls).toEqual(["requestDidStart"]);
    expect(direct.active).toBe(false);
    expect(direct.accept({ query: QUERY }, {})).toBeNull();
  });

  it("should leave requests to Apollo once it is stopping, which refuses them", async () => {
    const known = new KnownOperations();
    await executedOnce(known, QUERY);
    const internals = { plugins: [], state: { phase: "started" } };
    const apollo = { internals, logger: console } as unknown as ApolloServer<BaseContext>;
    const direct = new DirectExecution(apollo, schema, known);
    expect(direct.accept({ query: QUERY }, {})).not.toBeNull();
    internals.state.phase = "stopping";
    expect(direct.accept({ query: QUERY }, {})).toBeNull();
  });

  it("should never start with a plugin that is told of failures inside Apollo", () => {
    const direct = directWith([{ unexpectedErrorProcessingRequest: async () => undefined }]);
    expect(direct.active).toBe(false);
  });

  it("should answer a plugin's refusal with its errors only and the status it names, else 500", async () => {
    const known = new KnownOperations();
    await executedOnce(known, QUERY);
    const refusing = (status?: number): ApolloServerPlugin<BaseContext> => ({
      async requestDidStart() {
        return {
          async didResolveOperation() {
            throw new GraphQLError("No.", {
              extensions: {
                code: "REFUSED",
                ...(status ? { http: { status, headers: new HeaderMap([["x-why", "no"]]) } } : {}),
              },
            });
          },
        };
      },
    });
    const calls: string[] = [];
    const named = directWith([refusing(429), recordingPlugin(calls)], known);
    const answer = await named.run(named.accept({ query: QUERY }, {})!, {}, http);
    expect(answer!.status).toBe(429);
    expect(answer!.headers.get("x-why")).toBe("no");
    expect(JSON.parse(answer!.body)).toEqual({ errors: [{ message: "No.", extensions: { code: "REFUSED" } }] });
    expect(calls).toContain("didEncounterErrors");
    const unnamed = directWith([refusing()], known);
    expect((await unnamed.run(unnamed.accept({ query: QUERY }, {})!, {}, http))!.status).toBe(500);
  });
});
