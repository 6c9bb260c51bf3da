import type { ClassType } from "type-graphql";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Where a page sits in a list (Relay connection spec)." })
export class PageInfo {
  @Field({ description: "True when more items follow the last one on this page." })
  hasNextPage: boolean;

  @Field({ description: "True when items come before the first one on this page." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item on this page." })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item on this page; pass it as `after` for the next page.",
  })
  endCursor: string | null;
}

interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `nodeType`, named `<Name>Connection` with `<Name>Edge`. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} in a list, with its cursor.` })
  class EdgeType {
    @Field({ description: "Opaque cursor of this item; pass it as `after` to continue after it." })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: "The items on this page, in order." })
    edges: EdgeType[];

    @Field(() => [nodeType], { description: "The items on this page without cursors (a shortcut for edges { node })." })
    nodes: T[];

    @Field(() => PageInfo, { description: "Paging information." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds (all pages)." })
    totalCount: number;
  }
  return ConnectionClass;
}
