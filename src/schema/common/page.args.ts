import { ArgsType, Field, Int } from "type-graphql";

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "How many items to return, from 0 to 100 (default 20)." })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return items after this cursor (an endCursor or an edge's cursor).",
  })
  after?: string | null;
}
