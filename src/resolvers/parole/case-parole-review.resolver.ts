import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import { Permission } from "../../domain/security/policy";
import type { VictimStepType } from "../../machines/parole-review.machine";
import { paroleStepRefusals } from "../../services/parole/parole-step-actions";
import { CaseParoleReview } from "../../schema/parole/case-parole-review.type";
import {
  actionReasons,
  availableActionsIn,
  BlockedParoleStep,
  blockedActionsIn,
  type ActionReasons,
} from "../../schema/common/blocked-step.type";
import { ParoleStep } from "../../schema/common/step-actions.enums";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => CaseParoleReview)
export class CaseParoleReviewResolver {
  @FieldResolver(() => [ParoleStep], {
    description:
      "The victim's steps you may take in this review now: the victim in the scheme, the review's state, eligibility and deadlines (today), the step not already recorded, and your role and region permitting. Drive buttons from this.",
  })
  async availableActions(@Root() entry: CaseParoleReview, @Ctx() context: RequestContext): Promise<ParoleStep[]> {
    return availableActionsIn(await paroleStepActions(entry, context));
  }

  @FieldResolver(() => [BlockedParoleStep], {
    description:
      "The victim's steps you cannot take in this review now, each with every reason it is refused (the very userErrors its mutation would answer, plus FORBIDDEN). Every step is either here or in availableActions.",
  })
  async blockedActions(@Root() entry: CaseParoleReview, @Ctx() context: RequestContext): Promise<BlockedParoleStep[]> {
    return blockedActionsIn(await paroleStepActions(entry, context), BlockedParoleStep);
  }
}

async function paroleStepActions(
  entry: CaseParoleReview,
  context: RequestContext,
): Promise<ActionReasons<ParoleStep>[]> {
  const [statements, requests] = await Promise.all([
    context.loaders.statementsByCase.load(entry.caseDatabaseId),
    context.loaders.paroleRequestsByCase.load(entry.caseDatabaseId),
  ]);
  const facts = {
    caseStatus: entry.caseStatus,
    review: entry.review,
    statementStatus: statements.find((statement) => statement.paroleReviewId === entry.review.id)?.status ?? null,
    requestedKinds: new Set(
      requests.filter((request) => request.paroleReviewId === entry.review.id).map((request) => request.kind),
    ),
    on: today(),
  };
  return actionReasons(
    Object.values(ParoleStep),
    (step) => paroleStepRefusals(step as VictimStepType, facts),
    () => context.access.refusalFor(Permission.CHANGE_CASES, entry.scopeRegion),
  );
}
