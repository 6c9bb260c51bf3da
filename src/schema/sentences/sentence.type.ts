import { Field, Int, ObjectType } from "type-graphql";
import { OffenceCategory, SentenceType } from "../../domain/sentences/sentence.enums";
import type { SentenceEntity } from "../../entities/sentences/sentence.entity";
import { DateScalar } from "../common/scalars";

@ObjectType("Sentence", {
  description: "The sentence the offender is serving; it decides whether and when the victim is told of release.",
})
export class Sentence {
  @Field(() => SentenceType, { description: "The kind of sentence." })
  type: SentenceType;

  @Field(() => DateScalar, { description: "The date sentence was passed." })
  sentenceDate: string;

  @Field(() => Int, {
    nullable: true,
    description: "Custodial term in months (null for indeterminate sentences and hospital orders).",
  })
  lengthMonths: number | null;

  @Field(() => Int, { nullable: true, description: "Extended licence period in months (EDS, STS)." })
  extensionMonths: number | null;

  @Field(() => Int, { nullable: true, description: "Minimum term (tariff) in months for LIFE and IPP." })
  tariffMonths: number | null;

  @Field(() => Int, { description: "Days spent on remand, which count towards the sentence." })
  remandDays: number;

  @Field(() => OffenceCategory, { description: "The category of the index offence." })
  offenceCategory: OffenceCategory;

  @Field({ description: "The court flagged the offence as domestic abuse: no release at 40%, whatever the length." })
  domesticAbuse: boolean;

  @Field({ description: "A whole-life order: a LIFE sentence with no minimum term and no parole." })
  wholeLifeOrder: boolean;

  offenderDatabaseId: string;
}

export function toSentence(entity: SentenceEntity): Sentence {
  return Object.assign(new Sentence(), {
    type: entity.type,
    sentenceDate: entity.sentenceDate,
    lengthMonths: entity.lengthMonths,
    extensionMonths: entity.extensionMonths,
    tariffMonths: entity.tariffMonths,
    remandDays: entity.remandDays,
    offenceCategory: entity.offenceCategory,
    domesticAbuse: entity.domesticAbuse,
    wholeLifeOrder: entity.wholeLifeOrder,
    offenderDatabaseId: entity.offenderId,
  });
}
