import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CaseStatus } from "../../src/domain/cases/case.enums";
import { CustodyPhase } from "../../src/domain/custody/custody.enums";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { WorkflowName } from "../../src/domain/workflows/workflow-name.enum";
import { asSystem, asUser, ENGINES, startHarness, type Harness, type TestCaller } from "../support/harness";

// Issue 14 §5: the machines as data, for every role, read from the definitions the service runs.
const WORKFLOWS = `{
  workflows {
    name description initialState events mermaid
    states { name parent initial final description }
    guards { name description }
    transitions { from event to guard guardNames selfTransition description }
  }
  caseStatus: __type(name: "CaseStatus") { enumValues { name } }
}`;

interface WorkflowsResponse {
  workflows: {
    name: string;
    description: string;
    initialState: string;
    events: string[];
    mermaid: string;
    states: { name: string; parent: string | null; initial: boolean; final: boolean; description: string | null }[];
    guards: { name: string; description: string }[];
    transitions: {
      from: string;
      event: string;
      to: string;
      guard: string | null;
      guardNames: string[];
      selfTransition: boolean;
      description: string | null;
    }[];
  }[];
  caseStatus: { enumValues: { name: string }[] };
}

const CALLERS: [label: string, as: TestCaller][] = [
  ["an analyst", asUser("wf.analyst", [Role.ANALYST], null)],
  ["a VLO", asUser("wf.vlo", [Role.VLO], Region.NORTH_EAST)],
  ["the custody feed", asSystem("wf-custody-feed", [Role.CUSTODY_FEED])],
];

describe.each(ENGINES)("workflows (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  async function read(as: TestCaller): Promise<WorkflowsResponse> {
    const result = await h.run<WorkflowsResponse>(WORKFLOWS, {}, as);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  it.each(CALLERS)("should answer %s with every machine", async (_label, as) => {
    const data = await read(as);
    expect(data.workflows.map((workflow) => workflow.name)).toEqual(Object.values(WorkflowName));
    for (const workflow of data.workflows) {
      expect(workflow.description).toMatch(/\w/);
      expect(workflow.states.map((state) => state.name)).toContain(workflow.initialState);
      expect(workflow.mermaid.startsWith("stateDiagram-v2\n")).toBe(true);
    }
  });

  it("should answer every role the same", async () => {
    const [first, ...others] = await Promise.all(CALLERS.map(([, as]) => read(as)));
    for (const other of others) expect(other.workflows).toEqual(first!.workflows);
  });

  it("should give the case machine a state for each CaseStatus, starting in REFERRED", async () => {
    const data = await read(CALLERS[0]![1]);
    const caseWorkflow = data.workflows.find((workflow) => workflow.name === "CASE")!;
    const states = caseWorkflow.states.map((state) => state.name);
    expect(states).toEqual(Object.values(CaseStatus));
    expect(states).toEqual(data.caseStatus.enumValues.map((value) => value.name));
    expect(caseWorkflow.initialState).toBe(CaseStatus.REFERRED);
    expect(caseWorkflow.transitions).toContainEqual({
      from: CaseStatus.INVITED,
      event: "RECORD_OPT_IN",
      to: CaseStatus.OPTED_IN,
      guard: "isSentenceOngoing",
      guardNames: ["isSentenceOngoing"],
      selfTransition: false,
      description: null,
    });
    expect(caseWorkflow.guards.find((guard) => guard.name === "isSentenceOngoing")?.description).toMatch(/sentence/);
  });

  it("should give the custody machine a state for each CustodyPhase, its final ones marked", async () => {
    const data = await read(CALLERS[2]![1]);
    const custody = data.workflows.find((workflow) => workflow.name === "CUSTODY")!;
    expect(custody.states.map((state) => state.name)).toEqual(Object.values(CustodyPhase));
    expect(custody.states.filter((state) => state.final).map((state) => state.name)).toEqual([
      CustodyPhase.SENTENCE_ENDED,
      CustodyPhase.DECEASED,
    ]);
  });

  it("should serve the diagram committed in docs/machines/", async () => {
    const data = await read(CALLERS[1]![1]);
    const page = readFileSync(join(__dirname, "..", "..", "docs", "machines", "custody.md"), "utf8");
    const custody = data.workflows.find((workflow) => workflow.name === "CUSTODY")!;
    expect(page).toContain(`\`\`\`mermaid\n${custody.mermaid}\`\`\``);
  });
});
