import { Field, ObjectType } from "type-graphql";
import { Role } from "../../domain/security/role.enum";
import { Officer } from "./officer.type";

@ObjectType("Viewer", { description: "Who the service takes you to be, from your token." })
export class Viewer {
  @Field({ description: "Your user name, or system:<client id> for a system caller." })
  actor: string;

  @Field(() => [Role], { description: "Your roles from the token (unknown ones are ignored)." })
  roles: Role[];

  @Field(() => Officer, {
    nullable: true,
    description: "Your officer record, which gives your region; null if you are not registered.",
  })
  officer: Officer | null;
}
