import { BoundedMemo } from "../../src/domain/bounded-memo";

describe("BoundedMemo", () => {
  it("should work an answer out once per key, and forget the first remembered past its bound", () => {
    const memo = new BoundedMemo<string, number>(2);
    let workedOut = 0;
    const ask = (key: string) => memo.answer(key, () => (workedOut += 1));
    expect([ask("a"), ask("a"), ask("b"), ask("b")]).toEqual([1, 1, 2, 2]);
    expect(workedOut).toBe(2);
    ask("c"); // "a" is forgotten, "b" kept
    expect(ask("b")).toBe(2);
    expect(ask("a")).toBe(4);
    expect(workedOut).toBe(4);
  });
});
