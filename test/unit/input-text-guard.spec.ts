import { buildSchema, getOperationAST, type GraphQLError, parse } from "graphql";
import { inputTextGuardPlugin, unstorableTextError } from "../../src/graphql/input-text-guard";

const operationOf = (text: string) => {
  const document = parse(text);
  return { document, operation: getOperationAST(document)! };
};

describe("unstorable text in a document", () => {
  it("should tell documents apart when each is checked again from memory", () => {
    const clean = operationOf(`{ victimCases(filter: { reference: "VCS-2026-000001" }) { totalCount } }`);
    const withNul = operationOf(`{ victimCases(filter: { reference: "VCS\\u0000" }) { totalCount } }`);
    const inFragment = operationOf(`query { ...Page } fragment Page on Query { victimCase(id: "\\u0000") { id } }`);
    // Twice over, so the second round is answered from memory and must still tell them apart.
    for (const round of [1, 2]) {
      expect([round, unstorableTextError(clean.document, clean.operation, {})]).toEqual([round, null]);
      expect([round, unstorableTextError(withNul.document, withNul.operation, {})?.message]).toEqual([
        round,
        'Argument "filter.reference" of field "victimCases" must not contain a NUL character (U+0000).',
      ]);
      expect([round, unstorableTextError(inFragment.document, inFragment.operation, {})?.message]).toEqual([
        round,
        'Argument "id" of field "victimCase" must not contain a NUL character (U+0000).',
      ]);
    }
  });

  it("should check the variables of every request when the document's literals are remembered as clean", () => {
    const { document, operation } = operationOf(`query ($id: ID!) { victimCase(id: $id) { id } }`);
    expect(unstorableTextError(document, operation, { id: "fine" })).toBeNull();
    expect(unstorableTextError(document, operation, { id: "bad\u0000" })?.extensions.code).toBe("BAD_USER_INPUT");
    expect(unstorableTextError(document, operation, { id: "fine" })).toBeNull();
  });
});

describe("variables with more invalid values than graphql-js lists", () => {
  // Each empty object leaves out four required fields: four errors from one small value, which a
  // count of the values alone would miss.
  const schema = buildSchema(`
    input Four { a: Int! b: Int! c: Int! d: Int! }
    type Query { count(items: [Four!]!): Int }
  `);
  const { document, operation } = operationOf(`query ($items: [Four!]!) { count(items: $items) }`);

  /** What the guard answers before execution: its refusal, or null when it lets the request run. */
  async function refusalFor(variables: Record<string, unknown>): Promise<GraphQLError | null> {
    const hooks = await inputTextGuardPlugin().requestDidStart!({} as never);
    try {
      await hooks!.didResolveOperation!({ schema, document, operation, request: { variables } } as never);
      return null;
    } catch (error) {
      return error as GraphQLError;
    }
  }

  const empties = (count: number) => ({ items: Array.from({ length: count }, () => ({})) });

  it("should refuse 52 invalid values sent as 13 empty objects, with one BAD_USER_INPUT naming the variable", async () => {
    const refusal = await refusalFor(empties(13));
    expect(refusal?.extensions).toEqual({ code: "BAD_USER_INPUT", http: { status: 400 } });
    expect(refusal?.message).toContain('"$items"');
  });

  it("should leave 48 invalid values to graphql-js's own errors", async () => {
    expect(await refusalFor(empties(12))).toBeNull();
  });

  it("should let valid variables through, however many values they hold", async () => {
    const item = { a: 1, b: 2, c: 3, d: 4 };
    expect(await refusalFor({ items: [item] })).toBeNull();
    expect(await refusalFor({ items: Array.from({ length: 500 }, () => item) })).toBeNull();
  });
});
