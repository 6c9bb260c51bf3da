import { Field, ID, Int, ObjectType } from "type-graphql";
import {
  LicenceConditionDecisionMaker,
  LicenceConditionDecisionPoint,
  LicenceConditionKind,
  LicenceConditionRequestStatus,
} from "../../domain/licence-conditions/licence-condition.enums";
import type { Region } from "../../domain/security/region.enum";
import type { LicenceConditionRequestEntity } from "../../entities/licence-conditions/licence-condition-request.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { Node } from "../common/node.interface";
import { DateScalar } from "../common/scalars";

@ObjectType("LicenceConditionRequest", {
  implements: Node,
  description:
    "A licence condition the victim asked for, forwarded to the decision maker and then adopted or not (with the reason, which the victim is told).",
})
export class LicenceConditionRequest implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field(() => LicenceConditionKind, { description: "The kind of condition." })
  kind: LicenceConditionKind;

  /** Served by a field resolver that logs the read. */
  description: string | null;

  @Field(() => LicenceConditionDecisionPoint, {
    description: "The decision it is for: release on licence, or a parole review.",
  })
  decisionPoint: LicenceConditionDecisionPoint;

  @Field(() => LicenceConditionDecisionMaker, {
    description: "Who decides: the prison governor (automatic release) or the Parole Board.",
  })
  decisionMaker: LicenceConditionDecisionMaker;

  @Field(() => LicenceConditionRequestStatus, {
    description: "Where the request is (the licence-condition request machine's state).",
  })
  status: LicenceConditionRequestStatus;

  @Field(() => Int, { description: "Increases by one with every change; send it as expectedVersion." })
  version: number;

  @Field(() => DateScalar, { description: "When the victim asked." })
  requestedOn: string;

  @Field(() => DateScalar, { nullable: true, description: "When it was forwarded to the decision maker." })
  forwardedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When the decision was recorded." })
  decidedOn: string | null;

  /** Served by a field resolver that logs the read. */
  reasonNotAdopted: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "When an adopted condition ends (at the latest, the end of the licence).",
  })
  endsOn: string | null;

  databaseId: string;
  caseDatabaseId: string;
  paroleReviewDatabaseId: string | null;
  /** The case's region: decides who may read the description. */
  scopeRegion: Region | null;
}

export function toLicenceConditionRequest(
  entity: LicenceConditionRequestEntity,
  region: Region | null,
): LicenceConditionRequest {
  return Object.assign(new LicenceConditionRequest(), {
    id: toGlobalId("LicenceConditionRequest", entity.id),
    kind: entity.kind,
    description: entity.description,
    decisionPoint: entity.decisionPoint,
    decisionMaker: entity.decisionMaker,
    status: entity.status,
    version: entity.version,
    requestedOn: entity.requestedOn,
    forwardedOn: entity.forwardedOn,
    decidedOn: entity.decidedOn,
    reasonNotAdopted: entity.reasonNotAdopted,
    endsOn: entity.endsOn,
    databaseId: entity.id,
    caseDatabaseId: entity.caseId,
    paroleReviewDatabaseId: entity.paroleReviewId,
    scopeRegion: region,
  });
}
