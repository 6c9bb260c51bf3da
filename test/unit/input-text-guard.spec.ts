import { getOperationAST, parse } from "graphql";
import { unstorableTextError } from "../../src/graphql/input-text-guard";

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
