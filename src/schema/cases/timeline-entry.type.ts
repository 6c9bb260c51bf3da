import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { CaseTransition } from "./case-transition.type";
import { CustodyEvent } from "../custody/custody-event.type";
import { LicenceConditionStep } from "../licence-conditions/licence-condition-step.type";
import { Notification } from "../notifications/notification.type";
import { ParoleReviewStep } from "../parole/parole-review-step.type";
import { PageInfo } from "../common/connection";
import { DateScalar, DateTimeScalar } from "../common/scalars";

const MEMBERS = [CaseTransition, Notification, CustodyEvent, ParoleReviewStep, LicenceConditionStep] as const;

export const TimelineEntry = createUnionType({
  name: "TimelineEntry",
  description:
    "One entry on a case's timeline: a CaseTransition (a change of the case or a note on it), a Notification owed to the victim, a CustodyEvent of the offender, a ParoleReviewStep or a LicenceConditionStep. Select each with an inline fragment.",
  types: () => MEMBERS,
  resolveType: (entry) => MEMBERS.find((member) => entry instanceof member)?.name,
});

export type TimelineEntry = typeof TimelineEntry;

@ObjectType("TimelineEntryEdge", {
  description: "One entry on a case's timeline, with its cursor and the two times it is ordered by.",
})
export class TimelineEntryEdge {
  @Field({ description: "Opaque cursor of this entry; pass it as `after` to continue after it." })
  cursor: string;

  @Field(() => TimelineEntry, { description: "The entry." })
  node: TimelineEntry;

  @Field(() => DateScalar, {
    description:
      "The day it took effect (England and Wales): a history row's effectiveOn, a custody event's occurredOn, and for a notification the day the event that owed it took effect (its timer's day for an annual letter or a release confirmation).",
  })
  effectiveOn: string;

  @Field(() => DateTimeScalar, {
    description:
      "When it was recorded: a history row's occurredAt, a custody event's recordedAt, a notification's raising.",
  })
  recordedAt: Date;
}

@ObjectType("TimelineEntryConnection", {
  description:
    "A page of a case's timeline, newest first: by the day each entry took effect, then when it was recorded. Within one moment a notification comes before the history row that owed it, and that before the custody event behind it.",
})
export class TimelineEntryConnection {
  @Field(() => [TimelineEntryEdge], { description: "The entries on this page, in order." })
  edges: TimelineEntryEdge[];

  @Field(() => [TimelineEntry], {
    description: "The entries on this page without cursors (a shortcut for edges { node }).",
  })
  nodes: TimelineEntry[];

  @Field(() => PageInfo, { description: "Paging information." })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many entries the whole timeline holds (all pages)." })
  totalCount: number;
}
