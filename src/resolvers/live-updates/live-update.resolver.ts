import { GraphQLError } from "graphql";
import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from "type-graphql";
import { fromGlobalId } from "../../domain/ids/global-id";
import { RESYNC, type LiveEvent } from "../../services/platform/live-updates";
import { createLoaders } from "../../graphql/loaders";
import { Permission } from "../../domain/security/policy";
import { toVictimCase, VictimCase } from "../../schema/cases/victim-case.type";
import { WorkQueueChange } from "../../schema/work/work-queue-change.type";
import type { RequestContext } from "../../graphql/context";

const SUBSCRIPTION_NOT_FOUND = "NOT_FOUND";

function caseNotFound(): GraphQLError {
  return new GraphQLError("There is no case with this id that you may see.", {
    extensions: { code: SUBSCRIPTION_NOT_FOUND },
  });
}

function liveUpdatesOf(context: RequestContext) {
  if (!context.liveUpdates)
    throw new GraphQLError("Subscriptions are served over graphql-ws (WebSocket) at /graphql.", {
      extensions: { code: "BAD_REQUEST" },
    });
  return context.liveUpdates;
}

// One subscription lives for hours; each event is read as new, never from the first event's cache.
function readAfresh(context: RequestContext): void {
  context.loaders = createLoaders(context.dataSource, context.access);
}

// Subscribed before the check, so no change between the check and the subscription is missed.
async function subscribeToCase(context: RequestContext, id: string) {
  const live = liveUpdatesOf(context);
  const caseId = fromGlobalId(id, "VictimCase");
  const events = live.subscribe((event) => {
    if (event.kind === "RESYNC") return "YIELD";
    if (event.caseId !== caseId) return "SKIP";
    // The case moved to a region the subscriber may not see: the subscription ends.
    return context.access.allows(Permission.READ_CASES, event.region) ? "YIELD" : "END";
  });
  const visible = caseId ? await context.loaders.victimCase.load(caseId) : null;
  if (!visible) {
    await events.return();
    throw caseNotFound();
  }
  // The case as it is now comes first: nothing changed between a client's read and its subscribe is lost.
  events.push(RESYNC);
  return events;
}

function subscribeToWorkQueue(context: RequestContext, officerId: string | null) {
  const live = liveUpdatesOf(context);
  // An unknown officer id matches nothing rather than everything, as workQueue's filter does.
  const officer = officerId === null ? null : (fromGlobalId(officerId, "Officer") ?? "");
  const events = live.subscribe((event) => {
    if (event.kind === "RESYNC") return "YIELD";
    if (!event.workQueue || !context.access.allows(Permission.READ_CASES, event.region)) return "SKIP";
    return officer === null || event.officerId === officer ? "YIELD" : "SKIP";
  });
  // A resync first, meaning "read the queue now": from then on, no change is missed.
  events.push(RESYNC);
  return events;
}

@Resolver()
export class LiveUpdateResolver {
  @Authorized(Permission.READ_CASES)
  @Subscription(() => VictimCase, {
    description:
      "The case as it is now, then again each time a change to it is committed — by anyone, on any server: its status, contacts, plan, history, notifications, requests, or its offender's custody and key dates. Select what you show; it is read afresh each time. Ends when the case leaves your regions. Over graphql-ws at /graphql, with the bearer token as the connection parameter `authorization`.",
    subscribe: ({ args, context }) => subscribeToCase(context as RequestContext, args.caseId as string),
  })
  async caseUpdated(
    @Arg("caseId", () => ID, { description: "Global id of the case to follow." }) caseId: string,
    @Root() _event: LiveEvent,
    @Ctx() context: RequestContext,
  ): Promise<VictimCase> {
    readAfresh(context);
    const databaseId = fromGlobalId(caseId, "VictimCase");
    const entity = databaseId ? await context.loaders.victimCase.load(databaseId) : null;
    if (!entity) throw caseNotFound();
    return toVictimCase(entity);
  }

  @Authorized(Permission.READ_CASES)
  @Subscription(() => WorkQueueChange, {
    description:
      "First a resync (read the queue now), then a change each time the work queue changes in the cases you may see (a notification or task added, done or moved, a case reassigned), so you fetch workQueue again instead of polling. Over graphql-ws at /graphql.",
    subscribe: ({ args, context }) =>
      subscribeToWorkQueue(context as RequestContext, (args.officerId as string | null | undefined) ?? null),
  })
  workQueueChanged(
    @Arg("officerId", () => ID, {
      nullable: true,
      description: "Only changes to this officer's cases (global id of an Officer).",
    })
    _officerId: string | null,
    @Root() event: LiveEvent,
    @Ctx() context: RequestContext,
  ): WorkQueueChange {
    readAfresh(context);
    return Object.assign(new WorkQueueChange(), {
      resync: event.kind === "RESYNC",
      caseDatabaseId: event.kind === "CASE" ? event.caseId : null,
    });
  }
}
