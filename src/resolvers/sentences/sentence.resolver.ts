import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { StoredKeyDate } from "../../entities/sentences/key-date-record.entity";
import { effectiveKeyDates } from "../../services/sentences/key-dates.service";
import { KeyDate, KeyDateRecord, KeyDateSource, type KeyDateType } from "../../schema/sentences/key-date.type";
import { Sentence } from "../../schema/sentences/sentence.type";
import type { RequestContext } from "../../graphql/context";

function toKeyDates(dates: readonly StoredKeyDate[], source: KeyDateSource): KeyDate[] {
  return dates.map((date) => ({
    type: date.type as KeyDateType,
    date: date.date,
    unadjustedDate: date.unadjustedDate ?? null,
    source,
  }));
}

@Resolver(() => Sentence)
export class SentenceResolver {
  @FieldResolver(() => [KeyDate], {
    description:
      "The key dates in force: HMPPS's recorded dates when there are any, else the forecast from the release rules; empty when no rule covers the sentence.",
  })
  async keyDates(@Root() sentence: Sentence, @Ctx() context: RequestContext): Promise<KeyDate[]> {
    const effective = effectiveKeyDates(
      sentence,
      await context.loaders.latestKeyDates.load(sentence.offenderDatabaseId),
    );
    return effective ? toKeyDates(effective.dates, effective.source as KeyDateSource) : [];
  }

  @FieldResolver(() => [KeyDateRecord], {
    description: "Every set of key dates the sentence has had, oldest first: the forecast, then each recording.",
  })
  async keyDateHistory(@Root() sentence: Sentence, @Ctx() context: RequestContext): Promise<KeyDateRecord[]> {
    const records = await context.loaders.keyDateHistory.load(sentence.offenderDatabaseId);
    return records.map((record) => ({
      source: record.source as KeyDateSource,
      keyDates: toKeyDates(record.dates, record.source as KeyDateSource),
      releaseMonth: record.releaseMonth,
      actor: record.actor,
      recordedAt: record.recordedAt,
    }));
  }
}
