import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, Info, Query, Resolver } from "type-graphql";
import { CaseStatus } from "../../domain/cases/case.enums";
import { countCaseload } from "../../services/cases/caseload";
import { caseloadCriteria } from "../cases/caseload-criteria";
import { Permission } from "../../domain/security/policy";
import { CaseStatistics } from "../../schema/statistics/case-statistics.type";
import { VictimCaseFilter } from "../../schema/cases/victim-case-filter.input";
import type { RequestContext } from "../../graphql/context";

@Resolver()
export class StatisticsResolver {
  @Authorized(Permission.READ_CASES)
  @Query(() => CaseStatistics, {
    description:
      "Counts of the victim cases you may see (your region's, or all for analysts), by status and by region; the filter is victimCases' own.",
  })
  async caseStatistics(
    @Arg("filter", () => VictimCaseFilter, { nullable: true, description: "Conditions the counted cases must meet." })
    filter: VictimCaseFilter | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseStatistics> {
    const groups = await countCaseload(context.dataSource, await caseloadCriteria(filter, context, info));
    const byRegion = new Map<string | null, number>();
    for (const group of groups) byRegion.set(group.region, (byRegion.get(group.region) ?? 0) + group.count);
    return {
      totalCount: groups.reduce((sum, group) => sum + group.count, 0),
      byStatus: Object.values(CaseStatus).map((status) => ({
        status,
        count: groups.filter((group) => group.status === status).reduce((sum, group) => sum + group.count, 0),
      })),
      byRegion: [...byRegion]
        .map(([region, count]) => ({ region: region as CaseStatistics["byRegion"][number]["region"], count }))
        .sort((a, b) => String(a.region).localeCompare(String(b.region))),
    };
  }
}
