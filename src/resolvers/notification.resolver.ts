import { GraphQLError } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { today } from "../services/case-transition.service";
import { notificationWords } from "../services/notification-words";
import { fromGlobalId } from "../services/global-id";
import { availableNotificationEvents, notificationMachine } from "../machines/notification.machine";
import { Permission } from "../services/policy";
import { NotificationAction } from "../schema/step-actions.enums";
import { listWorkQueue } from "../services/work-queue.service";
import { WorkQueueFilter } from "../schema/inputs/work-queue-filter.input";
import { Notification, toNotification } from "../schema/notification.type";
import { PageArgs } from "../schema/page.args";
import { toVictimCase, VictimCase } from "../schema/victim-case.type";
import { toTask } from "../schema/task.type";
import { toTaskWorkItem, toWorkItem, WorkItem } from "../schema/work-item.type";
import { addWorkingDays } from "../services/working-days";
import { toConnection, WorkItemConnection } from "./connections";
import type { RequestContext } from "./context";

async function caseOf(caseId: string, context: RequestContext): Promise<VictimCase> {
  const entity = await context.loaders.victimCase.load(caseId);
  if (!entity) throw new GraphQLError("A work item's case is missing.");
  return toVictimCase(entity);
}

@Resolver(() => WorkItem)
export class WorkQueueResolver {
  @Authorized(Permission.READ_CASES)
  @Query(() => WorkItemConnection, {
    description:
      "What officers have to do for victims, oldest due first, in the cases you may see: notifications to send, calls to make, escalations to resolve, and open tasks (first contacts, follow-up invitations, personal statements, victims come of age). One order across both, so paging is stable.",
  })
  async workQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => WorkQueueFilter, { nullable: true, description: "Conditions the items must meet." }) filter: WorkQueueFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<WorkItemConnection> {
    const on = today();
    // An unknown officer id matches nothing rather than everything.
    const officerId = filter?.officerId != null ? (fromGlobalId(filter.officerId, "Officer") ?? "00000000-0000-0000-0000-000000000000") : null;
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
    return toConnection(result, (row) => (row.notification ? toWorkItem(toNotification(row.notification, on)) : toTaskWorkItem(toTask(row.task, on)))) as WorkItemConnection;
  }

  @FieldResolver(() => VictimCase, { description: "The case the work is for." })
  victimCase(@Root() item: WorkItem, @Ctx() context: RequestContext): Promise<VictimCase> {
    return caseOf(item.caseDatabaseId, context);
  }
}

@Resolver(() => Notification)
export class NotificationResolver {
  @FieldResolver(() => [NotificationAction], { description: "The steps you may record now: those the notification's status allows, if your role and region permit. Drive buttons from this." })
  async availableActions(@Root() notification: Notification, @Ctx() context: RequestContext): Promise<NotificationAction[]> {
    const victimCase = await context.loaders.victimCase.load(notification.caseDatabaseId);
    if (!victimCase || !context.access.allows(Permission.CHANGE_CASES, victimCase.region)) return [];
    const snapshot = notificationMachine.resolveState({ value: notification.status, context: { attempts: notification.attempts } });
    return availableNotificationEvents(snapshot) as NotificationAction[];
  }

  @FieldResolver(() => String, { description: "The subject line (or what the call is about)." })
  subject(@Root() notification: Notification): string {
    return notificationWords(notification.entity).subject;
  }

  @FieldResolver(() => String, { description: "The words of the letter or email, or the officer's call script: months, never days; no prison, no address. The victim's name is added when it is sent." })
  body(@Root() notification: Notification): string {
    return notificationWords(notification.entity).body;
  }

  @FieldResolver(() => VictimCase, { description: "The case the notification is for." })
  victimCase(@Root() notification: Notification, @Ctx() context: RequestContext): Promise<VictimCase> {
    return caseOf(notification.caseDatabaseId, context);
  }
}

@Resolver(() => VictimCase)
export class CaseNotificationResolver {
  @FieldResolver(() => [Notification], { description: "What the victim has been, or is to be, told, newest first." })
  async notifications(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Notification[]> {
    const on = today();
    return (await context.loaders.notificationsByCase.load(victimCase.databaseId)).map((row) => toNotification(row, on));
  }
}
