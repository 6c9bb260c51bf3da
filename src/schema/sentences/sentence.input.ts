import { IsDefined, IsEnum, IsInt, IsOptional, Max, Min, ValidateIf } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { INDETERMINATE_SENTENCES, OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { DateScalar } from "../common/scalars";
import { IsNotInFuture } from "../common/validators";

const DETERMINATE = new Set([
  SentenceType.SDS,
  SentenceType.SDS_PLUS,
  SentenceType.EDS,
  SentenceType.SOPC,
  SentenceType.DTO,
]);

@InputType("SentenceInput", { description: "The sentence passed on the offender." })
export class SentenceInput {
  @Field(() => SentenceType, { description: "The kind of sentence." })
  @IsEnum(SentenceType)
  type: SentenceType;

  @Field(() => DateScalar, { description: "The date sentence was passed (not in the future)." })
  @IsNotInFuture()
  sentenceDate: string;

  @Field(() => Int, {
    nullable: true,
    description: "Custodial term in months; required for determinate sentences (SDS, SDS_PLUS, EDS, SOPC, DTO).",
  })
  @ValidateIf((sentence: SentenceInput) => DETERMINATE.has(sentence.type) || sentence.lengthMonths != null)
  @IsDefined({ message: "lengthMonths is required for a determinate sentence" })
  @IsInt()
  @Min(1)
  @Max(1200)
  lengthMonths?: number | null;

  @Field(() => Int, { nullable: true, description: "Extended licence period in months; required for EDS." })
  @ValidateIf((sentence: SentenceInput) => sentence.type === SentenceType.EDS || sentence.extensionMonths != null)
  @IsDefined({ message: "extensionMonths is required for an extended determinate sentence" })
  @IsInt()
  @Min(0)
  @Max(120)
  extensionMonths?: number | null;

  @Field(() => Int, { nullable: true, description: "Minimum term (tariff) in months; required for LIFE and IPP." })
  @ValidateIf((sentence: SentenceInput) => INDETERMINATE_SENTENCES.has(sentence.type) || sentence.tariffMonths != null)
  @IsDefined({ message: "tariffMonths is required for an indeterminate sentence" })
  @IsInt()
  @Min(0)
  @Max(1200)
  tariffMonths?: number | null;

  @Field(() => Int, { nullable: true, description: "Days spent on remand (0 if none)." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36500)
  remandDays?: number | null;

  @Field(() => OffenceCategory, { description: "The category of the index offence." })
  @IsEnum(OffenceCategory)
  offenceCategory: OffenceCategory;
}
