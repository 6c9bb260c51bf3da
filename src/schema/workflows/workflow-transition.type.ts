import { Field, ObjectType } from "type-graphql";

@ObjectType("WorkflowTransition", {
  description:
    "One way out of a state: on an event, when its guard passes, to a state. An event with several transitions from one state takes the first whose guard passes.",
})
export class WorkflowTransition {
  @Field({ description: "The state it leaves." })
  from: string;

  @Field({ description: "The event that triggers it, e.g. RECORD_OPT_IN." })
  event: string;

  @Field({ description: "The state it ends in: `from` itself for a self-transition." })
  to: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The guard as the machine writes it: a name (see the workflow's guards), a name with its parameters, e.g. wasClosedFrom(INVITED), or names joined by and, or, not. Null when it has none.",
  })
  guard: string | null;

  @Field(() => [String], { description: "The names of the guards it checks, each described in the workflow's guards." })
  guardNames: string[];

  @Field({
    description: "It stays in its state (the record's status does not change): it only records something.",
  })
  selfTransition: boolean;

  @Field(() => String, { nullable: true, description: "What the machine's definition says of it, if anything." })
  description: string | null;
}
