import { Field, ID, Int, ObjectType } from "type-graphql";
import { CustodyPhase } from "../../domain/custody/custody.enums";
import type { OffenderEntity } from "../../entities/custody/offender.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { DateTimeScalar } from "../common/scalars";
import { Node } from "../common/node.interface";

@ObjectType("Offender", {
  simpleResolvers: true,
  implements: Node,
  description: "A person serving a sentence who has one or more victim cases. Holds no victim data.",
})
export class Offender implements Node {
  // Written when asked for: a caseload page shows its cases' offenders, seldom their ids (issue 15 §4).
  @Field(() => ID, { description: "Opaque global id." })
  get id(): string {
    return toGlobalId("Offender", this.databaseId);
  }

  @Field({ description: "The offender's name as recorded by HMPPS." })
  name: string;

  @Field(() => String, { nullable: true, description: "Prison (NOMIS) number, e.g. A1234BC." })
  prisonNumber: string | null;

  @Field(() => String, { nullable: true, description: "Probation case reference number (CRN), e.g. X123456." })
  crn: string | null;

  @Field(() => CustodyPhase, { description: "Where the offender is in their sentence (the custody machine's state)." })
  custodyPhase: CustodyPhase;

  @Field(() => Int, {
    description: "Increases by one with every custody event; send it as expectedVersion to recordCustodyEvent.",
  })
  version: number;

  @Field(() => DateTimeScalar, { description: "When the offender was added." })
  createdAt: Date;

  databaseId: string;
}

export function toOffender(entity: OffenderEntity): Offender {
  // Field by field: Object.assign onto a class instance was ten times slower, for every item of every page.
  const offender = new Offender();
  offender.name = entity.name;
  offender.prisonNumber = entity.prisonNumber;
  offender.crn = entity.crn;
  offender.custodyPhase = entity.custodyPhase;
  offender.version = entity.version;
  offender.createdAt = entity.createdAt;
  offender.databaseId = entity.id;
  return offender;
}
