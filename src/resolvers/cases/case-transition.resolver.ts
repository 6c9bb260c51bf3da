import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { Permission } from "../../domain/security/policy";
import { decryptField } from "../../entities/field-encryption.transformer";
import { CaseTransition } from "../../schema/cases/case-transition.type";
import type { RequestContext } from "../../graphql/context";
import { recordPersonalFieldRead } from "../../graphql/personal-data-read";

@Resolver(() => CaseTransition)
export class CaseTransitionResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The officer's own words given with this event: why a task was completed by hand or cancelled (TASK_COMPLETED, TASK_CANCELLED), or why a referral is not a duplicate (REFERRED). Null when none was given. Personal data: null with FORBIDDEN for roles that may not read it in the case's region, every read is logged, and it is erased with the contacts' details.",
  })
  async note(
    @Root() transition: CaseTransition,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    const found = await context.loaders.transitionNote.load(transition.databaseId);
    // A row outside the caller's reach never got this far: its case was out of scope.
    if (!found) return null;
    context.access.requireFor(Permission.READ_PERSONAL_DATA, found.region);
    if (found.sealed === null) return null;
    await recordPersonalFieldRead(context, info, found.caseId, "caseTransition.note");
    return decryptField(found.sealed);
  }
}
