import { createOffender, mutate, referCase, SEND_INVITATION } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const RELATIONS = `offender { id name } lastTransition { event toStatus }`;
const PAGE = `query ($first: Int) { victimCases(first: $first) { nodes { id ${RELATIONS} } } }`;
const ONE = `query ($id: ID!) { victimCase(id: $id) { id ${RELATIONS} } }`;

interface CaseRelations {
  id: string;
  offender: { id: string; name: string };
  lastTransition: { event: string; toStatus: string };
}

// A caseload page reads each case's offender and newest history entry in its one statement, each
// offender once however many of its cases are on the page, and its fields answer from that read
// (issue 15 §4): each must still be the case's own, as a read of the case alone answers it.
describe.each(ENGINES)("a caseload page's offenders and history entries (%s)", (engine) => {
  let h: Harness;
  const alone = new Map<string, CaseRelations>();

  beforeAll(async () => {
    h = await startHarness(engine);
    const offenders: { id: string }[] = [];
    for (const name of ["Alan Able", "Brian Baker", "Colin Cole"]) offenders.push(await createOffender(h, { name }));
    // Offenders shared by cases out of order, and every other case invited, so neighbours differ.
    for (const [index, offender] of [0, 1, 0, 2, 1, 0, 2].map((at, index) => [index, offenders[at]] as const)) {
      const victimCase = await referCase(h, offender.id);
      if (index % 2 === 0) await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
    }
    const page = await h.run<{ victimCases: { nodes: { id: string }[] } }>(PAGE, { first: 100 });
    for (const { id } of page.data!.victimCases.nodes) {
      const read = await h.run<{ victimCase: CaseRelations }>(ONE, { id });
      alone.set(id, read.data!.victimCase);
    }
  });
  afterAll(() => h.close());

  it("should give each case of a page its own offender and newest history entry, as a read of the case alone does", async () => {
    const result = await h.run<{ victimCases: { nodes: CaseRelations[] } }>(PAGE, { first: 100 });

    expect(result.errors).toBeUndefined();
    const nodes = result.data!.victimCases.nodes;
    expect(nodes.length).toBeGreaterThanOrEqual(7);
    expect(new Set(nodes.map((node) => node.offender.name))).toEqual(
      new Set(["Alan Able", "Brian Baker", "Colin Cole"]),
    );
    expect(new Set(nodes.map((node) => node.lastTransition.event))).toEqual(new Set(["REFERRED", "SEND_INVITATION"]));
    for (const node of nodes) expect(node).toEqual(alone.get(node.id));
  });

  it("should give the same answers when a page stops short and a case is read beside it in one request", async () => {
    const [first, second, third] = [...alone.keys()];
    const result = await h.run<{ one: CaseRelations; page: { nodes: CaseRelations[] } }>(
      `query ($id: ID!) { one: victimCase(id: $id) { id ${RELATIONS} } page: victimCases(first: 2) { nodes { id ${RELATIONS} } } }`,
      { id: third },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data!.one).toEqual(alone.get(third));
    expect(result.data!.page.nodes).toEqual([alone.get(first), alone.get(second)]);
  });
});
