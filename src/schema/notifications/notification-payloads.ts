import type { ClassType } from "type-graphql";
import { Field, ObjectType } from "type-graphql";
import { CaseTransition } from "../cases/case-transition.type";
import { Notification } from "./notification.type";
import type { CasePayloadShape } from "../cases/payloads";
import { UserError } from "../common/user-error.type";
import { VictimCase } from "../cases/victim-case.type";

export interface NotificationPayloadShape extends CasePayloadShape {
  notification: Notification | null;
}

// A notification step answers with the notification, its case and the case history row it wrote.
function NotificationPayload(name: string, action: string): ClassType<NotificationPayloadShape> {
  @ObjectType(name, { description: `The result of ${action}.` })
  class Payload implements NotificationPayloadShape {
    @Field(() => Notification, {
      nullable: true,
      description: "The notification after the step (null when there are userErrors).",
    })
    notification: Notification | null;

    @Field(() => VictimCase, { nullable: true, description: "Its case (null when there are userErrors)." })
    victimCase: VictimCase | null;

    @Field(() => CaseTransition, {
      nullable: true,
      description: "The case history entry written (null when there are userErrors).",
    })
    transition: CaseTransition | null;

    @Field(() => [UserError], { description: "Why nothing was done; empty on success." })
    userErrors: UserError[];
  }
  return Payload;
}

export const RecordNotificationSentPayload = NotificationPayload(
  "RecordNotificationSentPayload",
  "recordNotificationSent",
);
export const RecordNotificationFailedPayload = NotificationPayload(
  "RecordNotificationFailedPayload",
  "recordNotificationFailed",
);
export const RecordNotificationAcknowledgedPayload = NotificationPayload(
  "RecordNotificationAcknowledgedPayload",
  "recordNotificationAcknowledged",
);
