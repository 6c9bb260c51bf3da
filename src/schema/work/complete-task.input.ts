import { MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { TransitionInputBase } from "../common/transition-input.base";

// expectedVersion here is the task's version.
@InputType("CompleteTaskInput", {
  description:
    "Record that you have done a task that only you can close (CONTACT_VICTIM_DIRECTLY, SEEK_VICTIM_VIEWS); expectedVersion is the task's version.",
})
export class CompleteTaskInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the task." })
  @MaxLength(200)
  taskId: string;
}
