import type { CommandMeta } from "../services/cases/case-commands";
import type { RequestContext } from "./context";

/** What every command needs to know of its request: the caller, the input as sent, and why. */
export function commandMeta(operation: string, input: object, context: RequestContext): CommandMeta {
  return {
    operation,
    input: { ...input },
    access: context.access,
    actor: context.actor,
    correlationId: context.correlationId,
    clientCorrelationId: context.clientCorrelationId,
    purpose: context.purpose,
    timers: context.timers,
  };
}
