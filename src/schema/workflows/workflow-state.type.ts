import { Field, ObjectType } from "type-graphql";

@ObjectType("WorkflowState", { description: "A state of a machine: a status a record can have." })
export class WorkflowState {
  @Field({
    description:
      "The state's name, as the record's status field holds it (e.g. INVITED); a nested state's is its path, dotted.",
  })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "The composite state this one is inside; null at the top level (no machine nests states today).",
  })
  parent: string | null;

  @Field({ description: "A new record starts here (or, when nested, its parent is entered here)." })
  initial: boolean;

  @Field({ description: "Nothing leaves this state: the record's lifecycle has ended." })
  final: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "What the machine's definition says of this state; null where it says nothing more than the status's own description.",
  })
  description: string | null;
}
