import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { decodeCursor, pageSize } from "../../services/paging/pagination";
import { Offender } from "../../schema/custody/offender.type";
import { toCustodyEvent } from "../../schema/custody/custody-event.type";
import { PageArgs } from "../../schema/common/page.args";
import { CustodyEventConnection, toConnection } from "../../graphql/connections";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => Offender)
export class OffenderCustodyEventsResolver {
  @FieldResolver(() => CustodyEventConnection, {
    description:
      "The offender's custody history, newest first, as a case page shows it: by the day each event happened (occurredOn), then, for one day, the last recorded first. An event reported late sits at the day it happened, not the day it was typed.",
  })
  async custodyEvents(
    @Root() offender: Offender,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<CustodyEventConnection> {
    const key = {
      parentId: offender.databaseId,
      first: pageSize(page.first),
      after: decodeCursor("CustodyEvent", page.after),
    };
    const result = await context.loaders.custodyEventPage.load(key);
    return toConnection(result, (entity) => toCustodyEvent(entity)) as CustodyEventConnection;
  }
}
