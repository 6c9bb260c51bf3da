import { IsEnum, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { NotificationFailure } from "../../domain/notifications/notification.enums";
import { TransitionInputBase } from "../common/transition-input.base";

// expectedVersion here is the notification's version.
@InputType("NotificationStepInputBase", {
  description: "Fields shared by the steps of a notification (not used directly).",
})
export abstract class NotificationStepInputBase extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the notification." })
  @MaxLength(200)
  notificationId: string;
}

@InputType("RecordNotificationSentInput", {
  description: "Record that the letter or email was sent, or the call made and the news given.",
})
export class RecordNotificationSentInput extends NotificationStepInputBase {}

@InputType("RecordNotificationAcknowledgedInput", {
  description: "Record that the victim acknowledged the notification.",
})
export class RecordNotificationAcknowledgedInput extends NotificationStepInputBase {}

@InputType("RecordNotificationFailedInput", {
  description: "Record an attempt that did not reach the victim; the third failure escalates it.",
})
export class RecordNotificationFailedInput extends NotificationStepInputBase {
  @Field(() => NotificationFailure, { description: "Why it did not reach the victim." })
  @IsEnum(NotificationFailure)
  failure: NotificationFailure;
}
