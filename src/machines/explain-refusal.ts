import { getNextTransitions, type AnyMachineSnapshot, type EventObject } from "xstate";

function guardName(guard: unknown): string | undefined {
  if (typeof guard === "string") return guard;
  if (guard !== null && typeof guard === "object" && "type" in guard && typeof guard.type === "string")
    return guard.type;
  return undefined;
}

type GuardImplementation = (args: { context: unknown; event: EventObject }, params: unknown) => boolean;

// For and([...]) guards, the first named part that fails: eligibility is listed before deadlines,
// so the caller hears the more fundamental reason.
function failingGuardName(snapshot: AnyMachineSnapshot, event: EventObject, guard: unknown): string | undefined {
  const parts =
    typeof guard === "function" && "guards" in guard && Array.isArray(guard.guards)
      ? (guard.guards as unknown[])
      : null;
  if (!parts) return guardName(guard);
  const implementations = snapshot.machine.implementations.guards as Record<string, GuardImplementation | undefined>;
  for (const part of parts) {
    const name = guardName(part);
    const check = name ? implementations[name] : undefined;
    if (check && !check({ context: snapshot.context, event }, undefined)) return name;
  }
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
    const code = guardRefusals[failingGuardName(snapshot, event, candidate.guard) ?? ""];
    if (code) return code;
  }
  return "TRANSITION_NOT_ALLOWED";
}
