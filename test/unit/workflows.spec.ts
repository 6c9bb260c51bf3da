import { and, createMachine, not, or } from "xstate";
import { CaseStatus } from "../../src/domain/cases/case.enums";
import { CustodyPhase } from "../../src/domain/custody/custody.enums";
import { describeMachine, type WorkflowSource } from "../../src/domain/workflows/describe-machine";
import { guardExpression } from "../../src/domain/workflows/guard-expression";
import { mermaidDiagram } from "../../src/domain/workflows/mermaid-diagram";
import type { Workflow } from "../../src/domain/workflows/workflow";
import { WORKFLOW_SOURCES, workflows } from "../../src/domain/workflows/workflow-catalogue";
import { WorkflowName } from "../../src/domain/workflows/workflow-name.enum";
import { definedEdges, edgeKey } from "../support/machine-walk";

const workflow = (name: WorkflowName): Workflow => workflows().find((candidate) => candidate.name === name)!;
const source = (name: WorkflowName): WorkflowSource => WORKFLOW_SOURCES.find((candidate) => candidate.name === name)!;

describe("the machines as data (issue 14 §5)", () => {
  it("should list every machine once, in the order of WorkflowName", () => {
    expect(workflows().map((described) => described.name)).toEqual(Object.values(WorkflowName));
  });

  describe("the case machine", () => {
    let caseWorkflow: Workflow;
    beforeAll(() => {
      caseWorkflow = workflow(WorkflowName.CASE);
    });

    it("should start a case in REFERRED, and have a state for every CaseStatus, in its order", () => {
      expect(caseWorkflow.initialState).toBe(CaseStatus.REFERRED);
      expect(caseWorkflow.states.map((state) => state.name)).toEqual(Object.values(CaseStatus));
      expect(caseWorkflow.states.filter((state) => state.initial).map((state) => state.name)).toEqual([
        CaseStatus.REFERRED,
      ]);
    });

    it("should have no final state: a closed case reopens when a removed offender returns", () => {
      expect(caseWorkflow.states.filter((state) => state.final)).toEqual([]);
      expect(caseWorkflow.transitions).toContainEqual(
        expect.objectContaining({
          from: CaseStatus.CLOSED,
          event: "CUSTODY_CHANGED",
          to: CaseStatus.REFERRED,
          guard: "wasClosedFrom(INVITED)",
          guardNames: ["wasClosedFrom"],
        }),
      );
    });

    it("should read a guarded transition with its guard, and an unguarded one with none", () => {
      expect(caseWorkflow.transitions).toContainEqual({
        from: CaseStatus.INVITED,
        event: "RECORD_OPT_IN",
        to: CaseStatus.OPTED_IN,
        guard: "isSentenceOngoing",
        guardNames: ["isSentenceOngoing"],
        selfTransition: false,
        description: null,
      });
      expect(caseWorkflow.transitions).toContainEqual(
        expect.objectContaining({
          from: CaseStatus.INVITED,
          event: "RECORD_DECLINE",
          to: CaseStatus.DECLINED,
          guard: null,
        }),
      );
    });

    it("should read a transition without a target as a self-transition, with its description", () => {
      expect(caseWorkflow.transitions).toContainEqual({
        from: CaseStatus.INVITED,
        event: "SEND_INVITATION",
        to: CaseStatus.INVITED,
        guard: "canReachVictimByChosenChannel",
        guardNames: ["canReachVictimByChosenChannel"],
        selfTransition: true,
        description: "A follow-up: recorded, the case stays invited.",
      });
    });

    it("should keep a state's description, and null where the machine gives none", () => {
      const described = Object.fromEntries(caseWorkflow.states.map((state) => [state.name, state.description]));
      expect(described[CaseStatus.DECLINED]).toBe("A victim can change their mind at any time.");
      expect(described[CaseStatus.ACTIVE]).toBeNull();
    });

    it("should list the events the statuses take and the guards the transitions check", () => {
      expect([...caseWorkflow.events].sort()).toEqual(
        [
          "AGREE_CONTACT_PLAN",
          "CLOSE",
          "CONTACTS_CHANGED",
          "CUSTODY_CHANGED",
          "INVITATION_EXPIRED",
          "RECORD_DECLINE",
          "RECORD_OPT_IN",
          "RECORD_OPT_OUT",
          "SEND_INVITATION",
        ].sort(),
      );
      expect(caseWorkflow.guards.map((guard) => guard.name)).toEqual([
        "canReachVictimByChosenChannel",
        "isNewCustodyPhaseFinal",
        "isSentenceOngoing",
        "isCompletePlanLeadingTo",
        "canResumeAgreedPlanIn",
        "isEngagedStatusForNewPhase",
        "canResumeContactIn",
        "wasClosedFrom",
      ]);
    });
  });

  describe("the custody machine", () => {
    let custody: Workflow;
    beforeAll(() => {
      custody = workflow(WorkflowName.CUSTODY);
    });

    it("should mark the phases that end the sentence for good as final, and not a removal from the UK", () => {
      expect(custody.states.filter((state) => state.final).map((state) => state.name)).toEqual([
        CustodyPhase.SENTENCE_ENDED,
        CustodyPhase.DECEASED,
      ]);
    });

    it("should write a combined guard with and, and list each of its parts", () => {
      expect(custody.transitions).toContainEqual(
        expect.objectContaining({
          from: CustodyPhase.IN_CUSTODY,
          event: "RELEASED_ON_LICENCE",
          to: CustodyPhase.RELEASED,
          guard: "isAutomaticReleaseSentence and isInPrison",
          guardNames: ["isAutomaticReleaseSentence", "isInPrison"],
        }),
      );
    });

    it("should keep the branches of one event in the order they are tried", () => {
      const returns = custody.transitions.filter(
        (transition) =>
          transition.from === CustodyPhase.UNLAWFULLY_AT_LARGE && transition.event === "RETURNED_TO_CUSTODY",
      );
      expect(returns.map((transition) => [transition.to, transition.guard])).toEqual([
        [CustodyPhase.RECALLED, "wasAtLargeOnLicence"],
        [CustodyPhase.IN_CUSTODY, "isHospitalOrder"],
        [CustodyPhase.IN_CUSTODY, null],
      ]);
    });
  });

  it.each(WORKFLOW_SOURCES.map((candidate) => [candidate.name, candidate] as const))(
    "should read the %s machine's edges as XState's own graph of it does",
    (_name, { name, machine }) => {
      const edges = workflow(name).transitions.map((transition) =>
        edgeKey(transition.from, transition.event, transition.to),
      );
      expect([...new Set(edges)].sort()).toEqual(definedEdges(machine));
    },
  );

  describe("guard descriptions, kept beside each machine's setup", () => {
    it.each(WORKFLOW_SOURCES.map((candidate) => [candidate.name, candidate] as const))(
      "should describe every guard the %s machine defines, and nothing else",
      (_name, { machine, guardDescriptions }) => {
        const defined = Object.keys(machine.implementations.guards).sort();
        const undescribed = defined.filter((guard) => !guardDescriptions[guard]?.trim());
        expect({ undescribed }).toEqual({ undescribed: [] });
        expect(Object.keys(guardDescriptions).sort()).toEqual(defined);
      },
    );

    it("should give every guard a transition checks its description", () => {
      for (const described of workflows())
        for (const transition of described.transitions)
          for (const guard of transition.guardNames)
            expect(described.guards.find((candidate) => candidate.name === guard)?.description).toMatch(/\w/);
    });

    it("should refuse to describe a machine with a guard that has no description", () => {
      const custody = source(WorkflowName.CUSTODY);
      const { isInPrison: _dropped, ...others } = custody.guardDescriptions;
      expect(() => describeMachine({ ...custody, guardDescriptions: others })).toThrow(
        "custody: guard isInPrison has no description",
      );
    });
  });

  describe("a guard in words", () => {
    it("should write names, parameters and combinations as the machine does", () => {
      expect(guardExpression("isAdopted", "here")).toEqual({ text: "isAdopted", names: ["isAdopted"] });
      expect(guardExpression({ type: "wasClosedFrom", params: { status: "INVITED" } }, "here")).toEqual({
        text: "wasClosedFrom(INVITED)",
        names: ["wasClosedFrom"],
      });
      expect(guardExpression(not(and(["a", { type: "b" }])), "here")).toEqual({
        text: "not (a and b)",
        names: ["a", "b"],
      });
      expect(guardExpression(or(["a", not("c")]), "here")).toEqual({ text: "a or (not c)", names: ["a", "c"] });
    });

    it("should refuse an inline guard, which has no name to describe it by", () => {
      expect(() => guardExpression(() => true, "DUE on SEND")).toThrow("DUE on SEND: an inline guard");
    });
  });

  describe("the Mermaid diagram", () => {
    it.each(Object.values(WorkflowName))(
      "should draw every state of the %s machine, and every transition as an arrow",
      (name) => {
        const described = workflow(name);
        const lines = mermaidDiagram(described).split("\n");
        expect(lines[0]).toBe("stateDiagram-v2");
        const ids = new Set(lines.flatMap((line) => line.split(":")[0]!.trim().split(/\s+/)));
        for (const state of described.states) expect(ids).toContain(state.name);
        expect(lines).toContain(`    [*] --> ${described.initialState}`);
        for (const state of described.states.filter((candidate) => candidate.final))
          expect(lines).toContain(`    ${state.name} --> [*]`);
        expect(lines.filter((line) => /^\s*\w+ --> \w+: /.test(line))).toHaveLength(
          new Set(described.transitions.map((t) => `${t.from} ${t.event} ${t.to} ${t.guard}`)).size,
        );
      },
    );

    it("should label each arrow with its event and guard", () => {
      const diagram = mermaidDiagram(workflow(WorkflowName.CASE));
      expect(diagram).toContain("    INVITED --> OPTED_IN: RECORD_OPT_IN [isSentenceOngoing]\n");
      expect(diagram).toContain("    OPTED_IN --> OPTED_OUT: RECORD_OPT_OUT\n");
      expect(diagram).toContain("    OPTED_IN --> ACTIVE: AGREE_CONTACT_PLAN [isCompletePlanLeadingTo(ACTIVE)]\n");
    });

    it("should draw nested and parallel states as composite states, and name a state no arrow touches", () => {
      const machine = createMachine({
        id: "fixture",
        description: "A fixture with nested, parallel and unconnected states.",
        initial: "OFF",
        states: {
          OFF: { on: { START: "ON" } },
          ON: {
            type: "parallel",
            on: { STOP: "OFF" },
            states: {
              LIGHT: { initial: "DIM", states: { DIM: { on: { UP: "BRIGHT" } }, BRIGHT: {} } },
              SOUND: { initial: "QUIET", states: { QUIET: { on: { LOUD: "NOISY" } }, NOISY: { type: "final" } } },
            },
          },
          SPARE: {},
        },
      });
      const described = describeMachine({ name: WorkflowName.TIMER, machine, guardDescriptions: {} });
      expect(described.states.find((state) => state.name === "ON.SOUND.NOISY")).toEqual(
        expect.objectContaining({ parent: "ON.SOUND", final: true, initial: false }),
      );
      expect(mermaidDiagram(described)).toBe(
        [
          "stateDiagram-v2",
          "    [*] --> OFF",
          "    state ON {",
          "        state ON.LIGHT {",
          "            [*] --> ON.LIGHT.DIM",
          "        }",
          "        --",
          "        state ON.SOUND {",
          "            [*] --> ON.SOUND.QUIET",
          "            ON.SOUND.NOISY --> [*]",
          "        }",
          "    }",
          "    SPARE",
          "    OFF --> ON: START",
          "    ON --> OFF: STOP",
          "    ON.LIGHT.DIM --> ON.LIGHT.BRIGHT: UP",
          "    ON.SOUND.QUIET --> ON.SOUND.NOISY: LOUD",
          "",
        ].join("\n"),
      );
    });

    it("should keep a label's characters that Mermaid would read as syntax out of it", () => {
      const machine = createMachine({
        id: "labels",
        description: "A fixture whose guard parameter holds a colon.",
        initial: "A",
        states: { A: { on: { GO: { target: "B", guard: { type: "isReady", params: { at: "09:00; #1" } } } } }, B: {} },
      });
      const described = describeMachine({
        name: WorkflowName.TIMER,
        machine,
        guardDescriptions: { isReady: "Ready." },
      });
      expect(mermaidDiagram(described)).toContain("    A --> B: GO [isReady(09 00   1)]\n");
    });
  });
});
