import { Field, ID, Int, ObjectType } from "type-graphql";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import type { TaskEntity } from "../../entities/work/task.entity";
import { completionNeedsReason } from "../../machines/task.machine";
import { toGlobalId } from "../../domain/ids/global-id";
import { Node } from "../common/node.interface";
import { DateScalar, DateTimeScalar } from "../common/scalars";

@ObjectType("Task", {
  implements: Node,
  description:
    "Something the service asks an officer to do on a case that is not a notification to the victim: a first contact, a follow-up invitation, a personal statement to send, a victim come of age. Raised and closed in the same transaction as the events that cause them; listed on the work queue while OPEN.",
})
export class Task implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field(() => TaskKind, { description: "What it asks for, and so what raises and closes it." })
  kind: TaskKind;

  @Field(() => TaskStatus, { description: "OPEN → DONE or CANCELLED." })
  status: TaskStatus;

  @Field(() => DateScalar, { description: "The last day it is on time." })
  dueOn: string;

  @Field({ description: "Whether it is still OPEN and its due date has passed." })
  overdue: boolean;

  @Field(() => DateTimeScalar, { description: "When it was raised." })
  raisedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was closed (DONE or CANCELLED)." })
  closedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Who closed it: the officer, or the actor of the step that closed it (SYSTEM for a timer).",
  })
  closedBy: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "What closed it: COMPLETED (completeTask), CANCEL (cancelTask; the officer's reason is the note of the case's TASK_CANCELLED history row), or the event that did its work or made it moot (SEND_INVITATION, PERSONAL_STATEMENT_SUBMITTED, RECORD_OPT_IN, RECORD_DECLINE, INVITATION_EXPIRED, RECORD_OPT_OUT, CLOSE, CUSTODY_CHANGED, PAROLE_DECISION, …).",
  })
  closedReason: string | null;

  @Field({
    description:
      "Whether completeTask needs a reason: true for a task its own step closes (FIRST_CONTACT, INVITATION_FOLLOW_UP, PERSONAL_STATEMENT).",
  })
  needsReasonToComplete: boolean;

  @Field(() => Int, { description: "Increases by one with every change; send it as expectedVersion." })
  version: number;

  databaseId: string;
  caseDatabaseId: string;
  subjectDatabaseId: string;
}

export function toTask(entity: TaskEntity, today: string): Task {
  return Object.assign(new Task(), {
    id: toGlobalId("Task", entity.id),
    kind: entity.kind,
    status: entity.status,
    dueOn: entity.dueOn,
    overdue: entity.status === TaskStatus.OPEN && entity.dueOn < today,
    raisedAt: entity.createdAt,
    closedAt: entity.closedAt,
    closedBy: entity.closedBy,
    closedReason: entity.closedReason,
    needsReasonToComplete: completionNeedsReason(entity.kind),
    version: entity.version,
    databaseId: entity.id,
    caseDatabaseId: entity.caseId,
    subjectDatabaseId: entity.subjectId,
  });
}
