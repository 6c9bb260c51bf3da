import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from "xstate";
import { guardExpression } from "./guard-expression";
import type { Workflow, WorkflowState, WorkflowTransition } from "./workflow";
import type { WorkflowName } from "./workflow-name.enum";

/** A machine to describe, with the words for its guards (kept beside the machine's setup). */
export interface WorkflowSource {
  name: WorkflowName;
  machine: AnyStateMachine;
  guardDescriptions: Readonly<Record<string, string>>;
}

const stateName = (node: AnyStateNode): string => node.path.join(".");

const childrenOf = (node: AnyStateNode): AnyStateNode[] => Object.values(node.states as Record<string, AnyStateNode>);

// Depth first, in the order the machine declares them: parents before their children.
function descendantsOf(node: AnyStateNode): AnyStateNode[] {
  return childrenOf(node).flatMap((child) => [child, ...descendantsOf(child)]);
}

function isEnteredWithParent(node: AnyStateNode): boolean {
  const parent = node.parent;
  if (!parent) return true;
  // Every region of a parallel state is entered with it.
  return parent.type === "parallel" || parent.initial.target.includes(node);
}

function describeState(node: AnyStateNode): WorkflowState {
  return {
    name: stateName(node),
    parent: node.parent?.parent ? stateName(node.parent) : null,
    type: node.type,
    initial: isEnteredWithParent(node),
    final: node.type === "final",
    description: node.description ?? null,
  };
}

// Eventless ("always") transitions are listed under this event name.
const ALWAYS = "always";

function describeTransitions(node: AnyStateNode): WorkflowTransition[] {
  const definitions: AnyTransitionDefinition[] = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
  return definitions.flatMap((definition) => {
    const from = stateName(node);
    const event = definition.eventType === "" ? ALWAYS : String(definition.eventType);
    const guard = definition.guard === undefined ? null : guardExpression(definition.guard, `${from} on ${event}`);
    const targets: readonly AnyStateNode[] = definition.target ?? [node];
    return targets.map((target) => ({
      from,
      event,
      to: stateName(target),
      guard: guard?.text ?? null,
      guardNames: guard?.names ?? [],
      selfTransition: target === node,
      description: definition.description ?? null,
    }));
  });
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/**
 * A machine as data, straight from its definition: its states, events, guards and transitions.
 * Throws when the machine, or a guard it checks, has no description: none goes out unexplained.
 */
export function describeMachine({ name, machine, guardDescriptions }: WorkflowSource): Workflow {
  const nodes = descendantsOf(machine.root);
  const transitions = nodes.flatMap(describeTransitions);
  const guards = unique(transitions.flatMap((transition) => transition.guardNames)).map((guard) => {
    const description = guardDescriptions[guard];
    if (!description) throw new Error(`${machine.id}: guard ${guard} has no description`);
    return { name: guard, description };
  });
  const description = machine.root.description;
  if (!description) throw new Error(`${machine.id}: the machine has no description`);
  return {
    name,
    description,
    initialState: stateName(machine.root.initial.target[0]!),
    states: nodes.map(describeState),
    events: unique(transitions.map((transition) => transition.event)),
    guards,
    transitions,
  };
}
