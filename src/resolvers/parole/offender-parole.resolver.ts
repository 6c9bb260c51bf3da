import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Offender } from "../../schema/custody/offender.type";
import { ParoleReview, toParoleReview } from "../../schema/parole/parole-review.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => Offender)
export class OffenderParoleResolver {
  @FieldResolver(() => [ParoleReview], { description: "The offender's Parole Board reviews, newest referral first." })
  async paroleReviews(@Root() offender: Offender, @Ctx() context: RequestContext): Promise<ParoleReview[]> {
    return (await context.loaders.paroleReviewsByOffender.load(offender.databaseId)).map(toParoleReview);
  }
}
