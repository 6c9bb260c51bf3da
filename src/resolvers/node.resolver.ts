import { GraphQLError } from "graphql";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { parseGlobalId } from "../services/global-id";
import { toCaseContact } from "../schema/case-contact.type";
import { toCaseTransition } from "../schema/case-transition.type";
import { Node } from "../schema/node.interface";
import { toOffender } from "../schema/offender.type";
import { toVictimCase } from "../schema/victim-case.type";
import type { RequestContext } from "./context";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when there is none." })
  node(@Arg("id", () => ID, { description: "A global id." }) id: string, @Ctx() context: RequestContext): Promise<Node | null> {
    return loadNode(id, context);
  }

  @Query(() => [Node], { nullable: "items", description: "Several objects by global id, in the order asked; null for each that does not exist. At most 100 ids." })
  nodes(@Arg("ids", () => [ID], { description: "Global ids (at most 100)." }) ids: string[], @Ctx() context: RequestContext): Promise<(Node | null)[]> {
    if (ids.length > 100) throw new GraphQLError("nodes takes at most 100 ids.", { extensions: { code: "BAD_USER_INPUT", field: ["ids"] } });
    return Promise.all(ids.map((id) => loadNode(id, context)));
  }
}

async function loadNode(globalId: string, context: RequestContext): Promise<Node | null> {
  const parsed = parseGlobalId(globalId);
  if (!parsed) return null;
  switch (parsed.type) {
    case "VictimCase": {
      const entity = await context.loaders.victimCase.load(parsed.id);
      return entity && toVictimCase(entity);
    }
    case "Offender": {
      const entity = await context.loaders.offender.load(parsed.id);
      return entity && toOffender(entity);
    }
    case "CaseTransition": {
      const entity = await context.loaders.caseTransition.load(parsed.id);
      return entity && toCaseTransition(entity);
    }
    case "CaseContact": {
      const entity = await context.loaders.contact.load(parsed.id);
      return entity && toCaseContact(entity);
    }
  }
}
