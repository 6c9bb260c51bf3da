import {
  IsBoolean,
  IsDefined,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { DiscretionaryGround, EligibilityRoute } from "../../domain/cases/case.enums";
import { DateScalar } from "../common/scalars";
import { ContactInput } from "./contact.input";
import { IDEMPOTENCY_KEY, IsNotInFuture, IsOnlyGivenWhen } from "../common/validators";

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

  @Field(() => DateScalar, {
    nullable: true,
    description: "Date of the referral (not in the future); leave empty for the service's today.",
  })
  @IsOptional()
  @IsNotInFuture()
  referredOn?: string | null;

  @Field(() => EligibilityRoute, {
    nullable: true,
    description:
      "Leave empty to let the service decide: STATUTORY when the law applies, otherwise DISCRETIONARY when a discretionary reason and ground are given.",
  })
  @IsOptional()
  @IsEnum(EligibilityRoute)
  route?: EligibilityRoute | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Why a victim outside the statute is offered the scheme, in the officer's words; required on the DISCRETIONARY route (NOT_ELIGIBLE at this field without it). Personal data: sealed at rest, readable only by roles that may read personal data, and every read is logged.",
  })
  @IsOptional()
  @MaxLength(2000)
  discretionaryReason?: string | null;

  @Field(() => DiscretionaryGround, {
    nullable: true,
    description:
      "The category of the discretionary admission (not personal data: analysts see it); required on the DISCRETIONARY route, with discretionaryReason (NOT_ELIGIBLE at this field without it).",
  })
  @IsOptional()
  @IsEnum(DiscretionaryGround)
  discretionaryGround?: DiscretionaryGround | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true to refer although an open case of this offender has a contact with the same name and date of birth, email or phone (DUPLICATE_REFERRAL): a different person. Needs notDuplicateReason.",
  })
  @IsOptional()
  @IsBoolean()
  confirmNotDuplicate?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why this is not the person already referred (e.g. "twin sister, same date of birth"); personal data, sealed beside the referral\'s history row (its note). Required with confirmNotDuplicate.',
  })
  @ValidateIf((input: ReferVictimCaseInput) => input.confirmNotDuplicate === true || input.notDuplicateReason != null)
  @IsDefined({ message: "notDuplicateReason is required when confirmNotDuplicate is true" })
  @IsNotEmpty({ message: "notDuplicateReason must say why this is a different person" })
  @MaxLength(1000)
  @IsOnlyGivenWhen((input: ReferVictimCaseInput) => input.confirmNotDuplicate === true, {
    message: "notDuplicateReason is only given with confirmNotDuplicate: true",
  })
  notDuplicateReason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Makes a retry safe: the same key with the same input returns the first result.",
  })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: "idempotencyKey must be 1 to 200 printable characters without spaces" })
  idempotencyKey?: string | null;
}
