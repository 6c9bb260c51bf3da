import { createOffender, optedInCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

describe.each(ENGINES)("case lifecycle smoke (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  it("should move a referred case to ACTIVE when invited, opted in and given a plan", async () => {
    const offender = await createOffender(h);
    const victimCase = await optedInCase(h, offender.id, true);
    expect(victimCase.status).toBe("ACTIVE");
    expect(victimCase.history.nodes.map((t: { event: string }) => t.event)).toEqual(["REFERRED", "SEND_INVITATION", "RECORD_OPT_IN", "AGREE_CONTACT_PLAN"]);
  });
});
