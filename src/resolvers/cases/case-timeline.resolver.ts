import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import type { TimelineItem } from "../../services/cases/case-timeline";
import { decodeCursor, pageSize } from "../../services/paging/pagination";
import { toCaseTransition } from "../../schema/cases/case-transition.type";
import { TimelineEntryConnection, type TimelineEntry } from "../../schema/cases/timeline-entry.type";
import { VictimCase } from "../../schema/cases/victim-case.type";
import { PageArgs } from "../../schema/common/page.args";
import { toCustodyEvent } from "../../schema/custody/custody-event.type";
import { toLicenceConditionStep } from "../../schema/licence-conditions/licence-condition-step.type";
import { toNotification } from "../../schema/notifications/notification.type";
import { toParoleReviewStep } from "../../schema/parole/parole-review-step.type";
import { toTimelineConnection } from "../../graphql/connections";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => VictimCase)
export class CaseTimelineResolver {
  @FieldResolver(() => TimelineEntryConnection, {
    description:
      "Everything that happened on the case, newest first, for the case page: its history rows, the notifications owed to the victim, the offender's custody events (from before the referral too), and the steps of parole reviews and licence-condition requests (a step's history row is listed as the step, not again as a CaseTransition). Ordered by the day each took effect, then when it was recorded: an event recorded late sits at the day it took effect. Custody events' details follow their own rule.",
  })
  async timeline(
    @Root() victimCase: VictimCase,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<TimelineEntryConnection> {
    const key = {
      parentId: victimCase.databaseId,
      first: pageSize(page.first),
      after: decodeCursor("TimelineEntry", page.after),
    };
    const on = today();
    return toTimelineConnection(await context.loaders.timelinePage.load(key), (row) =>
      toTimelineEntry(row.item, victimCase.databaseId, on),
    );
  }
}

function toTimelineEntry(item: TimelineItem, caseId: string, on: string): TimelineEntry {
  switch (item.kind) {
    case "TRANSITION":
      return toCaseTransition(item.transition);
    case "PAROLE_REVIEW_STEP":
      return toParoleReviewStep(item.step, toCaseTransition(item.transition), item.transition.payload);
    case "LICENCE_CONDITION_STEP":
      return toLicenceConditionStep(item.step, toCaseTransition(item.transition), item.transition.payload);
    case "NOTIFICATION":
      return toNotification(item.notification, on);
    case "CUSTODY_EVENT":
      return toCustodyEvent(item.custodyEvent, caseId);
  }
}
