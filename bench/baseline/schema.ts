import { buildSchema, type GraphQLResolveInfo } from "graphql";
import type { BaselineContext } from "./request-context";
import { readCase } from "./w1";
import { sendFollowUp } from "./w2";
import { caseloadPage } from "./w3";
import { readVersion } from "./w4";

/**
 * The service's field names for the four workloads only, so the bench's documents run unchanged
 * on both servers. Enums are plain strings here: their JSON is the same.
 */
export const baselineSchema = buildSchema(`
  type Query {
    victimCase(id: ID!): VictimCase
    victimCases(first: Int): VictimCaseConnection!
  }
  type Mutation {
    sendInvitation(input: SendInvitationInput!): SendInvitationPayload!
  }
  input SendInvitationInput {
    caseId: ID!
    channel: String!
    expectedVersion: Int
    idempotencyKey: String
    visitOffered: Boolean
  }
  type VictimCase {
    id: ID!
    status: String!
    version: Int!
    availableActions: [String!]!
    offender: Offender!
    contacts: [CaseContact!]!
    lastTransition: CaseTransition!
  }
  type Offender {
    name: String!
    custodyPhase: String!
  }
  type CaseContact {
    name: String
    email: String
    phone: String
  }
  type CaseTransition {
    event: String!
    toStatus: String!
    occurredAt: String!
  }
  type VictimCaseConnection {
    nodes: [VictimCase!]!
  }
  type SendInvitationPayload {
    victimCase: VictimCase
    userErrors: [UserError!]!
  }
  type UserError {
    code: String!
    field: [String!]
    message: String!
  }
`);

// Each root field answers whole from one workload module; nested fields are plain properties.
export const baselineRoot = {
  // W4's losers read only the version: that read is its own statement list (w4.ts).
  victimCase: (args: { id: string }, context: BaselineContext, info: GraphQLResolveInfo) =>
    info.operation.name?.value === "BenchReadVersion" ? readVersion(context, args.id) : readCase(context, args.id),
  victimCases: (args: { first?: number | null }, context: BaselineContext) => caseloadPage(context, args.first ?? 20),
  sendInvitation: (args: { input: Parameters<typeof sendFollowUp>[1] }, context: BaselineContext) =>
    sendFollowUp(context, args.input),
};
