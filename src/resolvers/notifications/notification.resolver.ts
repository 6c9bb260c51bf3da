import { loadParentCase } from "../../graphql/payload-builders";
import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { notificationWords, reasonRequestIds } from "../../services/notifications/notification-words";
import { recordPersonalFieldRead } from "../../graphql/personal-data-read";
import { availableNotificationEvents, notificationMachine } from "../../machines/notification.machine";
import { Permission } from "../../domain/security/policy";
import { NotificationAction } from "../../schema/common/step-actions.enums";
import { Notification } from "../../schema/notifications/notification.type";
import { VictimCase } from "../../schema/cases/victim-case.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => Notification)
export class NotificationResolver {
  @FieldResolver(() => [NotificationAction], {
    description:
      "The steps you may record now: those the notification's status allows, if your role and region permit. Drive buttons from this.",
  })
  async availableActions(
    @Root() notification: Notification,
    @Ctx() context: RequestContext,
  ): Promise<NotificationAction[]> {
    const victimCase = await context.loaders.victimCase.load(notification.caseDatabaseId);
    if (!victimCase || !context.access.allows(Permission.CHANGE_CASES, victimCase.region)) return [];
    const snapshot = notificationMachine.resolveState({
      value: notification.status,
      context: { attempts: notification.attempts },
    });
    return availableNotificationEvents(snapshot) as NotificationAction[];
  }

  @FieldResolver(() => String, { description: "The subject line (or what the call is about)." })
  subject(@Root() notification: Notification): string {
    return notificationWords(notification.entity).subject;
  }

  @FieldResolver(() => String, {
    description:
      "The words of the letter or email, or the officer's call script: months, never days; no prison, no address. The victim's name is added when it is sent. A reason a licence condition was not adopted is personal data: it is shown, and the read logged, only to those who may read personal data.",
  })
  async body(
    @Root() notification: Notification,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string> {
    const quoted = reasonRequestIds(notification.entity);
    if (quoted.length === 0) return notificationWords(notification.entity).body;
    const victimCase = await context.loaders.victimCase.load(notification.caseDatabaseId);
    if (!victimCase || !context.access.allows(Permission.READ_PERSONAL_DATA, victimCase.region))
      return notificationWords(notification.entity, "WITHHELD").body;
    const requests = await context.loaders.licenceRequestsByCase.load(notification.caseDatabaseId);
    await recordPersonalFieldRead(context, info, notification.caseDatabaseId, "notification.body.reasonNotAdopted");
    const reasons = new Map(requests.map((request) => [request.id, request.reasonNotAdopted]));
    return notificationWords(notification.entity, reasons).body;
  }

  @FieldResolver(() => VictimCase, { description: "The case the notification is for." })
  victimCase(@Root() notification: Notification, @Ctx() context: RequestContext): Promise<VictimCase> {
    return loadParentCase(notification.caseDatabaseId, context);
  }
}
