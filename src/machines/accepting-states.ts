import type { AnyStateMachine, AnyStateNode } from "xstate";

/**
 * The top-level states in which the machine has a transition for the event (guarded or not), in
 * the order the machine declares them: what a refusal tells the caller the action needs.
 */
function statesAccepting(machine: AnyStateMachine, eventType: string): string[] {
  return Object.entries(machine.root.states as Record<string, AnyStateNode>)
    .filter(([, node]) => handles(node, eventType))
    .map(([name]) => name);
}

function handles(node: AnyStateNode, eventType: string): boolean {
  if (node.ownEvents.includes(eventType)) return true;
  return Object.values(node.states as Record<string, AnyStateNode>).some((child) => handles(child, eventType));
}

/** "REFERRED or INVITED": the states a refused action needs, for its message. */
export function neededStates(machine: AnyStateMachine, eventType: string): string {
  const states = statesAccepting(machine, eventType);
  if (states.length <= 1) return states[0] ?? "a status that no longer exists";
  return `${states.slice(0, -1).join(", ")} or ${states[states.length - 1]}`;
}
