import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { CaseStatus, DeclineReason } from "../../domain/cases/case.enums";
import { ContactChannel } from "../../domain/cases/contact.enums";
import { NotificationKind, NotificationStatus } from "../../domain/notifications/notification.enums";
import { Region } from "../../domain/security/region.enum";

/** What the scheme's statistics may be grouped by. */
export enum StatisticsDimension {
  REGION = "REGION",
  MONTH = "MONTH",
}

registerEnumType(StatisticsDimension, {
  name: "StatisticsDimension",
  description: "What the scheme's statistics may be grouped by.",
  valuesConfig: {
    REGION: { description: "One group per region of the cases." },
    MONTH: { description: "One group per calendar month (YYYY-MM), each measure by its own day." },
  },
});

@ObjectType("DaysSummary", { description: "Whole days between two steps, over the cases that took both." })
export class DaysSummary {
  @Field(() => Float, { nullable: true, description: "The median number of days; null when no case took both steps." })
  median: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The 90th percentile (interpolated); null when no case took both.",
  })
  p90: number | null;

  @Field(() => Int, { description: "How many cases took both steps." })
  count: number;
}

@ObjectType("ComplianceShare", {
  description: "How many met a deadline and how many missed it; those not yet due count as neither.",
})
export class ComplianceShare {
  @Field(() => Int, { description: "Met on or before the deadline." })
  onTime: number;

  @Field(() => Int, { description: "Met after the deadline, or not met and past it." })
  late: number;

  @Field(() => Float, {
    nullable: true,
    description: "onTime / (onTime + late), from 0 to 1; null when there are none.",
  })
  share: number | null;
}

@ObjectType("DeclineReasonCount", { description: "Declines for one reason." })
export class DeclineReasonCount {
  @Field(() => DeclineReason, { description: "Why." })
  reason: DeclineReason;

  @Field(() => Int, { description: "How many." })
  count: number;
}

@ObjectType("StatusStay", { description: "How long cases stayed in one status." })
export class StatusStay {
  @Field(() => CaseStatus, { description: "The status." })
  status: CaseStatus;

  @Field(() => DaysSummary, { description: "Days from entering it to leaving it, over the stays that have ended." })
  days: DaysSummary;
}

@ObjectType("NotificationOutcomeCount", { description: "Notifications of one kind, by one channel, in one state." })
export class NotificationOutcomeCount {
  @Field(() => NotificationKind, { description: "What the victim was to be told." })
  kind: NotificationKind;

  @Field(() => ContactChannel, { description: "How." })
  channel: ContactChannel;

  @Field(() => NotificationStatus, {
    description: "Where it stands now: DUE, SENT, ACKNOWLEDGED, FAILED, ESCALATED or CANCELLED.",
  })
  outcome: NotificationStatus;

  @Field(() => Int, { description: "How many." })
  count: number;
}

@ObjectType("StatisticsGroup", {
  description:
    "The Victim Contact Scheme's measures for one group of cases (a region, a month, both, or all), without personal data. Each measure counts by its own day, which its description names; a month's group holds what happened that month.",
})
export class StatisticsGroup {
  @Field(() => Region, { nullable: true, description: "The group's region; null unless grouped by REGION." })
  region: Region | null;

  @Field(() => String, { nullable: true, description: "The group's month, YYYY-MM; null unless grouped by MONTH." })
  month: string | null;

  @Field(() => Int, { description: "Victims referred (by the day referred)." })
  referrals: number;

  @Field(() => Int, { description: "Invitations sent, a follow-up counting again (by the day sent)." })
  invitations: number;

  @Field(() => Int, { description: "Opt-ins, a return after declining or opting out counting again (by the day)." })
  optIns: number;

  @Field(() => Int, { description: "Declines, an invitation that expired unanswered included (by the day)." })
  declines: number;

  @Field(() => [DeclineReasonCount], { description: "Declines by reason: DECLINED (said no), NO_RESPONSE (expired)." })
  declinesByReason: DeclineReasonCount[];

  @Field(() => Int, { description: "Opt-outs of victims who had opted in (by the day)." })
  optOuts: number;

  @Field(() => Int, { description: "Cases closed (by the day), whatever the reason." })
  closures: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "optIns / (optIns + declines), from 0 to 1: the share of decisions that were yes; null without decisions.",
  })
  optInRate: number | null;

  @Field(() => DaysSummary, {
    description:
      "Days from referral to the first contact (the first invitation, or the first-contact task completed by hand), over the cases referred in the group.",
  })
  referralToFirstContactDays: DaysSummary;

  @Field(() => DaysSummary, {
    description:
      "Days from the first invitation to the victim's decision (opt-in, decline or expiry), over the cases referred in the group.",
  })
  invitationToDecisionDays: DaysSummary;

  @Field(() => ComplianceShare, {
    description:
      "Victims' Code right 11: first contacts within 20 working days of referral (the first-contact task's due day), over the cases referred in the group.",
  })
  firstContactsWithin20WorkingDays: ComplianceShare;

  @Field(() => ComplianceShare, {
    description:
      "Notifications sent by their due day (by the due day; cancelled ones left out): late ones include those unsent past it.",
  })
  notificationsSentByDueDate: ComplianceShare;

  @Field(() => Int, { description: "Notifications unsent past their due day now (by the due day)." })
  overdueNotifications: number;

  @Field(() => Int, { description: "Officers' tasks open past their due day now (by the due day)." })
  overdueTasks: number;

  @Field(() => [StatusStay], {
    description: "Days spent in each status, from the history, over the stays that have ended (by the day each began).",
  })
  timeInStatus: StatusStay[];

  @Field(() => [NotificationOutcomeCount], {
    description: "Notifications by kind, channel and outcome (by the due day).",
  })
  notifications: NotificationOutcomeCount[];

  @Field(() => Int, {
    description: "Victims invited to make a personal statement for a parole hearing (by the day invited).",
  })
  personalStatementsInvited: number;

  @Field(() => Int, {
    description: "Of those, statements submitted by the deadline (28 days before the hearing as it stands).",
  })
  personalStatementsOnTime: number;

  @Field(() => Int, { description: "Of those, statements submitted after the deadline." })
  personalStatementsLate: number;

  @Field(() => Int, { description: "Requests for a summary of the Parole Board's decision (by the day requested)." })
  decisionSummariesRequested: number;
}
