import { type GraphQLResolveInfo } from "graphql";
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { VictimLicenceCondition } from "../../schema/sentences/release-information.type";
import { Permission } from "../../domain/security/policy";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalFieldRead } from "../../graphql/personal-data-read";

@Resolver(() => VictimLicenceCondition)
export class VictimLicenceConditionResolver {
  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Why it was not adopted, as the victim is told it (a day, a prison or an address is removed). Treated as personal data: every read is logged.",
  })
  async reasonNotAdopted(
    @Root() condition: VictimLicenceCondition,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    if (condition.reasonNotAdopted === null) return null;
    await recordPersonalFieldRead(
      context,
      info,
      condition.caseDatabaseId,
      "releaseInformation.licenceConditions.reasonNotAdopted",
    );
    return condition.reasonNotAdopted;
  }
}
