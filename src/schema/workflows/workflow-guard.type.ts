import { Field, ObjectType } from "type-graphql";

@ObjectType("WorkflowGuard", {
  description: "A condition a transition checks before it is taken; when it fails, the event is refused.",
})
export class WorkflowGuard {
  @Field({ description: "The guard's name in the machine's definition, e.g. isSentenceOngoing." })
  name: string;

  @Field({ description: "What it checks, in words." })
  description: string;
}
