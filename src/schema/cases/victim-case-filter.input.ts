import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, Matches, MaxLength, MinLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { CaseStatus } from "../../domain/cases/case.enums";
import { InformationLevel } from "../../domain/cases/contact.enums";
import { Region } from "../../domain/security/region.enum";
import { DateScalar } from "../common/scalars";

@InputType("VictimCaseFilter", { description: "Narrows a list of victim cases; all given conditions must hold." })
export class VictimCaseFilter {
  @Field(() => [CaseStatus], { nullable: true, description: "Only cases in one of these statuses." })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[] | null;

  @Field(() => ID, { nullable: true, description: "Only cases of this offender (global id)." })
  @IsOptional()
  @MaxLength(200)
  offenderId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only the cases assigned to you (none if you are not registered as an officer).",
  })
  @IsOptional()
  @IsBoolean()
  assignedToMe?: boolean | null;

  @Field(() => ID, { nullable: true, description: "Only the cases assigned to this officer (global id)." })
  @IsOptional()
  @MaxLength(200)
  officerId?: string | null;

  @Field(() => [Region], {
    nullable: true,
    description: "Only cases of these regions (within the regions you may see).",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(Region, { each: true })
  region?: Region[] | null;

  @Field(() => [InformationLevel], {
    nullable: true,
    description: "Only cases whose agreed contact plan has one of these information levels.",
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(InformationLevel, { each: true })
  informationLevel?: InformationLevel[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: only cases with open work past its due date (nextDueOn before today); false: only cases with none.",
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Only cases with open work due on or before this date (nextDueOn), overdue work included.",
  })
  @IsOptional()
  dueBy?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Only cases referred on or after this date." })
  @IsOptional()
  referredFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Only cases referred on or before this date." })
  @IsOptional()
  referredTo?: string | null;

  @Field(() => String, { nullable: true, description: "Only the case with this reference, e.g. VCS-2026-000123." })
  @IsOptional()
  @MaxLength(20, { message: "reference must be at most 20 characters long." })
  reference?: string | null;

  @Field(() => String, { nullable: true, description: "Only cases of the offender with this NOMIS prison number." })
  @IsOptional()
  @MaxLength(7, { message: "prisonNumber must be at most 7 characters long." })
  prisonNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Only cases of the offender with this probation case reference.",
  })
  @IsOptional()
  @MaxLength(7, { message: "crn must be at most 7 characters long." })
  crn?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only cases with a contact of exactly this full name (any case, spacing, accents or apostrophes). Personal data: needs READ_PERSONAL_DATA, matches a keyed index of the name (the data is never decrypted to search it), and every such search is recorded in the access log.",
  })
  @IsOptional()
  @MinLength(2, { message: "victimName must be at least 2 characters long." })
  @MaxLength(200, { message: "victimName must be at most 200 characters long." })
  victimName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only cases with a contact at exactly this postcode (any case or spacing). Personal data: needs READ_PERSONAL_DATA, matches a keyed index, and every such search is recorded in the access log.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 ]{5,10}$/, { message: "victimPostcode must be a UK postcode, e.g. SW1A 1AA." })
  victimPostcode?: string | null;
}
