import { loadParentCase } from "../../graphql/payload-builders";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { notificationWords } from "../../services/notifications/notification-words";
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
      "The words of the letter or email, or the officer's call script: months, never days; no prison, no address. The victim's name is added when it is sent.",
  })
  body(@Root() notification: Notification): string {
    return notificationWords(notification.entity).body;
  }

  @FieldResolver(() => VictimCase, { description: "The case the notification is for." })
  victimCase(@Root() notification: Notification, @Ctx() context: RequestContext): Promise<VictimCase> {
    return loadParentCase(notification.caseDatabaseId, context);
  }
}
