import type { Workflow, WorkflowState, WorkflowTransition } from "./workflow";

const INDENT = "    ";

// Mermaid ends a label at a colon, a semicolon or a line break, and reads # as an entity.
const label = (text: string): string => text.replace(/[:;#\n]/g, " ");

// Mermaid ids may not hold spaces, dashes or colons; the machines' state names never do.
const id = (state: string): string => state.replace(/[\s:-]/g, "_");

function arrow(transition: WorkflowTransition): string {
  const guard = transition.guard === null ? "" : ` [${transition.guard}]`;
  return `${id(transition.from)} --> ${id(transition.to)}: ${label(`${transition.event}${guard}`)}`;
}

/**
 * One level of the diagram: the [*] arrows into its initial state and out of its final ones, each
 * composite state as a block of its own children (a parallel state's regions split by --), and
 * any state no arrow touches, named on its own so that it is still drawn.
 */
function level(workflow: Workflow, parent: WorkflowState | null, depth: number): string[] {
  const indent = INDENT.repeat(depth);
  const children = workflow.states.filter((state) => state.parent === (parent?.name ?? null));
  const isComposite = (state: WorkflowState) => workflow.states.some((child) => child.parent === state.name);
  const touched = (state: WorkflowState) =>
    workflow.transitions.some((transition) => transition.from === state.name || transition.to === state.name);
  const lines: string[] = [];
  if (parent?.type !== "parallel")
    for (const child of children) if (child.initial) lines.push(`${indent}[*] --> ${id(child.name)}`);
  children.filter(isComposite).forEach((child, index) => {
    if (parent?.type === "parallel" && index > 0) lines.push(`${indent}--`);
    lines.push(`${indent}state ${id(child.name)} {`, ...level(workflow, child, depth + 1), `${indent}}`);
  });
  for (const child of children) {
    if (child.final) lines.push(`${indent}${id(child.name)} --> [*]`);
    else if (!child.initial && !isComposite(child) && !touched(child)) lines.push(`${indent}${id(child.name)}`);
  }
  return lines;
}

/** The machine as a Mermaid state diagram: each transition an arrow labelled "EVENT [guard]". */
export function mermaidDiagram(workflow: Workflow): string {
  const arrows = new Set(workflow.transitions.map((transition) => INDENT + arrow(transition)));
  return ["stateDiagram-v2", ...level(workflow, null, 1), ...arrows].join("\n") + "\n";
}
