import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import { Notification, toNotification } from "../../schema/notifications/notification.type";
import { VictimCase } from "../../schema/cases/victim-case.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => VictimCase)
export class CaseNotificationResolver {
  @FieldResolver(() => [Notification], { description: "What the victim has been, or is to be, told, newest first." })
  async notifications(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Notification[]> {
    const on = today();
    return (await context.loaders.notificationsByCase.load(victimCase.databaseId)).map((row) =>
      toNotification(row, on),
    );
  }
}
