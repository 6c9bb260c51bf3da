import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import {
  LicenceConditionRequest,
  toLicenceConditionRequest,
} from "../../schema/licence-conditions/licence-condition-request.type";
import { CaseParoleReview, toCaseParoleReview } from "../../schema/parole/case-parole-review.type";
import { ParoleRequest, toParoleRequest } from "../../schema/parole/parole-request.type";
import { VictimCase } from "../../schema/cases/victim-case.type";
import { toVictimPersonalStatement, VictimPersonalStatement } from "../../schema/parole/victim-personal-statement.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => VictimCase)
export class CaseParoleResolver {
  @FieldResolver(() => [VictimPersonalStatement], {
    description: "The victim's personal statements, one per parole review.",
  })
  async personalStatements(
    @Root() victimCase: VictimCase,
    @Ctx() context: RequestContext,
  ): Promise<VictimPersonalStatement[]> {
    return (await context.loaders.statementsByCase.load(victimCase.databaseId)).map((statement) =>
      toVictimPersonalStatement(statement, victimCase.scopeRegion),
    );
  }

  @FieldResolver(() => [CaseParoleReview], {
    description:
      "The parole reviews of the case's offender, newest referral first, each with the victim's steps you may take in it now (availableActions) and why the others are refused (blockedActions).",
  })
  async paroleReviews(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<CaseParoleReview[]> {
    return (await context.loaders.paroleReviewsByOffender.load(victimCase.offenderDatabaseId)).map((review) =>
      toCaseParoleReview(review, victimCase),
    );
  }

  @FieldResolver(() => [ParoleRequest], {
    description:
      "What the victim asked for around parole reviews (to observe, a public hearing, reconsideration, a decision summary).",
  })
  async paroleRequests(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<ParoleRequest[]> {
    return (await context.loaders.paroleRequestsByCase.load(victimCase.databaseId)).map(toParoleRequest);
  }

  @FieldResolver(() => [LicenceConditionRequest], {
    description: "The licence conditions the victim asked for, oldest first, with what became of each.",
  })
  async licenceConditionRequests(
    @Root() victimCase: VictimCase,
    @Ctx() context: RequestContext,
  ): Promise<LicenceConditionRequest[]> {
    return (await context.loaders.licenceRequestsByCase.load(victimCase.databaseId)).map((request) =>
      toLicenceConditionRequest(request, victimCase.scopeRegion),
    );
  }
}
