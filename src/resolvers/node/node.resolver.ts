import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { parseGlobalId } from "../../domain/ids/global-id";
import { Permission } from "../../domain/security/policy";
import { toCaseContact } from "../../schema/cases/case-contact.type";
import { toCaseTransition } from "../../schema/cases/case-transition.type";
import { Node } from "../../schema/common/node.interface";
import { toOffender } from "../../schema/custody/offender.type";
import { toCustodyEvent } from "../../schema/custody/custody-event.type";
import { toOfficer } from "../../schema/security/officer.type";
import { toLicenceConditionRequest } from "../../schema/licence-conditions/licence-condition-request.type";
import { toParoleReview } from "../../schema/parole/parole-review.type";
import { toNotification } from "../../schema/notifications/notification.type";
import { toTask } from "../../schema/work/task.type";
import { today } from "../../domain/calendar/london-date";
import { toVictimCase } from "../../schema/cases/victim-case.type";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalDataRead } from "../../graphql/personal-data-read";

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object you may see, by its global id; null when there is none or you may not see it.",
  })
  node(
    @Arg("id", () => ID, { description: "A global id." }) id: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    return loadNode(id, context, info);
  }

  @Query(() => [Node], {
    nullable: "items",
    description:
      "Several objects by global id, in the order asked; null for each that does not exist or you may not see. At most 100 ids.",
  })
  nodes(
    @Arg("ids", () => [ID], { description: "Global ids (at most 100)." }) ids: string[],
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<(Node | null)[]> {
    if (ids.length > 100)
      throw new GraphQLError("nodes takes at most 100 ids.", {
        extensions: { code: "BAD_USER_INPUT", field: ["ids"] },
      });
    return Promise.all(ids.map((id) => loadNode(id, context, info)));
  }
}

// What the caller may not see answers as what does not exist: null, never FORBIDDEN.
async function loadNode(globalId: string, context: RequestContext, info: GraphQLResolveInfo): Promise<Node | null> {
  const parsed = parseGlobalId(globalId);
  if (!parsed) return null;
  const { access, loaders } = context;
  switch (parsed.type) {
    case "VictimCase": {
      const entity = access.has(Permission.READ_CASES) ? await loaders.victimCase.load(parsed.id) : null;
      return entity && toVictimCase(entity);
    }
    case "Offender": {
      const entity = access.has(Permission.READ_OFFENDERS) ? await loaders.offender.load(parsed.id) : null;
      return entity && toOffender(entity);
    }
    case "CaseTransition": {
      const entity = access.has(Permission.READ_CASES) ? await loaders.caseTransition.load(parsed.id) : null;
      return entity && toCaseTransition(entity);
    }
    case "CaseContact": {
      const found = access.has(Permission.READ_CASES) ? await loaders.contact.load(parsed.id) : null;
      if (!found) return null;
      await recordPersonalDataRead(context, info, found.contact.caseId, found.region);
      return toCaseContact(found.contact, found.region);
    }
    case "CustodyEvent": {
      const entity = access.has(Permission.READ_OFFENDERS) ? await loaders.custodyEvent.load(parsed.id) : null;
      return entity && toCustodyEvent(entity);
    }
    case "ParoleReview": {
      const entity = access.has(Permission.READ_OFFENDERS) ? await loaders.paroleReview.load(parsed.id) : null;
      return entity && toParoleReview(entity);
    }
    case "LicenceConditionRequest": {
      const found = access.has(Permission.READ_CASES) ? await loaders.licenceRequest.load(parsed.id) : null;
      return found && toLicenceConditionRequest(found.request, found.region);
    }
    case "Notification": {
      const entity = access.has(Permission.READ_CASES) ? await loaders.notification.load(parsed.id) : null;
      return entity && toNotification(entity, today());
    }
    case "Task": {
      const entity = access.has(Permission.READ_CASES) ? await loaders.task.load(parsed.id) : null;
      return entity && toTask(entity, today());
    }
    case "Officer": {
      const entity =
        access.has(Permission.MANAGE_OFFICERS) || access.officer?.id === parsed.id
          ? await loaders.officer.load(parsed.id)
          : null;
      return entity && toOfficer(entity);
    }
  }
}
