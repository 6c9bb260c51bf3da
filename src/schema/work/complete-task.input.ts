import { IsNotEmpty, IsOptional, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { TransitionInputBase } from "../common/transition-input.base";

// expectedVersion here is the task's version.
@InputType("CompleteTaskInput", {
  description:
    "Record that you have done a task; expectedVersion is the task's version. A task its own step closes (FIRST_CONTACT, INVITATION_FOLLOW_UP, PERSONAL_STATEMENT) needs a reason.",
})
export class CompleteTaskInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the task." })
  @MaxLength(200)
  taskId: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Why you complete it by hand (e.g. the statement went to the Board by another route). Required for a task its own step closes. Personal data: sealed beside the case's history row (its note).",
  })
  @IsOptional()
  @IsNotEmpty({ message: "reason must not be empty when given" })
  @MaxLength(1000)
  reason?: string | null;
}

// expectedVersion here is the task's version.
@InputType("CancelTaskInput", {
  description: "Cancel an open task that is no longer needed, saying why; expectedVersion is the task's version.",
})
export class CancelTaskInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the task." })
  @MaxLength(200)
  taskId: string;

  @Field(() => String, {
    description: "Why it is no longer needed. Personal data: sealed beside the case's history row (its note).",
  })
  @IsNotEmpty({ message: "reason must say why the task is no longer needed" })
  @MaxLength(1000)
  reason: string;
}
