import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { LicenceConditionRequest, toLicenceConditionRequest } from "../schema/licence-condition-request.type";
import { Offender, toOffender } from "../schema/offender.type";
import { ParoleRequest, toParoleRequest } from "../schema/parole-request.type";
import { ParoleReview, toParoleReview } from "../schema/parole-review.type";
import { VictimLicenceCondition } from "../schema/release-information.type";
import { VictimCase } from "../schema/victim-case.type";
import { toVictimPersonalStatement, VictimPersonalStatement } from "../schema/victim-personal-statement.type";
import { CaseStatus } from "../domain/case.enums";
import { availableLicenceConditionEvents, licenceConditionRequestMachine } from "../machines/licence-condition-request.machine";
import { openVictimSteps } from "../machines/parole-review.machine";
import { today } from "../services/case-transition.service";
import { paroleReviewSnapshot } from "../services/parole-review.service";
import { Permission } from "../services/policy";
import { LicenceConditionAction, ParoleStep } from "../schema/step-actions.enums";
import type { RequestContext } from "./context";
import { recordPersonalFieldRead } from "./personal-data-read";

async function reviewOf(id: string, context: RequestContext): Promise<ParoleReview> {
  const review = await context.loaders.paroleReview.load(id);
  if (!review) throw new GraphQLError("A parole review is missing.");
  return toParoleReview(review);
}

@Resolver(() => Offender)
export class OffenderParoleResolver {
  @FieldResolver(() => [ParoleReview], { description: "The offender's Parole Board reviews, newest referral first." })
  async paroleReviews(@Root() offender: Offender, @Ctx() context: RequestContext): Promise<ParoleReview[]> {
    return (await context.loaders.paroleReviewsByOffender.load(offender.databaseId)).map(toParoleReview);
  }
}

@Resolver(() => ParoleReview)
export class ParoleReviewResolver {
  @FieldResolver(() => [ParoleStep], {
    description: "The victim's steps this review accepts today (its state, eligibility and deadlines). A case may still refuse one it has already taken (ALREADY_RECORDED) or if the victim is not in the scheme.",
  })
  async openVictimSteps(@Root() review: ParoleReview, @Ctx() context: RequestContext): Promise<ParoleStep[]> {
    const entity = await context.loaders.paroleReview.load(review.databaseId);
    return entity ? (openVictimSteps(paroleReviewSnapshot(entity), today()) as ParoleStep[]) : [];
  }

  @FieldResolver(() => Offender, { description: "The offender under review." })
  async offender(@Root() review: ParoleReview, @Ctx() context: RequestContext): Promise<Offender> {
    const offender = await context.loaders.offender.load(review.offenderDatabaseId);
    if (!offender) throw new GraphQLError("A review's offender is missing.");
    return toOffender(offender);
  }
}

@Resolver(() => VictimCase)
export class CaseParoleResolver {
  @FieldResolver(() => [VictimPersonalStatement], { description: "The victim's personal statements, one per parole review." })
  async personalStatements(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<VictimPersonalStatement[]> {
    return (await context.loaders.statementsByCase.load(victimCase.databaseId)).map((statement) => toVictimPersonalStatement(statement, victimCase.scopeRegion));
  }

  @FieldResolver(() => [ParoleRequest], { description: "What the victim asked for around parole reviews (to observe, a public hearing, reconsideration, a decision summary)." })
  async paroleRequests(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<ParoleRequest[]> {
    return (await context.loaders.paroleRequestsByCase.load(victimCase.databaseId)).map(toParoleRequest);
  }

  @FieldResolver(() => [LicenceConditionRequest], { description: "The licence conditions the victim asked for, oldest first, with what became of each." })
  async licenceConditionRequests(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<LicenceConditionRequest[]> {
    return (await context.loaders.licenceRequestsByCase.load(victimCase.databaseId)).map((request) => toLicenceConditionRequest(request, victimCase.scopeRegion));
  }
}

@Resolver(() => VictimPersonalStatement)
export class VictimPersonalStatementResolver {
  @FieldResolver(() => ParoleReview, { description: "The review the statement is for." })
  paroleReview(@Root() statement: VictimPersonalStatement, @Ctx() context: RequestContext): Promise<ParoleReview> {
    return reviewOf(statement.paroleReviewDatabaseId, context);
  }

  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, { nullable: true, description: "The statement as sent. Personal data: every read is logged; null with FORBIDDEN for roles that may not read it; null once erased." })
  async text(@Root() statement: VictimPersonalStatement, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    await recordPersonalFieldRead(context, info, statement.caseDatabaseId, "personalStatement.text");
    return statement.text;
  }
}

@Resolver(() => ParoleRequest)
export class ParoleRequestResolver {
  @FieldResolver(() => ParoleReview, { description: "The review the request is about." })
  paroleReview(@Root() request: ParoleRequest, @Ctx() context: RequestContext): Promise<ParoleReview> {
    return reviewOf(request.paroleReviewDatabaseId, context);
  }
}

@Resolver(() => LicenceConditionRequest)
export class LicenceConditionRequestResolver {
  @FieldResolver(() => [LicenceConditionAction], { description: "The steps you may take now: those the request's status allows, on an open case, if your role and region permit. Drive buttons from this." })
  async availableActions(@Root() request: LicenceConditionRequest, @Ctx() context: RequestContext): Promise<LicenceConditionAction[]> {
    if (!context.access.allows(Permission.CHANGE_CASES, request.scopeRegion)) return [];
    const victimCase = await context.loaders.victimCase.load(request.caseDatabaseId);
    if (!victimCase || victimCase.status === CaseStatus.CLOSED) return [];
    const snapshot = licenceConditionRequestMachine.resolveState({ value: request.status, context: {} });
    return availableLicenceConditionEvents(snapshot) as LicenceConditionAction[];
  }

  @FieldResolver(() => ParoleReview, { nullable: true, description: "The parole review the request is for, when made at one." })
  async paroleReview(@Root() request: LicenceConditionRequest, @Ctx() context: RequestContext): Promise<ParoleReview | null> {
    return request.paroleReviewDatabaseId ? reviewOf(request.paroleReviewDatabaseId, context) : null;
  }

  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, { nullable: true, description: "What the victim asks for, in their words (an exclusion zone as an area, never one address). Personal data: every read is logged; null once erased." })
  async description(@Root() request: LicenceConditionRequest, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    await recordPersonalFieldRead(context, info, request.caseDatabaseId, "licenceConditionRequest.description");
    return request.description;
  }

  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, { nullable: true, description: "Why the decision maker did not adopt it; the victim is told this. Treated as personal data (it may speak of the victim): every read is logged." })
  async reasonNotAdopted(@Root() request: LicenceConditionRequest, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    if (request.reasonNotAdopted === null) return null;
    await recordPersonalFieldRead(context, info, request.caseDatabaseId, "licenceConditionRequest.reasonNotAdopted");
    return request.reasonNotAdopted;
  }
}

@Resolver(() => VictimLicenceCondition)
export class VictimLicenceConditionResolver {
  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, { nullable: true, description: "Why it was not adopted, as the victim is told it (a day, a prison or an address is removed). Treated as personal data: every read is logged." })
  async reasonNotAdopted(@Root() condition: VictimLicenceCondition, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    if (condition.reasonNotAdopted === null) return null;
    await recordPersonalFieldRead(context, info, condition.caseDatabaseId, "releaseInformation.licenceConditions.reasonNotAdopted");
    return condition.reasonNotAdopted;
  }
}
