import { type GraphQLResolveInfo } from "graphql";
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { Permission } from "../../domain/security/policy";
import { CustodyEvent } from "../../schema/custody/custody-event.type";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalFieldRead } from "../../graphql/personal-data-read";

@Resolver(() => CustodyEvent)
export class CustodyEventResolver {
  // Free text about a person, typed by whoever recorded the event: it may name a hospital, a
  // diagnosis or another person, so it is for staff who may read personal data, and read on record.
  @Authorized(Permission.READ_PERSONAL_DATA)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The free-text details given with the event (recordCustodyEvent's details), for staff: null when none were given. They may hold personal data (a hospital, a health matter, another person), so only roles that may read personal data (VLOs, managers) see them; others get null with FORBIDDEN. Every read of details that exist is logged.",
  })
  async details(
    @Root() event: CustodyEvent,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    if (event.note === null) return null;
    await recordPersonalFieldRead(context, info, event.caseDatabaseId, "custodyEvent.details");
    return event.note;
  }
}
