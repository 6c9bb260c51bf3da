import { Field, ID, ObjectType } from "type-graphql";
import { Region } from "../../domain/security/region.enum";
import type { OfficerEntity } from "../../entities/security/officer.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { Node } from "../common/node.interface";

@ObjectType("Officer", {
  implements: Node,
  description: "A member of staff. Their region decides which cases they see.",
})
export class Officer implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field({ description: "Their HMPPS Auth user name, e.g. alice.vlo." })
  username: string;

  @Field({ description: "Their name." })
  name: string;

  @Field(() => Region, { nullable: true, description: "The probation region they work in (null for national roles)." })
  region: Region | null;

  @Field(() => String, { nullable: true, description: "Their team within the region." })
  team: string | null;

  databaseId: string;
}

export function toOfficer(entity: OfficerEntity): Officer {
  return Object.assign(new Officer(), {
    id: toGlobalId("Officer", entity.id),
    username: entity.username,
    name: entity.name,
    region: entity.region,
    team: entity.team,
    databaseId: entity.id,
  });
}
