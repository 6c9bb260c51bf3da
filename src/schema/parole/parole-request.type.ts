import { Field, ObjectType } from "type-graphql";
import { ParoleRequestKind } from "../../domain/parole/parole.enums";
import type { ParoleRequestEntity } from "../../entities/parole/parole-request.entity";
import { DateScalar } from "../common/scalars";

@ObjectType("ParoleRequest", {
  description: "Something the victim asked for around a parole review, through their VLO.",
})
export class ParoleRequest {
  @Field(() => ParoleRequestKind, { description: "What was asked for." })
  kind: ParoleRequestKind;

  @Field(() => DateScalar, { description: "When it was recorded." })
  requestedOn: string;

  paroleReviewDatabaseId: string;
}

export function toParoleRequest(entity: ParoleRequestEntity): ParoleRequest {
  return Object.assign(new ParoleRequest(), {
    kind: entity.kind,
    requestedOn: entity.requestedOn,
    paroleReviewDatabaseId: entity.paroleReviewId,
  });
}
