import { Field, ObjectType } from "type-graphql";
import { mermaidDiagram } from "../../domain/workflows/mermaid-diagram";
import type { Workflow as WorkflowData } from "../../domain/workflows/workflow";
import { WorkflowName } from "../../domain/workflows/workflow-name.enum";
import { WorkflowGuard } from "./workflow-guard.type";
import "./workflow-name.enum";
import { WorkflowState } from "./workflow-state.type";
import { WorkflowTransition } from "./workflow-transition.type";

@ObjectType("Workflow", {
  description:
    "A machine of the service as data, read from its XState definition: the states a kind of record moves between, the events that move it and the guards that may refuse them.",
})
export class Workflow {
  @Field(() => WorkflowName, { description: "Which machine." })
  name: WorkflowName;

  @Field({ description: "What the machine follows, in a sentence." })
  description: string;

  @Field({ description: "The state a new record starts in." })
  initialState: string;

  @Field(() => [WorkflowState], { description: "Its states, in the order the machine declares them." })
  states: WorkflowState[];

  @Field(() => [String], {
    description: "Every event some state has a transition for, in the order they first appear.",
  })
  events: string[];

  @Field(() => [WorkflowGuard], { description: "Every guard its transitions check, with what it checks." })
  guards: WorkflowGuard[];

  @Field(() => [WorkflowTransition], {
    description: "Its transitions, in the order the machine declares them: by state, then event, then the order tried.",
  })
  transitions: WorkflowTransition[];

  @Field({
    description:
      "The machine as a Mermaid state diagram (stateDiagram-v2): each arrow labelled EVENT [guard], [*] marking the initial and final states. Paste it into anything that renders Mermaid; docs/machines/ in the repository holds the same.",
  })
  mermaid: string;
}

export function toWorkflow(workflow: WorkflowData): Workflow {
  return {
    name: workflow.name,
    description: workflow.description,
    initialState: workflow.initialState,
    states: workflow.states.map(({ name, parent, initial, final, description }) => ({
      name,
      parent,
      initial,
      final,
      description,
    })),
    events: [...workflow.events],
    guards: workflow.guards.map(({ name, description }) => ({ name, description })),
    transitions: workflow.transitions.map((transition) => ({ ...transition, guardNames: [...transition.guardNames] })),
    mermaid: mermaidDiagram(workflow),
  };
}
