import { buildSchema, getOperationAST, parse } from "graphql";
import { estimateQueryCost, rememberedQueryCost } from "../../src/graphql/graphql-limits";

const schema = buildSchema(`
  type Item { id: ID!, children(first: Int): ItemPage! }
  type ItemPage { nodes: [Item!]!, totalCount: Int! }
  type Query { items(first: Int): ItemPage!, nodes(ids: [ID!]!): [Item]! }
`);

const operationOf = (text: string) => {
  const document = parse(text);
  return { document, operation: getOperationAST(document)! };
};

describe("remembered query cost", () => {
  it("should follow the variables each time when a page size is a variable", () => {
    const { document, operation } = operationOf(
      `query ($n: Int, $m: Int) { items(first: $n) { nodes { id children(first: $m) { totalCount } } } }`,
    );
    const cases = [
      { n: 5, m: 2 },
      { n: 50, m: 2 },
      { n: 5, m: 100 },
      { n: 5, m: 2 },
    ];
    for (const variables of cases)
      expect([variables, rememberedQueryCost(schema, document, operation, variables)]).toEqual([
        variables,
        estimateQueryCost(schema, document, operation, variables),
      ]);
    expect(rememberedQueryCost(schema, document, operation, { n: 50, m: 2 })).toBeGreaterThan(
      rememberedQueryCost(schema, document, operation, { n: 5, m: 2 }),
    );
  });

  it("should count the ids each time when a list of ids holds variables", () => {
    const { document, operation } = operationOf(`query ($a: ID!, $b: ID!) { nodes(ids: [$a, $b]) { id } }`);
    const two = rememberedQueryCost(schema, document, operation, { a: "1", b: "2" });
    expect(two).toBe(estimateQueryCost(schema, document, operation, { a: "1", b: "2" }));
    const { document: other, operation: three } = operationOf(`{ nodes(ids: ["1", "2", "3"]) { id } }`);
    expect(rememberedQueryCost(schema, other, three, {})).toBe(estimateQueryCost(schema, other, three, {}));
    expect(rememberedQueryCost(schema, other, three, {})).toBeGreaterThan(two);
  });

  it("should tell operations apart when only their literal page sizes differ", () => {
    const small = operationOf(`{ items(first: 2) { nodes { id } } }`);
    const large = operationOf(`{ items(first: 80) { nodes { id } } }`);
    for (const round of [1, 2]) {
      expect([round, rememberedQueryCost(schema, small.document, small.operation, {})]).toEqual([round, 1 + 2 * 2]);
      expect([round, rememberedQueryCost(schema, large.document, large.operation, {})]).toEqual([round, 1 + 80 * 2]);
    }
  });

  it("should tell schemas apart when one operation is measured against two", () => {
    const other = buildSchema(`type Query { items(first: Int): ItemPage! } type ItemPage { nodes: [Int!]! }`);
    const { document, operation } = operationOf(`{ items { nodes } }`);
    const before = rememberedQueryCost(schema, document, operation, {});
    expect(rememberedQueryCost(other, document, operation, {})).toBe(estimateQueryCost(other, document, operation));
    expect(rememberedQueryCost(schema, document, operation, {})).toBe(before);
  });
});
