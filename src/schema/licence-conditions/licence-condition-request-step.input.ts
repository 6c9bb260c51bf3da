import { IsBoolean, IsDefined, IsNotEmpty, MaxLength, ValidateIf } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../common/scalars";
import { TransitionInputBase } from "../common/transition-input.base";
import { IsOnlyGivenWhen } from "../common/validators";

// expectedVersion here is the request's version.
@InputType("LicenceConditionRequestStepInputBase", {
  description: "Fields shared by the steps of a licence-condition request (not used directly).",
})
abstract class LicenceConditionRequestStepInputBase extends TransitionInputBase {
  @Field(() => ID, { description: "Global id of the licence-condition request." })
  @MaxLength(200)
  requestId: string;
}

@InputType("ForwardLicenceConditionRequestInput", {
  description: "Record that the request was forwarded to the decision maker.",
})
export class ForwardLicenceConditionRequestInput extends LicenceConditionRequestStepInputBase {}

@InputType("WithdrawLicenceConditionRequestInput", {
  description: "Record that the victim withdrew the request (before it is decided).",
})
export class WithdrawLicenceConditionRequestInput extends LicenceConditionRequestStepInputBase {}

@InputType("RecordLicenceConditionDecisionInput", {
  description: "Record whether the decision maker adopted the condition: when, until when, or why not.",
})
export class RecordLicenceConditionDecisionInput extends LicenceConditionRequestStepInputBase {
  @Field({ description: "Whether the condition was put on the licence." })
  @IsBoolean()
  adopted: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "Why it was not adopted, as the victim will be told it (required when adopted is false, refused otherwise; at most 2,000 characters). It passes the disclosure check (DISCLOSURE_RISK): no day of a month, no place of detention, no street address or full postcode.",
  })
  @ValidateIf((input: RecordLicenceConditionDecisionInput) => input.adopted === false || input.reason != null)
  // IsDefined too: an absent field skips every other check.
  @IsDefined({ message: "reason is required when the condition was not adopted" })
  @IsNotEmpty({ message: "reason is required when the condition was not adopted" })
  @MaxLength(2000)
  @IsOnlyGivenWhen((input: RecordLicenceConditionDecisionInput) => input.adopted === false, {
    message: "reason is only given when the condition was not adopted",
  })
  reason?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "When the adopted condition ends (required when adopted is true, refused otherwise): at the latest, the end of the licence.",
  })
  @ValidateIf((input: RecordLicenceConditionDecisionInput) => input.adopted === true || input.endsOn != null)
  @IsDefined({ message: "endsOn is required when the condition was adopted" })
  @IsOnlyGivenWhen((input: RecordLicenceConditionDecisionInput) => input.adopted === true, {
    message: "endsOn is only given when the condition was adopted",
  })
  endsOn?: string | null;
}
