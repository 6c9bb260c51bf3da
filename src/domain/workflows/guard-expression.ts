import { and, not, or } from "xstate";

/** A transition's guard in words: as it is written, and the named guards it is made of. */
export interface GuardExpression {
  text: string;
  names: string[];
}

type Combinator = "and" | "or" | "not";

// and(), or() and not() return functions that carry their parts in `guards`. Each combinator
// shares one `check` function among every guard it makes, so comparing it tells them apart
// (function names do not survive a minifier).
const checkOf = (guard: unknown): unknown => (guard as { check?: unknown }).check;
const COMBINATORS = new Map<unknown, Combinator>([
  [checkOf(and([])), "and"],
  [checkOf(or([])), "or"],
  [checkOf(not("unused")), "not"],
]);

function formatParams(params: unknown): string {
  if (params === undefined) return "";
  // Dynamic parameters are computed from the event: nothing to show but that they exist.
  if (params === null || typeof params !== "object") return "(…)";
  return `(${Object.values(params).map(String).join(", ")})`;
}

/**
 * The guard a transition checks, for people: "isSentenceOngoing",
 * "wasClosedFrom(INVITED)", "isPrisonSentence and isInPrison". Throws for an inline function,
 * which has no name to describe it by: name it in the machine's setup instead.
 */
export function guardExpression(guard: unknown, where: string): GuardExpression {
  if (typeof guard === "string") return { text: guard, names: [guard] };
  if (guard !== null && typeof guard === "object" && "type" in guard && typeof guard.type === "string")
    return { text: `${guard.type}${formatParams("params" in guard ? guard.params : undefined)}`, names: [guard.type] };
  const combinator = typeof guard === "function" ? COMBINATORS.get(checkOf(guard)) : undefined;
  const parts = (guard as { guards?: unknown[] } | null)?.guards;
  if (!combinator || !Array.isArray(parts))
    throw new Error(`${where}: an inline guard cannot be described; name it in the machine's setup`);
  const expressions = parts.map((part) => guardExpression(part, where));
  // A combination inside another is bracketed, so "not (a and b)" reads as it works.
  const operand = (expression: GuardExpression, part: unknown) =>
    typeof part === "function" ? `(${expression.text})` : expression.text;
  const operands = expressions.map((expression, index) => operand(expression, parts[index]));
  return {
    text: combinator === "not" ? `not ${operands[0]}` : operands.join(` ${combinator} `),
    names: [...new Set(expressions.flatMap((expression) => expression.names))],
  };
}
