import "../schema/common/enums";
import { assertValidSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { AccessLogResolver } from "../resolvers/security/access-log.resolver";
import { OfficerResolver } from "../resolvers/security/officer.resolver";
import { NodeResolver } from "../resolvers/node/node.resolver";
import { StatisticsResolver } from "../resolvers/statistics/statistics.resolver";
import { CaseDeadlineResolver } from "../resolvers/cases/deadline.resolver";
import { CaseTimelineResolver } from "../resolvers/cases/case-timeline.resolver";
import { CaseMutationResolver } from "../resolvers/cases/case-mutation.resolver";
import { VictimCaseResolver } from "../resolvers/cases/victim-case.resolver";
import { CaseContactResolver } from "../resolvers/cases/case-contact.resolver";
import { CaseTransitionResolver } from "../resolvers/cases/case-transition.resolver";
import { ClockResolver } from "../resolvers/clock/clock.resolver";
import { OffenderMutationResolver } from "../resolvers/custody/offender-mutation.resolver";
import { OffenderResolver } from "../resolvers/custody/offender.resolver";
import { OffenderCustodyEventsResolver } from "../resolvers/custody/offender-custody-events.resolver";
import { CustodyEventResolver } from "../resolvers/custody/custody-event.resolver";
import { SentenceResolver } from "../resolvers/sentences/sentence.resolver";
import { CaseParoleResolver } from "../resolvers/parole/case-parole.resolver";
import { CaseParoleReviewResolver } from "../resolvers/parole/case-parole-review.resolver";
import { OffenderParoleResolver } from "../resolvers/parole/offender-parole.resolver";
import { ParoleMutationResolver } from "../resolvers/parole/parole-mutation.resolver";
import { ParoleRequestResolver } from "../resolvers/parole/parole-request.resolver";
import { ParoleReviewResolver } from "../resolvers/parole/parole-review.resolver";
import { ParoleReviewStepResolver } from "../resolvers/parole/parole-review-step.resolver";
import { VictimPersonalStatementResolver } from "../resolvers/parole/victim-personal-statement.resolver";
import { LicenceConditionMutationResolver } from "../resolvers/licence-conditions/licence-condition-mutation.resolver";
import { LicenceConditionRequestResolver } from "../resolvers/licence-conditions/licence-condition-request.resolver";
import { VictimLicenceConditionResolver } from "../resolvers/licence-conditions/victim-licence-condition.resolver";
import { LicenceConditionStepResolver } from "../resolvers/licence-conditions/licence-condition-step.resolver";
import { CaseNotificationResolver } from "../resolvers/notifications/case-notification.resolver";
import { NotificationMutationResolver } from "../resolvers/notifications/notification-mutation.resolver";
import { NotificationResolver } from "../resolvers/notifications/notification.resolver";
import { CaseTaskResolver } from "../resolvers/work/case-task.resolver";
import { TaskMutationResolver } from "../resolvers/work/task-mutation.resolver";
import { TaskResolver } from "../resolvers/work/task.resolver";
import { WorkQueueResolver } from "../resolvers/work/work-queue.resolver";
import { LiveUpdateResolver } from "../resolvers/live-updates/live-update.resolver";
import { WorkQueueChangeResolver } from "../resolvers/live-updates/work-queue-change.resolver";
import { SupportServicesResolver } from "../resolvers/support/support-services.resolver";
import { SchemeStatisticsResolver } from "../resolvers/statistics/scheme-statistics.resolver";
import { WorkflowsResolver } from "../resolvers/workflows/workflows.resolver";
import { authChecker } from "./auth-checker";
import { validateArgument } from "./argument-validation";
import { reportLostConnections } from "./lost-connections";
import { answerReadWithItem } from "./answer-read-with-item";
import { CaseContact } from "../schema/cases/case-contact.type";
import { CaseTransition } from "../schema/cases/case-transition.type";
import { DateTimeScalar } from "../schema/common/scalars";

// type-graphql insists on a PubSub once there are subscriptions, even when each one brings its own
// `subscribe`. Ours subscribe to LiveUpdates (LISTEN/NOTIFY); topics are not used.
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error("publish to the database instead: live updates come from LISTEN/NOTIFY");
  },
  subscribe() {
    throw new Error("subscriptions here subscribe to LiveUpdates, not to topics");
  },
};

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      AccessLogResolver,
      NodeResolver,
      VictimCaseResolver,
      CaseContactResolver,
      CaseTransitionResolver,
      ClockResolver,
      OffenderResolver,
      OfficerResolver,
      SentenceResolver,
      StatisticsResolver,
      SchemeStatisticsResolver,
      SupportServicesResolver,
      WorkflowsResolver,
      CaseMutationResolver,
      OffenderMutationResolver,
      OffenderParoleResolver,
      ParoleReviewResolver,
      CaseParoleResolver,
      CaseParoleReviewResolver,
      VictimPersonalStatementResolver,
      ParoleRequestResolver,
      LicenceConditionRequestResolver,
      VictimLicenceConditionResolver,
      ParoleMutationResolver,
      LicenceConditionMutationResolver,
      WorkQueueResolver,
      NotificationResolver,
      CaseNotificationResolver,
      NotificationMutationResolver,
      CaseDeadlineResolver,
      CaseTimelineResolver,
      OffenderCustodyEventsResolver,
      CustodyEventResolver,
      ParoleReviewStepResolver,
      LicenceConditionStepResolver,
      TaskResolver,
      CaseTaskResolver,
      TaskMutationResolver,
      LiveUpdateResolver,
      WorkQueueChangeResolver,
    ],
    authChecker,
    pubSub: NO_TOPICS,
    // A denied @Authorized field or operation answers FORBIDDEN (the checker throws it).
    authMode: "error",
    // Node implementations reachable only through node(id) must still be in the schema.
    orphanedTypes: [CaseTransition, CaseContact],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // class-validator, for the arguments that have rules only.
    validateFn: validateArgument,
    emitSchemaFile: false,
    // type-graphql's own check runs the whole introspection query over the schema: a fifth of a
    // second of every start and most of its garbage (issue 15 §5). graphql-js's validation below
    // finds the same faults in the types; `npm run schema:check` prints every default value.
    skipCheck: true,
  });
  assertValidSchema(schema);
  answerReadWithItem(schema);
  reportLostConnections(schema);
  // type-graphql has no option for the root types' descriptions.
  schema.getQueryType()!.description =
    "Read victim cases, offenders and their history. Lists are Relay connections (first ≤ 100).";
  schema.getMutationType()!.description =
    "Every change is one mutation with a single input and a payload { …, userErrors }; transition inputs take expectedVersion and idempotencyKey.";
  schema.getSubscriptionType()!.description =
    'Live updates over graphql-ws (WebSocket) at /graphql: connect with the connection parameter { authorization: "Bearer <token>" }. Each change committed on any server instance is told to every subscriber who may see its case.';
  return schema;
}
