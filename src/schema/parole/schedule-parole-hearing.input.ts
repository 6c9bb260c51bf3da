import { IsEnum, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { HearingType } from "../../domain/parole/parole.enums";
import { DateScalar } from "../common/scalars";
import { TransitionInputBase } from "../common/transition-input.base";

@InputType("ScheduleParoleHearingInput", {
  description: "Set or move a review's target hearing date and type; the victim's deadlines follow from it.",
})
export class ScheduleParoleHearingInput extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the parole review." })
  @MaxLength(200)
  paroleReviewId: string;

  @Field(() => DateScalar, { description: "The target date of the hearing (or of the paper decision)." })
  targetHearingDate: string;

  @Field(() => HearingType, { description: "How the Board will decide." })
  @IsEnum(HearingType)
  hearingType: HearingType;
}
