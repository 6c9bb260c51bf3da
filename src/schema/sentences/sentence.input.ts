import { IsBoolean, IsDefined, IsEnum, IsInt, IsOptional, Max, Min, ValidateIf } from "../common/input-rules";
import { Field, InputType, Int } from "type-graphql";
import { INDETERMINATE_SENTENCES, OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import { DateScalar } from "../common/scalars";
import { IsNotInFuture } from "../common/validators";

const DETERMINATE = new Set([
  SentenceType.SDS,
  SentenceType.SDS_PLUS,
  SentenceType.EDS,
  SentenceType.SOPC,
  SentenceType.STS,
  SentenceType.DTO,
]);
const EXTENDED = new Set([SentenceType.EDS, SentenceType.STS]);

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
    description: "Custodial term in months; required for determinate sentences (SDS, SDS_PLUS, EDS, SOPC, STS, DTO).",
  })
  @ValidateIf((sentence: SentenceInput) => DETERMINATE.has(sentence.type) || sentence.lengthMonths != null)
  @IsDefined({ message: "lengthMonths is required for a determinate sentence" })
  @IsInt()
  @Min(1)
  @Max(1200)
  lengthMonths?: number | null;

  @Field(() => Int, { nullable: true, description: "Extended licence period in months; required for EDS and STS." })
  @ValidateIf((sentence: SentenceInput) => EXTENDED.has(sentence.type) || sentence.extensionMonths != null)
  @IsDefined({ message: "extensionMonths is required for an extended or serious terrorism sentence" })
  @IsInt()
  @Min(0)
  @Max(120)
  extensionMonths?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Minimum term (tariff) in months; required for LIFE and IPP, except a whole-life order (which has none).",
  })
  @ValidateIf(
    (sentence: SentenceInput) =>
      (INDETERMINATE_SENTENCES.has(sentence.type) && !sentence.wholeLifeOrder) || sentence.tariffMonths != null,
  )
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

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The court flagged the offence as domestic abuse (e.g. stalking, controlling or coercive behaviour, non-fatal strangulation): excluded from release at 40% whatever the length. Default false.",
  })
  @IsOptional()
  @IsBoolean()
  domesticAbuse?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "A whole-life order: a LIFE sentence with no minimum term and no parole; no release is ever forecast. Give no tariffMonths. Default false.",
  })
  @IsOptional()
  @IsBoolean()
  wholeLifeOrder?: boolean | null;
}
