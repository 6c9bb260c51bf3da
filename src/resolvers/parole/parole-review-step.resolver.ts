import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ParoleReview } from "../../schema/parole/parole-review.type";
import { ParoleReviewStep } from "../../schema/parole/parole-review-step.type";
import type { RequestContext } from "../../graphql/context";
import { loadParentParoleReview } from "../../graphql/payload-builders";

@Resolver(() => ParoleReviewStep)
export class ParoleReviewStepResolver {
  @FieldResolver(() => ParoleReview, {
    nullable: true,
    description: "The review the step was taken in, as it stands now (null only for a step recorded without one).",
  })
  async paroleReview(@Root() step: ParoleReviewStep, @Ctx() context: RequestContext): Promise<ParoleReview | null> {
    return step.paroleReviewDatabaseId ? loadParentParoleReview(step.paroleReviewDatabaseId, context) : null;
  }
}
