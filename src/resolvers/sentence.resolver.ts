import { FieldResolver, Resolver, Root } from "type-graphql";
import { forecastKeyDates } from "../services/disclosure";
import { KeyDate, KeyDateSource, type KeyDateType } from "../schema/key-date.type";
import { Sentence } from "../schema/sentence.type";

@Resolver(() => Sentence)
export class SentenceResolver {
  @FieldResolver(() => [KeyDate], {
    description: "The sentence's key dates, forecast from the release rules (HMPPS's recorded dates will take precedence); empty when no rule covers the sentence.",
  })
  keyDates(@Root() sentence: Sentence): KeyDate[] {
    return (forecastKeyDates(sentence)?.keyDates ?? []).map((keyDate) => ({
      type: keyDate.type as KeyDateType,
      date: keyDate.date,
      unadjustedDate: keyDate.unadjustedDate,
      source: KeyDateSource.CALCULATED,
    }));
  }
}
