import { GraphQLError } from "graphql";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import { deadlinesFor } from "../../domain/work/deadline-rules";
import { toGlobalId } from "../../domain/ids/global-id";
import { effectiveKeyDates } from "../../services/sentences/key-dates.service";
import { Deadline } from "../../schema/cases/deadline.type";
import { VictimCase } from "../../schema/cases/victim-case.type";
import type { RequestContext } from "../../graphql/context";

// The licence ends at the licence expiry date; where the sentence has none, at sentence expiry.
const LICENCE_END_DATES = ["LED", "SLED", "SED"];

@Resolver(() => VictimCase)
export class CaseDeadlineResolver {
  @FieldResolver(() => [Deadline], {
    description: "What is due on the case, each with its due date and whether it was met, oldest due first.",
  })
  async deadlines(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Deadline[]> {
    const [history, plan, sentence, latest] = await Promise.all([
      context.loaders.caseHistoryFacts.load(victimCase.databaseId),
      context.loaders.contactPlanByCase.load(victimCase.databaseId),
      context.loaders.sentenceByOffender.load(victimCase.offenderDatabaseId),
      context.loaders.latestKeyDates.load(victimCase.offenderDatabaseId),
    ]);
    if (!sentence) throw new GraphQLError("A case's sentence is missing.");
    const dates = effectiveKeyDates(sentence, latest)?.dates ?? [];
    const licenceExpiresOn =
      LICENCE_END_DATES.map((type) => dates.find((date) => date.type === type)?.date).find(Boolean) ?? null;
    const deadlines = deadlinesFor(
      {
        referredOn: victimCase.referredOn,
        ...history,
        plan: plan && { informationLevel: plan.informationLevel, agreedOn: plan.agreedOn },
        licenceExpiresOn,
      },
      today(),
      context.timers.invitation,
    );
    return deadlines.map((deadline) =>
      Object.assign(new Deadline(), {
        ...deadline,
        paroleReviewId: deadline.paroleReviewId && toGlobalId("ParoleReview", deadline.paroleReviewId),
      }),
    );
  }
}
