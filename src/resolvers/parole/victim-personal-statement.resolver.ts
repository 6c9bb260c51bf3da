import { loadParentParoleReview } from "../../graphql/payload-builders";
import { type GraphQLResolveInfo } from "graphql";
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { ParoleReview } from "../../schema/parole/parole-review.type";
import { VictimPersonalStatement } from "../../schema/parole/victim-personal-statement.type";
import { Permission } from "../../domain/security/policy";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalFieldRead } from "../../graphql/personal-data-read";

@Resolver(() => VictimPersonalStatement)
export class VictimPersonalStatementResolver {
  @FieldResolver(() => ParoleReview, { description: "The review the statement is for." })
  paroleReview(@Root() statement: VictimPersonalStatement, @Ctx() context: RequestContext): Promise<ParoleReview> {
    return loadParentParoleReview(statement.paroleReviewDatabaseId, context);
  }

  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The statement as sent. Personal data: every read is logged; null with FORBIDDEN for roles that may not read it; null once erased.",
  })
  async text(
    @Root() statement: VictimPersonalStatement,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    await recordPersonalFieldRead(context, info, statement.caseDatabaseId, "personalStatement.text");
    return statement.text;
  }
}
