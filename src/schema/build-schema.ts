import "./enums";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { AccessLogResolver } from "../resolvers/access-log.resolver";
import { CaseMutationResolver } from "../resolvers/case-mutation.resolver";
import { NodeResolver } from "../resolvers/node.resolver";
import { LiveUpdateResolver, WorkQueueChangeResolver } from "../resolvers/live-update.resolver";
import { LicenceConditionMutationResolver } from "../resolvers/licence-condition-mutation.resolver";
import { CaseDeadlineResolver } from "../resolvers/deadline.resolver";
import { NotificationMutationResolver } from "../resolvers/notification-mutation.resolver";
import { CaseNotificationResolver, NotificationResolver, WorkQueueResolver } from "../resolvers/notification.resolver";
import { OffenderMutationResolver } from "../resolvers/offender-mutation.resolver";
import { ParoleMutationResolver } from "../resolvers/parole-mutation.resolver";
import {
  CaseParoleResolver,
  LicenceConditionRequestResolver,
  OffenderParoleResolver,
  ParoleRequestResolver,
  ParoleReviewResolver,
  VictimLicenceConditionResolver,
  VictimPersonalStatementResolver,
} from "../resolvers/parole-review.resolver";
import { OffenderResolver } from "../resolvers/offender.resolver";
import { OfficerResolver } from "../resolvers/officer.resolver";
import { SentenceResolver } from "../resolvers/sentence.resolver";
import { StatisticsResolver } from "../resolvers/statistics.resolver";
import { CaseTaskResolver, TaskMutationResolver, TaskResolver } from "../resolvers/task.resolver";
import { authChecker } from "../resolvers/auth-checker";
import { VictimCaseResolver } from "../resolvers/victim-case.resolver";
import { CaseContact } from "./case-contact.type";
import { CaseTransition } from "./case-transition.type";
import { DateTimeScalar } from "./scalars";

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
    resolvers: [AccessLogResolver, NodeResolver, VictimCaseResolver, OffenderResolver, OfficerResolver, SentenceResolver, StatisticsResolver, CaseMutationResolver, OffenderMutationResolver,
      OffenderParoleResolver, ParoleReviewResolver, CaseParoleResolver, VictimPersonalStatementResolver, ParoleRequestResolver, LicenceConditionRequestResolver, VictimLicenceConditionResolver,
      ParoleMutationResolver, LicenceConditionMutationResolver,
      WorkQueueResolver, NotificationResolver, CaseNotificationResolver, NotificationMutationResolver, CaseDeadlineResolver, TaskResolver, CaseTaskResolver, TaskMutationResolver,
      LiveUpdateResolver, WorkQueueChangeResolver],
    authChecker,
    pubSub: NO_TOPICS,
    // A denied @Authorized field or operation answers FORBIDDEN (the checker throws it).
    authMode: "error",
    // Node implementations reachable only through node(id) must still be in the schema.
    orphanedTypes: [CaseTransition, CaseContact],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // type-graphql 2 does not run class-validator unless asked.
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  // type-graphql has no option for the root types' descriptions.
  schema.getQueryType()!.description = "Read victim cases, offenders and their history. Lists are Relay connections (first ≤ 100).";
  schema.getMutationType()!.description =
    "Every change is one mutation with a single input and a payload { …, userErrors }; transition inputs take expectedVersion and idempotencyKey.";
  schema.getSubscriptionType()!.description =
    "Live updates over graphql-ws (WebSocket) at /graphql: connect with the connection parameter { authorization: \"Bearer <token>\" }. Each change committed on any server instance is told to every subscriber who may see its case.";
  return schema;
}
