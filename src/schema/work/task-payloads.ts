import { Field, ObjectType } from "type-graphql";
import { CaseTransition } from "../cases/case-transition.type";
import type { CasePayloadShape } from "../cases/payloads";
import { Task } from "./task.type";
import { UserError } from "../common/user-error.type";
import { VictimCase } from "../cases/victim-case.type";

export interface TaskPayloadShape extends CasePayloadShape {
  task: Task | null;
}

// A task step answers with the task, its case and the case history row it wrote.
@ObjectType("TaskStepPayload", { description: "Fields shared by task step payloads (not used directly)." })
abstract class TaskStepPayload implements TaskPayloadShape {
  @Field(() => Task, { nullable: true, description: "The task after the step (null when there are userErrors)." })
  task: Task | null;

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

@ObjectType("CompleteTaskPayload", { description: "The result of completeTask." })
export class CompleteTaskPayload extends TaskStepPayload {}

@ObjectType("CancelTaskPayload", { description: "The result of cancelTask." })
export class CancelTaskPayload extends TaskStepPayload {}
