import { loadParentParoleReview } from "../../graphql/payload-builders";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { LicenceConditionRequest } from "../../schema/licence-conditions/licence-condition-request.type";
import { ParoleReview } from "../../schema/parole/parole-review.type";
import { Permission } from "../../domain/security/policy";
import {
  licenceConditionStepRefusals,
  type LicenceConditionRequestStep,
} from "../../services/licence-conditions/licence-condition-actions";
import {
  actionReasons,
  availableActionsIn,
  BlockedLicenceConditionAction,
  blockedActionsIn,
  type ActionReasons,
} from "../../schema/common/blocked-step.type";
import { LicenceConditionAction } from "../../schema/common/step-actions.enums";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalFieldRead } from "../../graphql/personal-data-read";

@Resolver(() => LicenceConditionRequest)
export class LicenceConditionRequestResolver {
  @FieldResolver(() => [LicenceConditionAction], {
    description:
      "The steps you may take now: those the request's status allows, on an open case, if your role and region permit. Drive buttons from this.",
  })
  async availableActions(
    @Root() request: LicenceConditionRequest,
    @Ctx() context: RequestContext,
  ): Promise<LicenceConditionAction[]> {
    return availableActionsIn(await requestActions(request, context));
  }

  @FieldResolver(() => [BlockedLicenceConditionAction], {
    description:
      "The steps you cannot take now, each with every reason it is refused (the very userErrors its mutation would answer: a closed case, the request's status; plus FORBIDDEN). Every action is either here or in availableActions.",
  })
  async blockedActions(
    @Root() request: LicenceConditionRequest,
    @Ctx() context: RequestContext,
  ): Promise<BlockedLicenceConditionAction[]> {
    return blockedActionsIn(await requestActions(request, context), BlockedLicenceConditionAction);
  }

  @FieldResolver(() => ParoleReview, {
    nullable: true,
    description: "The parole review the request is for, when made at one.",
  })
  async paroleReview(
    @Root() request: LicenceConditionRequest,
    @Ctx() context: RequestContext,
  ): Promise<ParoleReview | null> {
    return request.paroleReviewDatabaseId ? loadParentParoleReview(request.paroleReviewDatabaseId, context) : null;
  }

  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "What the victim asks for, in their words (an exclusion zone as an area, never one address). Personal data: every read is logged; null once erased.",
  })
  async description(
    @Root() request: LicenceConditionRequest,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    await recordPersonalFieldRead(context, info, request.caseDatabaseId, "licenceConditionRequest.description");
    return request.description;
  }

  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Why the decision maker did not adopt it; the victim is told this. Treated as personal data (it may speak of the victim): every read is logged.",
  })
  async reasonNotAdopted(
    @Root() request: LicenceConditionRequest,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    if (request.reasonNotAdopted === null) return null;
    await recordPersonalFieldRead(context, info, request.caseDatabaseId, "licenceConditionRequest.reasonNotAdopted");
    return request.reasonNotAdopted;
  }
}

async function requestActions(
  request: LicenceConditionRequest,
  context: RequestContext,
): Promise<ActionReasons<LicenceConditionAction>[]> {
  const victimCase = await context.loaders.victimCase.load(request.caseDatabaseId);
  if (!victimCase) throw new GraphQLError("A licence-condition request's case is missing.");
  const stored = { id: request.databaseId, version: request.version, status: request.status };
  return actionReasons(
    Object.values(LicenceConditionAction),
    (action) => licenceConditionStepRefusals(action as LicenceConditionRequestStep, victimCase.status, stored),
    () => context.access.refusalFor(Permission.CHANGE_CASES, request.scopeRegion),
  );
}
