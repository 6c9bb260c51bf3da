import { loadParentParoleReview } from "../../graphql/payload-builders";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ParoleRequest } from "../../schema/parole/parole-request.type";
import { ParoleReview } from "../../schema/parole/parole-review.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => ParoleRequest)
export class ParoleRequestResolver {
  @FieldResolver(() => ParoleReview, { description: "The review the request is about." })
  paroleReview(@Root() request: ParoleRequest, @Ctx() context: RequestContext): Promise<ParoleReview> {
    return loadParentParoleReview(request.paroleReviewDatabaseId, context);
  }
}
