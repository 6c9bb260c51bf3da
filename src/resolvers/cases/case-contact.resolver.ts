import { GraphQLError } from "graphql";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Permission } from "../../domain/security/policy";
import { contactStepRefusals, type ContactStep } from "../../services/cases/contact-actions";
import { CaseContact } from "../../schema/cases/case-contact.type";
import {
  actionReasons,
  availableActionsIn,
  BlockedContactAction,
  blockedActionsIn,
  type ActionReasons,
} from "../../schema/common/blocked-step.type";
import { ContactAction } from "../../schema/common/step-actions.enums";
import type { RequestContext } from "../../graphql/context";

// The permission each mutation on a contact needs (as its @Authorized says).
const PERMISSIONS: Record<ContactAction, Permission> = {
  [ContactAction.UPDATE]: Permission.CHANGE_CASES,
  [ContactAction.REMOVE]: Permission.CHANGE_CASES,
  [ContactAction.ERASE_CASE_DATA]: Permission.ERASE_PERSONAL_DATA,
};

@Resolver(() => CaseContact)
export class CaseContactResolver {
  @FieldResolver(() => [ContactAction], {
    description:
      "The steps you may take on this contact now: those its case allows (an open case, the details not erased, not the case's last VICTIM contact) and your role and region permit. Drive buttons from this.",
  })
  async availableActions(@Root() contact: CaseContact, @Ctx() context: RequestContext): Promise<ContactAction[]> {
    return availableActionsIn(await contactActions(contact, context));
  }

  @FieldResolver(() => [BlockedContactAction], {
    description:
      "The steps you cannot take on this contact now, each with every reason it is refused (the very userErrors its mutation would answer, plus FORBIDDEN). Every action is either here or in availableActions.",
  })
  async blockedActions(@Root() contact: CaseContact, @Ctx() context: RequestContext): Promise<BlockedContactAction[]> {
    return blockedActionsIn(await contactActions(contact, context), BlockedContactAction);
  }
}

async function contactActions(contact: CaseContact, context: RequestContext): Promise<ActionReasons<ContactAction>[]> {
  const [victimCase, contacts, holdsPersonalData] = await Promise.all([
    context.loaders.victimCase.load(contact.caseDatabaseId),
    context.loaders.contactsByCase.load(contact.caseDatabaseId),
    context.loaders.holdsPersonalData.load(contact.caseDatabaseId),
  ]);
  if (!victimCase) throw new GraphQLError("A contact's case is missing.");
  const facts = { victimCase, contact: { ...contact, id: contact.databaseId }, contacts, holdsPersonalData };
  return actionReasons(
    Object.values(ContactAction),
    (action) => contactStepRefusals(action as ContactStep, facts),
    (action) => context.access.refusalFor(PERMISSIONS[action], contact.scopeRegion),
  );
}
