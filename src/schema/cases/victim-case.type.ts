import { Field, ID, Int, ObjectType } from "type-graphql";
import {
  CaseAction,
  CaseStatus,
  CloseReason,
  DeclineReason,
  DiscretionaryGround,
  EligibilityRoute,
} from "../../domain/cases/case.enums";
import type { CustodyPhase } from "../../domain/custody/custody.enums";
import { Region } from "../../domain/security/region.enum";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import type { CaseContext } from "../../machines/machine-events";
import { toGlobalId } from "../../domain/ids/global-id";
import { DateScalar, DateTimeScalar } from "../common/scalars";
import { Node } from "../common/node.interface";
import { READ_WITH_ITEM } from "../common/read-with-item";
import type { Offender } from "../custody/offender.type";
import type { CaseTransition } from "./case-transition.type";

// simpleResolvers: graphql-js reads the plain fields itself, without type-graphql's call per field
// (hundreds on a caseload page, issue 15 §4); so no plain field of such a type may carry @Authorized
// or a middleware, which the schema contract test checks for every type read so.
@ObjectType("VictimCase", {
  simpleResolvers: true,
  implements: Node,
  description: "The unit a Victim Liaison Officer works on: one victim (or family unit) and one offender.",
})
export class VictimCase implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field({ description: "Human-readable case reference, e.g. VCS-2026-000123." })
  reference: string;

  @Field(() => CaseStatus, { description: "Where the case stands in its lifecycle." })
  status: CaseStatus;

  @Field(() => Int, {
    description:
      "Increases by one with every change; send it back as expectedVersion to avoid overwriting someone else's change.",
  })
  version: number;

  @Field(() => Region, {
    nullable: true,
    description: "The region of the assigned officer; it decides who may see the case.",
  })
  region: Region | null;

  @Field(() => EligibilityRoute, { description: "Why the victim is in the scheme." })
  eligibilityRoute: EligibilityRoute;

  @Field(() => DiscretionaryGround, {
    nullable: true,
    description:
      "The category of a discretionary admission, recorded at referral (always set on DISCRETIONARY cases; cases referred before grounds were recorded have OTHER). Not personal data: the reason in the officer's words is discretionaryReason.",
  })
  discretionaryGround: DiscretionaryGround | null;

  @Field(() => DeclineReason, { nullable: true, description: "Why the case is DECLINED (null in other statuses)." })
  declineReason: DeclineReason | null;

  @Field(() => CloseReason, { nullable: true, description: "Why the case is CLOSED (null in other statuses)." })
  closeReason: CloseReason | null;

  @Field(() => Int, { description: "How many invitations (first and follow-ups) have been sent." })
  invitationsSent: number;

  @Field(() => DateScalar, { description: "The date the case was referred to the scheme." })
  referredOn: string;

  @Field(() => DateTimeScalar, { description: "When the case was created." })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: "When the case last changed." })
  updatedAt: Date;

  // Not exposed: used by field resolvers.
  databaseId: string;
  offenderDatabaseId: string;
  officerDatabaseId: string | null;
  scopeRegion: Region | null;
  context: CaseContext;
  custodyPhase: CustodyPhase;
  /** What a caseload page read with the case, for these fields to answer at once. */
  [READ_WITH_ITEM]?: {
    offender?: Offender;
    lastTransition?: CaseTransition;
    availableActions?: readonly CaseAction[];
  };
}

export function toVictimCase(entity: VictimCaseEntity): VictimCase {
  // Field by field: Object.assign onto a class instance was ten times slower, for every item of every page.
  const victimCase = new VictimCase();
  victimCase.id = toGlobalId("VictimCase", entity.id);
  victimCase.reference = entity.reference;
  victimCase.status = entity.status;
  victimCase.version = entity.version;
  victimCase.eligibilityRoute = entity.eligibilityRoute;
  victimCase.discretionaryGround = entity.discretionaryGround;
  victimCase.declineReason = entity.status === CaseStatus.DECLINED ? entity.context.declineReason : null;
  victimCase.closeReason = entity.status === CaseStatus.CLOSED ? entity.context.closeReason : null;
  victimCase.invitationsSent = entity.context.invitationsSent;
  victimCase.referredOn = entity.referredOn;
  victimCase.createdAt = entity.createdAt;
  victimCase.updatedAt = entity.updatedAt;
  victimCase.region = entity.region;
  victimCase.databaseId = entity.id;
  victimCase.offenderDatabaseId = entity.offenderId;
  victimCase.officerDatabaseId = entity.officerId;
  victimCase.scopeRegion = entity.region;
  victimCase.context = entity.context;
  victimCase.custodyPhase = entity.context.custodyPhase;
  return victimCase;
}
