import { Field, ID, Int, ObjectType } from "type-graphql";
import { ContactChannel } from "../../domain/cases/contact.enums";
import {
  NotificationFailure,
  NotificationKind,
  NotificationStatus,
} from "../../domain/notifications/notification.enums";
import type { NotificationEntity } from "../../entities/notifications/notification.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { Node } from "../common/node.interface";
import { DateScalar, DateTimeScalar } from "../common/scalars";

@ObjectType("Notification", {
  implements: Node,
  description:
    "A letter, email or call owed to a victim because something happened, written with the event itself. Its words come from templates filled only through the disclosure rules (months, never days).",
})
export class Notification implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field(() => NotificationKind, { description: "What the victim is told about." })
  kind: NotificationKind;

  @Field(() => ContactChannel, {
    description:
      "How: the first channel of the victim's plan they have a detail for; PHONE for a call the officer makes.",
  })
  channel: ContactChannel;

  @Field({ description: "A same-day call whatever the victim's level (the offender is unlawfully at large)." })
  urgent: boolean;

  @Field(() => NotificationStatus, {
    description: "Where it is: DUE → SENT → ACKNOWLEDGED, FAILED and retried, ESCALATED, or CANCELLED.",
  })
  status: NotificationStatus;

  @Field(() => DateScalar, {
    description: "When it must be sent by: the same day for an urgent call, else 5 working days after the event.",
  })
  dueOn: string;

  @Field({ description: "Whether it is still work to do (DUE, FAILED or ESCALATED) and its due date has passed." })
  overdue: boolean;

  @Field(() => Int, { description: "Failed attempts so far; the third escalates it." })
  attempts: number;

  @Field(() => NotificationFailure, { nullable: true, description: "Why the last attempt failed, if one did." })
  lastFailure: NotificationFailure | null;

  @Field(() => DateScalar, { nullable: true, description: "When it was sent." })
  sentOn: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When GOV.UK Notify reported it delivered: an email accepted by the victim's mail server, a letter printed and posted. Null until then, and for a call or anything sent by hand. It does not change the status: only the victim's acknowledgement makes it ACKNOWLEDGED.",
  })
  deliveredAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "When the victim acknowledged it." })
  acknowledgedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When it was escalated to the officer's attention." })
  escalatedOn: string | null;

  @Field(() => Int, { description: "Increases by one with every change; send it as expectedVersion." })
  version: number;

  databaseId: string;
  caseDatabaseId: string;
  entity: NotificationEntity;
}

// Still work for an officer: the same set the work queue lists.
const OPEN: ReadonlySet<NotificationStatus> = new Set([
  NotificationStatus.DUE,
  NotificationStatus.FAILED,
  NotificationStatus.ESCALATED,
]);

export function toNotification(entity: NotificationEntity, today: string): Notification {
  return Object.assign(new Notification(), {
    id: toGlobalId("Notification", entity.id),
    kind: entity.kind,
    channel: entity.channel,
    urgent: entity.urgent,
    status: entity.status,
    dueOn: entity.dueOn,
    overdue: OPEN.has(entity.status) && entity.dueOn < today,
    attempts: entity.attempts,
    lastFailure: entity.lastFailure as NotificationFailure | null,
    sentOn: entity.sentOn,
    deliveredAt: entity.deliveredAt,
    acknowledgedOn: entity.acknowledgedOn,
    escalatedOn: entity.escalatedOn,
    version: entity.version,
    databaseId: entity.id,
    caseDatabaseId: entity.caseId,
    entity,
  });
}
