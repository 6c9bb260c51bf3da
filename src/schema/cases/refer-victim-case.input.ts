import { IsEnum, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { EligibilityRoute } from "../../domain/cases/case.enums";
import { DateScalar } from "../common/scalars";
import { ContactInput } from "./contact.input";
import { IDEMPOTENCY_KEY, IsNotInFuture } from "../common/validators";

@InputType("ReferVictimCaseInput", {
  description: "Refer a victim of an offender to the scheme, opening a case in REFERRED.",
})
export class ReferVictimCaseInput {
  @Field(() => ID, { description: "Global id of the offender." })
  @MaxLength(200)
  offenderId: string;

  @Field(() => ContactInput, { description: "The person to keep informed." })
  @ValidateNested()
  contact: ContactInput;

  @Field(() => DateScalar, { description: "Date of the referral (not in the future)." })
  @IsNotInFuture()
  referredOn: string;

  @Field(() => EligibilityRoute, {
    nullable: true,
    description:
      "Leave empty to let the service decide: STATUTORY when the law applies, otherwise DISCRETIONARY when a reason is given.",
  })
  @IsOptional()
  @IsEnum(EligibilityRoute)
  route?: EligibilityRoute | null;

  @Field(() => String, {
    nullable: true,
    description: "Why a victim outside the statute is offered the scheme (stalking, domestic abuse, high risk …).",
  })
  @IsOptional()
  @MaxLength(2000)
  discretionaryReason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Makes a retry safe: the same key with the same input returns the first result.",
  })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: "idempotencyKey must be 1 to 200 printable characters without spaces" })
  idempotencyKey?: string | null;
}
