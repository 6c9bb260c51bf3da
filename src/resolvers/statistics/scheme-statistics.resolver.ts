import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, Info, Query, Resolver } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import { badUserInput } from "../../domain/errors/client-error";
import { fromGlobalId } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import { StatisticsFilter } from "../../schema/statistics/statistics-filter.input";
import { StatisticsDimension, StatisticsGroup } from "../../schema/statistics/statistics-group.type";
import { requestedFields } from "../../graphql/requested-fields";
import { schemeStatistics, type MeasureFamily, type MeasureGroup } from "../../services/statistics/scheme-statistics";
import type { ComplianceShare } from "../../services/statistics/first-contact";
import type { RequestContext } from "../../graphql/context";

// Which statement answers each field: a field not asked for costs nothing.
const FAMILY_OF_FIELD: Partial<Record<keyof StatisticsGroup, MeasureFamily>> = {
  referrals: "FUNNEL",
  invitations: "FUNNEL",
  optIns: "FUNNEL",
  declines: "FUNNEL",
  optOuts: "FUNNEL",
  closures: "FUNNEL",
  optInRate: "FUNNEL",
  declinesByReason: "DECLINE_REASONS",
  referralToFirstContactDays: "FIRST_CONTACT",
  invitationToDecisionDays: "FIRST_CONTACT",
  firstContactsWithin20WorkingDays: "FIRST_CONTACT",
  notificationsSentByDueDate: "NOTIFICATION_TIMELINESS",
  overdueNotifications: "NOTIFICATION_TIMELINESS",
  overdueTasks: "OVERDUE_TASKS",
  timeInStatus: "STATUS_DURATIONS",
  notifications: "NOTIFICATION_OUTCOMES",
  personalStatementsInvited: "STATEMENTS",
  personalStatementsOnTime: "STATEMENTS",
  personalStatementsLate: "STATEMENTS",
  decisionSummariesRequested: "DECISION_SUMMARIES",
};

// An officer id that names nothing matches nothing, as an unknown id does elsewhere.
const NO_MATCH = "00000000-0000-0000-0000-000000000000";

@Resolver()
export class SchemeStatisticsResolver {
  @Authorized(Permission.READ_CASES)
  @Query(() => [StatisticsGroup], {
    description:
      "The measures the Victim Contact Scheme is judged by, over the cases you may see (every region for analysts), without personal data: referrals, invitations, opt-ins, declines, opt-outs and closures, the opt-in rate, days to first contact and to the victim's decision, Victims' Code compliance (first contact within 20 working days, notifications by their due day), what is overdue now, days spent in each status, notifications by kind, channel and outcome, and parole statements and decision summaries. One group per region and/or month asked for in groupBy (one group for everything without); each field is one SQL statement shared with its family, run only when asked for.",
  })
  async statistics(
    @Arg("filter", () => StatisticsFilter, { nullable: true, description: "Which cases, and which days, to count." })
    filter: StatisticsFilter | null,
    @Arg("groupBy", () => [StatisticsDimension], {
      nullable: true,
      description: "Group by REGION, MONTH or both; none: one group for everything.",
    })
    groupBy: StatisticsDimension[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StatisticsGroup[]> {
    if (filter?.from && filter.to && filter.from > filter.to)
      throw badUserInput("from must be on or before to.", ["filter", "from"]);
    const families = new Set<MeasureFamily>();
    for (const field of requestedFields(info, "StatisticsGroup")) {
      const family = FAMILY_OF_FIELD[field as keyof StatisticsGroup];
      if (family) families.add(family);
    }
    const groups = await schemeStatistics(
      context.dataSource,
      {
        scope: context.access.scope(Permission.READ_CASES),
        regions: filter?.region,
        officerId: filter?.officerId == null ? null : (fromGlobalId(filter.officerId, "Officer") ?? NO_MATCH),
        routes: filter?.eligibilityRoute,
        sentenceTypes: filter?.sentenceType,
        from: filter?.from,
        to: filter?.to,
        today: today(),
      },
      [...new Set(groupBy ?? [])],
      families,
    );
    return groups.map(toStatisticsGroup);
  }
}

function toStatisticsGroup(group: MeasureGroup): StatisticsGroup {
  const decisions = group.optIns + group.declines;
  return {
    ...group,
    optInRate: decisions === 0 ? null : group.optIns / decisions,
    referralToFirstContactDays: group.referralToFirstContact,
    invitationToDecisionDays: group.invitationToDecision,
    firstContactsWithin20WorkingDays: withShare(group.firstContactsOnTime),
    notificationsSentByDueDate: withShare(group.notificationsOnTime),
  };
}

function withShare(counts: ComplianceShare): ComplianceShare & { share: number | null } {
  const total = counts.onTime + counts.late;
  return { ...counts, share: total === 0 ? null : counts.onTime / total };
}
