import { Field, ID, ObjectType } from "type-graphql";
import { DeadlineKind, DeadlineState } from "../../domain/work/deadline.enums";
import { DateScalar } from "../common/scalars";

@ObjectType("Deadline", { description: "Something due on a case by a date, and whether it was done in time." })
export class Deadline {
  @Field(() => DeadlineKind, { description: "What is due." })
  kind: DeadlineKind;

  @Field(() => DateScalar, {
    description: "The last day it is on time (working days count England-and-Wales bank holidays).",
  })
  dueOn: string;

  @Field(() => DateScalar, { nullable: true, description: "When it was done, if it was." })
  metOn: string | null;

  @Field(() => DeadlineState, { description: "Done in time, done late, missed, or still to come." })
  state: DeadlineState;

  @Field(() => ID, { nullable: true, description: "The parole review, for a personal-statement deadline." })
  paroleReviewId: string | null;
}
