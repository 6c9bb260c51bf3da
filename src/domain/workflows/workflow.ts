import type { WorkflowName } from "./workflow-name.enum";

// A machine as data, read from its XState definition (describeMachine): what the workflows query
// returns and the diagrams are drawn from.

export interface WorkflowState {
  /** The state's key; a nested state's is its path, dotted (PARENT.CHILD). */
  name: string;
  /** The composite state it is inside, or null at the top level. */
  parent: string | null;
  type: "atomic" | "compound" | "parallel" | "final" | "history";
  /** Entered when its parent is: the machine's initial state, or a composite's initial child. */
  initial: boolean;
  final: boolean;
  description: string | null;
}

export interface WorkflowTransition {
  from: string;
  event: string;
  /** Where it ends: `from` itself for a transition without a target. */
  to: string;
  /** The guard as written: a name, a name with its parameters, or names joined by and, or, not. */
  guard: string | null;
  /** The named guards it checks, each described in the workflow's guards. */
  guardNames: string[];
  /** It stays in its state (no target, or its own): only its actions run. */
  selfTransition: boolean;
  description: string | null;
}

interface WorkflowGuard {
  name: string;
  description: string;
}

export interface Workflow {
  name: WorkflowName;
  description: string;
  initialState: string;
  /** In the order the machine declares them, parents before their children. */
  states: WorkflowState[];
  /** Every event some state has a transition for, in the order they first appear. */
  events: string[];
  /** Every guard the transitions check, in the order they are first checked. */
  guards: WorkflowGuard[];
  /** In the order the machine declares them: by state, then event, then branch. */
  transitions: WorkflowTransition[];
}
