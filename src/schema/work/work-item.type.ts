import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { ContactChannel } from "../../domain/cases/contact.enums";
import { NotificationStatus } from "../../domain/notifications/notification.enums";
import { TaskKind } from "../../domain/work/task.enums";
import { Notification } from "../notifications/notification.type";
import { DateScalar } from "../common/scalars";
import { Task } from "./task.type";

export enum WorkAction {
  SEND_LETTER = "SEND_LETTER",
  SEND_EMAIL = "SEND_EMAIL",
  MAKE_CALL = "MAKE_CALL",
  RESOLVE_ESCALATION = "RESOLVE_ESCALATION",
  SEND_INVITATION = "SEND_INVITATION",
  SEND_FOLLOW_UP_INVITATION = "SEND_FOLLOW_UP_INVITATION",
  SUBMIT_PERSONAL_STATEMENT = "SUBMIT_PERSONAL_STATEMENT",
  CONTACT_VICTIM_DIRECTLY = "CONTACT_VICTIM_DIRECTLY",
  SEEK_VICTIM_VIEWS = "SEEK_VICTIM_VIEWS",
}

registerEnumType(WorkAction, {
  name: "WorkAction",
  description:
    "What the officer has to do. The first four are notifications (the item's notification is set); the others are tasks (its task is set).",
  valuesConfig: {
    SEND_LETTER: { description: "Send a letter (or check it went)." },
    SEND_EMAIL: { description: "Send an email (or check it went)." },
    MAKE_CALL: { description: "Telephone the victim." },
    RESOLVE_ESCALATION: {
      description: "Three attempts failed or nothing was acknowledged: reach the victim another way.",
    },
    SEND_INVITATION: {
      description: "Invite the victim to the scheme: the first contact (task FIRST_CONTACT; sendInvitation closes it).",
    },
    SEND_FOLLOW_UP_INVITATION: {
      description:
        "The invitation has had no reply: send a follow-up (task INVITATION_FOLLOW_UP; sendInvitation closes it).",
    },
    SUBMIT_PERSONAL_STATEMENT: {
      description:
        "Send the victim's personal statement to the Board (task PERSONAL_STATEMENT; submitVictimPersonalStatement closes it).",
    },
    CONTACT_VICTIM_DIRECTLY: {
      description:
        "The child victim has turned 18: contact them directly (task CONTACT_VICTIM_DIRECTLY; completeTask closes it).",
    },
    SEEK_VICTIM_VIEWS: {
      description:
        "The offender is being considered for open conditions, temporary release or a curfew: ask the victim's views before the decision (task SEEK_VICTIM_VIEWS; completeTask closes it).",
    },
  },
});

@ObjectType("WorkItem", {
  description:
    "Something an officer has to do for a victim, with its due date: a notification to send or a task. Exactly one of notification and task is set.",
})
export class WorkItem {
  @Field(() => ID, { description: "Global id of the notification or task behind it." })
  id: string;

  @Field(() => WorkAction, { description: "What to do." })
  action: WorkAction;

  @Field(() => DateScalar, { description: "When it is due." })
  dueOn: string;

  @Field({ description: "Whether the due date has passed." })
  overdue: boolean;

  @Field({ description: "A same-day safety call (the offender is unlawfully at large). Never set on a task." })
  urgent: boolean;

  @Field(() => Notification, {
    nullable: true,
    description: "The notification to send, when the item is a notification (null for a task).",
  })
  notification: Notification | null;

  @Field(() => Task, { nullable: true, description: "The task, when the item is a task (null for a notification)." })
  task: Task | null;

  caseDatabaseId: string;
}

const ACTION_BY_CHANNEL: Record<ContactChannel, WorkAction> = {
  [ContactChannel.LETTER]: WorkAction.SEND_LETTER,
  [ContactChannel.EMAIL]: WorkAction.SEND_EMAIL,
  [ContactChannel.PHONE]: WorkAction.MAKE_CALL,
};

const ACTION_BY_TASK: Record<TaskKind, WorkAction> = {
  [TaskKind.FIRST_CONTACT]: WorkAction.SEND_INVITATION,
  [TaskKind.INVITATION_FOLLOW_UP]: WorkAction.SEND_FOLLOW_UP_INVITATION,
  [TaskKind.PERSONAL_STATEMENT]: WorkAction.SUBMIT_PERSONAL_STATEMENT,
  [TaskKind.CONTACT_VICTIM_DIRECTLY]: WorkAction.CONTACT_VICTIM_DIRECTLY,
  [TaskKind.SEEK_VICTIM_VIEWS]: WorkAction.SEEK_VICTIM_VIEWS,
};

export function toWorkItem(notification: Notification): WorkItem {
  return Object.assign(new WorkItem(), {
    id: notification.id,
    action:
      notification.status === NotificationStatus.ESCALATED
        ? WorkAction.RESOLVE_ESCALATION
        : ACTION_BY_CHANNEL[notification.channel],
    dueOn: notification.dueOn,
    overdue: notification.overdue,
    urgent: notification.urgent,
    notification,
    task: null,
    caseDatabaseId: notification.caseDatabaseId,
  });
}

export function toTaskWorkItem(task: Task): WorkItem {
  return Object.assign(new WorkItem(), {
    id: task.id,
    action: ACTION_BY_TASK[task.kind],
    dueOn: task.dueOn,
    overdue: task.overdue,
    urgent: false,
    notification: null,
    task,
    caseDatabaseId: task.caseDatabaseId,
  });
}
