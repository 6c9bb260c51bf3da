import { GraphQLError } from "graphql";
import type { VictimCaseEntity } from "../entities/victim-case.entity";
import type { AppliedTransition } from "../services/case-transition.service";
import type { CommandResult } from "../services/command-runner";
import { toCaseTransition } from "../schema/case-transition.type";
import type { CasePayloadShape } from "../schema/payloads";
import { toUserError } from "../schema/user-error.type";
import { toVictimCase, type VictimCase } from "../schema/victim-case.type";
import type { RequestContext } from "./context";

/** Maps a case command's result to its payload, reading the committed rows. */
export async function toCasePayload(result: CommandResult<AppliedTransition>, context: RequestContext): Promise<CasePayloadShape> {
  if (!result.ok) return { victimCase: null, transition: null, userErrors: [toUserError(result.error)] };
  if (result.value.records) {
    const { caseId, records } = result.value;
    context.loaders.victimCase.clear(caseId).prime(caseId, records.victimCase);
    context.loaders.contactPlanByCase.clear(caseId);
    context.loaders.caseTransition.prime(result.value.transitionId, records.transition);
    return { victimCase: toVictimCase(records.victimCase), transition: toCaseTransition(records.transition), userErrors: [] };
  }
  const [victimCase, transition] = await Promise.all([
    loadVictimCase(result.value.caseId, context),
    context.loaders.caseTransition.load(result.value.transitionId),
  ]);
  if (!transition) throw new GraphQLError("A committed transition could not be read back.");
  return { victimCase, transition: toCaseTransition(transition), userErrors: [] };
}

/** The case as committed, or null when the caller's scope does not reach it. */
export async function loadVictimCaseEntity(caseId: string, context: RequestContext): Promise<VictimCaseEntity | null> {
  context.loaders.victimCase.clear(caseId);
  context.loaders.contactPlanByCase.clear(caseId);
  return context.loaders.victimCase.load(caseId);
}

export async function loadVictimCase(caseId: string, context: RequestContext): Promise<VictimCase> {
  // A mutation earlier in the same request may have cached the case before it changed.
  context.loaders.victimCase.clear(caseId);
  context.loaders.contactPlanByCase.clear(caseId);
  const entity = await context.loaders.victimCase.load(caseId);
  if (!entity) throw new GraphQLError("A committed case could not be read back.");
  return toVictimCase(entity);
}
