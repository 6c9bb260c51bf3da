import { loadParentCase } from "../../graphql/payload-builders";
import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { today } from "../../domain/calendar/london-date";
import { fromGlobalId } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import { listWorkQueue } from "../../services/work/work-queue.service";
import { WorkQueueFilter } from "../../schema/work/work-queue-filter.input";
import { toNotification } from "../../schema/notifications/notification.type";
import { PageArgs } from "../../schema/common/page.args";
import { VictimCase } from "../../schema/cases/victim-case.type";
import { toTask } from "../../schema/work/task.type";
import { toTaskWorkItem, toWorkItem, WorkItem } from "../../schema/work/work-item.type";
import { addWorkingDays } from "../../domain/calendar/working-days";
import { toConnection, WorkItemConnection } from "../../graphql/connections";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => WorkItem)
export class WorkQueueResolver {
  @Authorized(Permission.READ_CASES)
  @Query(() => WorkItemConnection, {
    description:
      "What officers have to do for victims, oldest due first, in the cases you may see: notifications to send, calls to make, escalations to resolve, and open tasks (first contacts, follow-up invitations, personal statements, victims come of age). One order across both, so paging is stable.",
  })
  async workQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => WorkQueueFilter, { nullable: true, description: "Conditions the items must meet." })
    filter: WorkQueueFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<WorkItemConnection> {
    const on = today();
    // An unknown officer id matches nothing rather than everything.
    const officerId =
      filter?.officerId != null
        ? (fromGlobalId(filter.officerId, "Officer") ?? "00000000-0000-0000-0000-000000000000")
        : null;
    const result = await listWorkQueue(
      context.dataSource,
      {
        scope: context.access.scope(Permission.READ_CASES),
        officerId,
        kinds: filter?.kinds,
        taskKinds: filter?.taskKinds,
        overdueOn: filter?.overdueOnly ? on : null,
        dueBy: filter?.dueWithinWorkingDays != null ? addWorkingDays(on, filter.dueWithinWorkingDays) : null,
      },
      page,
    );
    return toConnection(result, (row) =>
      row.notification ? toWorkItem(toNotification(row.notification, on)) : toTaskWorkItem(toTask(row.task, on)),
    ) as WorkItemConnection;
  }

  @FieldResolver(() => VictimCase, { description: "The case the work is for." })
  victimCase(@Root() item: WorkItem, @Ctx() context: RequestContext): Promise<VictimCase> {
    return loadParentCase(item.caseDatabaseId, context);
  }
}
