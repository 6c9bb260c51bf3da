import { Field, ObjectType } from "type-graphql";
import { StatementFormat, StatementStatus } from "../../domain/parole/parole.enums";
import type { Region } from "../../domain/security/region.enum";
import type { VictimPersonalStatementEntity } from "../../entities/parole/victim-personal-statement.entity";
import { DateScalar } from "../common/scalars";

@ObjectType("VictimPersonalStatement", {
  description:
    "The victim's personal statement for one parole review: invited, then sent to the Board. The text is personal data.",
})
export class VictimPersonalStatement {
  @Field(() => StatementStatus, { description: "Invited, or submitted to the Board." })
  status: StatementStatus;

  @Field(() => DateScalar, { nullable: true, description: "When the VLO invited the victim to make a statement." })
  invitedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When the statement was sent to the Board." })
  submittedOn: string | null;

  @Field(() => StatementFormat, { nullable: true, description: "How it will be presented at the hearing." })
  format: StatementFormat | null;

  /** Served by a field resolver that logs the read. */
  text: string | null;

  paroleReviewDatabaseId: string;
  caseDatabaseId: string;
  /** The case's region: decides who may read the text. */
  scopeRegion: Region | null;
}

export function toVictimPersonalStatement(
  entity: VictimPersonalStatementEntity,
  region: Region | null,
): VictimPersonalStatement {
  return Object.assign(new VictimPersonalStatement(), {
    status: entity.status,
    invitedOn: entity.invitedOn,
    submittedOn: entity.submittedOn,
    format: entity.format,
    text: entity.text,
    paroleReviewDatabaseId: entity.paroleReviewId,
    caseDatabaseId: entity.caseId,
    scopeRegion: region,
  });
}
