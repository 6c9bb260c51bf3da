import { GraphQLError } from "graphql";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Offender, toOffender } from "../../schema/custody/offender.type";
import { ParoleReview } from "../../schema/parole/parole-review.type";
import { openVictimSteps } from "../../machines/parole-review.machine";
import { today } from "../../domain/calendar/london-date";
import { paroleReviewSnapshot } from "../../machines/parole-review.machine";
import { ParoleStep } from "../../schema/common/step-actions.enums";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => ParoleReview)
export class ParoleReviewResolver {
  @FieldResolver(() => [ParoleStep], {
    description:
      "The victim's steps this review accepts today (its state, eligibility and deadlines). A case may still refuse one it has already taken (ALREADY_RECORDED) or if the victim is not in the scheme.",
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
