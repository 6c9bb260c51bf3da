import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { ContactChannel } from "../domain/contact.enums";
import { NotificationStatus } from "../domain/notification.enums";
import { Notification } from "./notification.type";
import { DateScalar } from "./scalars";

export enum WorkAction {
  SEND_LETTER = "SEND_LETTER",
  SEND_EMAIL = "SEND_EMAIL",
  MAKE_CALL = "MAKE_CALL",
  RESOLVE_ESCALATION = "RESOLVE_ESCALATION",
}

registerEnumType(WorkAction, {
  name: "WorkAction",
  description: "What the officer has to do.",
  valuesConfig: {
    SEND_LETTER: { description: "Send a letter (or check it went)." },
    SEND_EMAIL: { description: "Send an email (or check it went)." },
    MAKE_CALL: { description: "Telephone the victim." },
    RESOLVE_ESCALATION: { description: "Three attempts failed or nothing was acknowledged: reach the victim another way." },
  },
});

@ObjectType("WorkItem", { description: "Something an officer has to do for a victim, with its due date." })
export class WorkItem {
  @Field(() => ID, { description: "Global id of the notification behind it." })
  id: string;

  @Field(() => WorkAction, { description: "What to do." })
  action: WorkAction;

  @Field(() => DateScalar, { description: "When it is due." })
  dueOn: string;

  @Field({ description: "Whether the due date has passed." })
  overdue: boolean;

  @Field({ description: "A same-day safety call (the offender is unlawfully at large)." })
  urgent: boolean;

  @Field(() => Notification, { description: "The notification to send." })
  notification: Notification;

  caseDatabaseId: string;
}

const ACTION_BY_CHANNEL: Record<ContactChannel, WorkAction> = {
  [ContactChannel.LETTER]: WorkAction.SEND_LETTER,
  [ContactChannel.EMAIL]: WorkAction.SEND_EMAIL,
  [ContactChannel.PHONE]: WorkAction.MAKE_CALL,
};

export function toWorkItem(notification: Notification): WorkItem {
  return Object.assign(new WorkItem(), {
    id: notification.id,
    action: notification.status === NotificationStatus.ESCALATED ? WorkAction.RESOLVE_ESCALATION : ACTION_BY_CHANNEL[notification.channel],
    dueOn: notification.dueOn,
    overdue: notification.overdue,
    urgent: notification.urgent,
    notification,
    caseDatabaseId: notification.caseDatabaseId,
  });
}
