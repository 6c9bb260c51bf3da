import { ParoleReview, toParoleReview } from "../schema/parole/parole-review.type";
import { GraphQLError } from "graphql";
import type { VictimCaseEntity } from "../entities/cases/victim-case.entity";
import type { AppliedTransition } from "../services/cases/case-transition.service";
import type { CommandResult } from "../services/pipeline/command-runner";
import { toCaseTransition } from "../schema/cases/case-transition.type";
import type { CasePayloadShape } from "../schema/cases/payloads";
import { toUserError } from "../schema/common/user-error.type";
import { toVictimCase, type VictimCase } from "../schema/cases/victim-case.type";
import type { RequestContext } from "./context";

/** Maps a case command's result to its payload, reading the committed rows. */
export async function toCasePayload(
  result: CommandResult<AppliedTransition>,
  context: RequestContext,
): Promise<CasePayloadShape> {
  if (!result.ok) return { victimCase: null, transition: null, userErrors: [toUserError(result.error)] };
  if (result.value.records) {
    const { caseId, records } = result.value;
    context.loaders.victimCase.clear(caseId).prime(caseId, records.victimCase);
    context.loaders.contactPlanByCase.clear(caseId);
    context.loaders.caseTransition.prime(result.value.transitionId, records.transition);
    return {
      victimCase: toVictimCase(records.victimCase),
      transition: toCaseTransition(records.transition),
      userErrors: [],
    };
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

async function loadVictimCase(caseId: string, context: RequestContext): Promise<VictimCase> {
  // A mutation earlier in the same request may have cached the case before it changed.
  context.loaders.victimCase.clear(caseId);
  context.loaders.contactPlanByCase.clear(caseId);
  const entity = await context.loaders.victimCase.load(caseId);
  if (!entity) throw new GraphQLError("A committed case could not be read back.");
  return toVictimCase(entity);
}

/** The parole review a statement, request or licence-condition request belongs to. */
export async function loadParentParoleReview(id: string, context: RequestContext): Promise<ParoleReview> {
  const review = await context.loaders.paroleReview.load(id);
  if (!review) throw new GraphQLError("A parole review is missing.");
  return toParoleReview(review);
}

/** The case a work item or notification belongs to. */
export async function loadParentCase(caseId: string, context: RequestContext): Promise<VictimCase> {
  const entity = await context.loaders.victimCase.load(caseId);
  if (!entity) throw new GraphQLError("A work item's case is missing.");
  return toVictimCase(entity);
}
