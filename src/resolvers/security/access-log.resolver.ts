import { Arg, Args, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { listAccessLog } from "../../services/cases/case-queries";
import { fromGlobalId } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import { toAccessLogEntry } from "../../schema/security/access-log-entry.type";
import { AccessLogFilter } from "../../schema/security/access-log-filter.input";
import { PageArgs } from "../../schema/common/page.args";
import { AccessLogEntryConnection, toConnection } from "../../graphql/connections";
import type { RequestContext } from "../../graphql/context";

@Resolver()
export class AccessLogResolver {
  @Authorized(Permission.READ_ACCESS_LOG)
  @Query(() => AccessLogEntryConnection, {
    description: "Who read, changed or erased personal data, newest first (auditors).",
  })
  async accessLog(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => AccessLogFilter, { nullable: true, description: "Conditions the entries must meet." })
    filter: AccessLogFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<AccessLogEntryConnection> {
    const caseId =
      filter?.caseId != null
        ? (fromGlobalId(filter.caseId, "VictimCase") ?? "00000000-0000-0000-0000-000000000000")
        : undefined;
    const result = await listAccessLog(
      context.dataSource,
      { actor: filter?.actor, caseId, action: filter?.action, from: filter?.from, to: filter?.to },
      page,
    );
    return toConnection(result, toAccessLogEntry) as AccessLogEntryConnection;
  }
}
