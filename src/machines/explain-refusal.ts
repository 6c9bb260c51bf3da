import { getNextTransitions, type AnyMachineSnapshot, type EventObject } from "xstate";

function guardName(guard: unknown): string | undefined {
  if (typeof guard === "string") return guard;
  if (guard !== null && typeof guard === "object" && "type" in guard && typeof guard.type === "string") return guard.type;
  return undefined;
}

/**
 * Why a machine refuses an event, or null when it accepts it: no transition for the event in this
 * state → TRANSITION_NOT_ALLOWED; a transition exists but its guard failed → that guard's code.
 */
export function explainRefusal<Code extends string>(
  snapshot: AnyMachineSnapshot,
  event: EventObject,
  guardRefusals: Readonly<Partial<Record<string, Code>>>,
): Code | "TRANSITION_NOT_ALLOWED" | null {
  const candidates = getNextTransitions(snapshot).filter((candidate) => candidate.eventType === event.type);
  if (candidates.length === 0) return "TRANSITION_NOT_ALLOWED";
  if (snapshot.can(event)) return null;
  // can() is false, so every candidate's guard failed: the first one with a code names the reason.
  for (const candidate of candidates) {
    const code = guardRefusals[guardName(candidate.guard) ?? ""];
    if (code) return code;
  }
  return "TRANSITION_NOT_ALLOWED";
}
