import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import type { NotificationFailure } from "../../domain/notifications/notification.enums";
import type { NotificationEvent } from "../../machines/notification.machine";
import { today } from "../../domain/calendar/london-date";
import { executeNotificationEvent } from "../../services/cases/case-commands";
import { Permission } from "../../domain/security/policy";
import {
  RecordNotificationAcknowledgedInput,
  RecordNotificationFailedInput,
  RecordNotificationSentInput,
  type NotificationStepInputBase,
} from "../../schema/notifications/notification-step.input";
import {
  RecordNotificationAcknowledgedPayload,
  RecordNotificationFailedPayload,
  RecordNotificationSentPayload,
  type NotificationPayloadShape,
} from "../../schema/notifications/notification-payloads";
import { toNotification } from "../../schema/notifications/notification.type";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { toCasePayload } from "../../graphql/payload-builders";

@Resolver()
export class NotificationMutationResolver {
  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordNotificationSentPayload, {
    description: "Record that a notification was sent (DUE, FAILED or ESCALATED → SENT).",
  })
  recordNotificationSent(
    @Arg("input", () => RecordNotificationSentInput, { description: "The notification." })
    input: RecordNotificationSentInput,
    @Ctx() context: RequestContext,
  ): Promise<NotificationPayloadShape> {
    return this.step("recordNotificationSent", input, { type: "RECORD_SENT" }, null, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordNotificationFailedPayload, {
    description:
      "Record a failed attempt, or a letter returned or an email bounced after it was sent (DUE, FAILED or SENT → FAILED; the third failure → ESCALATED).",
  })
  recordNotificationFailed(
    @Arg("input", () => RecordNotificationFailedInput, { description: "The notification and why it failed." })
    input: RecordNotificationFailedInput,
    @Ctx() context: RequestContext,
  ): Promise<NotificationPayloadShape> {
    return this.step("recordNotificationFailed", input, { type: "RECORD_FAILED" }, input.failure, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => RecordNotificationAcknowledgedPayload, {
    description: "Record the victim's acknowledgement (SENT or ESCALATED → ACKNOWLEDGED).",
  })
  recordNotificationAcknowledged(
    @Arg("input", () => RecordNotificationAcknowledgedInput, { description: "The notification." })
    input: RecordNotificationAcknowledgedInput,
    @Ctx() context: RequestContext,
  ): Promise<NotificationPayloadShape> {
    return this.step("recordNotificationAcknowledged", input, { type: "RECORD_ACKNOWLEDGED" }, null, context);
  }

  private async step(
    operation: string,
    input: NotificationStepInputBase,
    event: NotificationEvent,
    failure: NotificationFailure | null,
    context: RequestContext,
  ): Promise<NotificationPayloadShape> {
    const result = await executeNotificationEvent(
      context.dataSource,
      input.notificationId,
      event,
      failure,
      commandMeta(operation, input, context),
    );
    const payload = await toCasePayload(result, context);
    if (!result.ok || !payload.victimCase) return { ...payload, notification: null };
    const notification = await context.dataSource.manager.findOneByOrFail(NotificationEntity, {
      id: result.value.notificationId,
    });
    return { ...payload, notification: toNotification(notification, today()) };
  }
}
