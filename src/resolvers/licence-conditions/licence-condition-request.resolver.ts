import { loadParentParoleReview } from "../../graphql/payload-builders";
import { type GraphQLResolveInfo } from "graphql";
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { LicenceConditionRequest } from "../../schema/licence-conditions/licence-condition-request.type";
import { ParoleReview } from "../../schema/parole/parole-review.type";
import { CaseStatus } from "../../domain/cases/case.enums";
import {
  availableLicenceConditionEvents,
  licenceConditionRequestMachine,
} from "../../machines/licence-condition-request.machine";
import { Permission } from "../../domain/security/policy";
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
    if (!context.access.allows(Permission.CHANGE_CASES, request.scopeRegion)) return [];
    const victimCase = await context.loaders.victimCase.load(request.caseDatabaseId);
    if (!victimCase || victimCase.status === CaseStatus.CLOSED) return [];
    const snapshot = licenceConditionRequestMachine.resolveState({ value: request.status, context: {} });
    return availableLicenceConditionEvents(snapshot) as LicenceConditionAction[];
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
