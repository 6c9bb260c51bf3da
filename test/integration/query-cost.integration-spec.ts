import { createOffender, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const LIST = `query ($first: Int!) {
  victimCases(first: $first) {
    totalCount
    edges { cursor node { id reference status availableActions offender { id name custodyPhase sentence { type } } contacts { name email address { postcode } } contactPlan { informationLevel } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// Relations are batched per request, so a page costs a fixed number of statements.
describe.each(ENGINES)("statements per list query (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
    for (let offenderIndex = 0; offenderIndex < 10; offenderIndex++) {
      const offender = await createOffender(h);
      for (let caseIndex = 0; caseIndex < 5; caseIndex++) await referCase(h, offender.id);
    }
  });
  afterAll(() => h.close());

  async function statementsFor(first: number): Promise<{ count: number; items: number }> {
    h.statements.reset();
    const result = await h.run(LIST, { first });
    expect(result.errors).toBeUndefined();
    return { count: h.statements.count, items: result.data!.victimCases.edges.length };
  }

  it("should use the same number of SQL statements for 50 cases with offender and contact as for 5", async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);

    expect(small.items).toBe(5);
    expect(large.items).toBe(50);
    expect(large.count).toBe(small.count);
    // page, count, offenders, sentences, contacts, plans
    expect(large.count).toBeLessThanOrEqual(6);
  });
});
