import { IsEnum, IsNotEmpty, IsOptional, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import {
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
} from "../../domain/licence-conditions/licence-condition.enums";
import { CaseTransitionInputBase } from "../cases/case-transition-input.base";
import { IsOnlyGivenWhen } from "../common/validators";

@InputType("RequestLicenceConditionInput", {
  description:
    "Record a licence condition the victim asks for. Forward it next: the VLO must pass every request to the decision maker.",
})
export class RequestLicenceConditionInput extends CaseTransitionInputBase {
  @Field(() => LicenceConditionKind, { description: "The kind of condition." })
  @IsEnum(LicenceConditionKind)
  kind: LicenceConditionKind;

  // The offender sees the licence: an exclusion zone drawn round one address would point at it.
  @Field({
    description:
      "What the victim asks for, in their words (at most 1,000 characters). It goes onto the licence and back to the victim, so it passes the disclosure check (DISCLOSURE_RISK): no day of a month, no place of detention, no street address or full postcode. An exclusion zone is described as an area (a town, a district, a postcode district such as LS6), never a house.",
  })
  @IsNotEmpty()
  @MaxLength(1000)
  description: string;

  @Field(() => LicenceConditionDecisionPoint, { description: "The decision it is for." })
  @IsEnum(LicenceConditionDecisionPoint)
  decisionPoint: LicenceConditionDecisionPoint;

  @Field(() => ID, {
    nullable: true,
    description: "Global id of the parole review; required when decisionPoint is PAROLE_REVIEW, refused otherwise.",
  })
  @IsOptional()
  @MaxLength(200)
  @IsOnlyGivenWhen(
    (input: RequestLicenceConditionInput) => input.decisionPoint === LicenceConditionDecisionPoint.PAROLE_REVIEW,
    {
      message: "paroleReviewId is only given when decisionPoint is PAROLE_REVIEW",
    },
  )
  paroleReviewId?: string | null;
}
