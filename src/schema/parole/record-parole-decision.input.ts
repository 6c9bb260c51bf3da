import { IsEnum, IsOptional, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { ParoleOutcome } from "../../domain/custody/custody.enums";
import { DateScalar } from "../common/scalars";
import { TransitionInputBase } from "../common/transition-input.base";
import { IsNotInFuture } from "../common/validators";

@InputType("RecordParoleDecisionInput", {
  description:
    "Record the Board's decision on a review. It moves the offender's custody phase (PAROLE_DECISION) and tells every open case.",
})
export class RecordParoleDecisionInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the parole review." })
  @MaxLength(200)
  paroleReviewId: string;

  @Field(() => ParoleOutcome, { description: "The decision." })
  @IsEnum(ParoleOutcome)
  outcome: ParoleOutcome;

  @Field(() => DateScalar, {
    description:
      "When the decision was issued (not in the future): the reconsideration and summary windows run from it. Leave empty for the service's today.",
    nullable: true,
  })
  @IsOptional()
  @IsNotInFuture()
  issuedOn?: string | null;
}
