import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType("Node", { description: "An object with a global id, refetchable with `node(id:)`." })
export abstract class Node {
  @Field(() => ID, { description: "Opaque global id. Do not parse it; it may change format." })
  id: string;
}
