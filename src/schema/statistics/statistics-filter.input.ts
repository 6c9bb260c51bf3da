import { ArrayMaxSize, IsEnum, IsOptional, MaxLength } from "../common/input-rules";
import { Field, ID, InputType } from "type-graphql";
import { EligibilityRoute } from "../../domain/cases/case.enums";
import { Region } from "../../domain/security/region.enum";
import { SentenceType } from "../../domain/sentences/sentence.enums";
import { DateScalar } from "../common/scalars";

@InputType("StatisticsFilter", {
  description: "Narrows the scheme's statistics; all given conditions must hold. Without one: every case you may see.",
})
export class StatisticsFilter {
  @Field(() => [Region], { nullable: true, description: "Only the cases of these regions." })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(Region, { each: true })
  region?: Region[] | null;

  @Field(() => ID, { nullable: true, description: "Only the cases assigned to this officer (global id)." })
  @IsOptional()
  @MaxLength(200)
  officerId?: string | null;

  @Field(() => [EligibilityRoute], {
    nullable: true,
    description: "Only the cases admitted by these routes (the statute, or the probation service's discretion).",
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(EligibilityRoute, { each: true })
  eligibilityRoute?: EligibilityRoute[] | null;

  @Field(() => [SentenceType], {
    nullable: true,
    description: "Only the cases whose offender has one of these sentences.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(SentenceType, { each: true })
  sentenceType?: SentenceType[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "From this day, inclusive. Each measure counts by its own day: a referral by the day referred, an invitation by the day sent, a notification by its due day, a stay in a status by the day it began (each field says which).",
  })
  @IsOptional()
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Up to this day, inclusive (see from)." })
  @IsOptional()
  to?: string | null;
}
