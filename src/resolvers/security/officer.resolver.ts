import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { OfficerEntity } from "../../entities/security/officer.entity";
import { executeCreateOfficer } from "../../services/cases/case-commands";
import { Permission } from "../../domain/security/policy";
import { CreateOfficerInput } from "../../schema/security/create-officer.input";
import { toOfficer } from "../../schema/security/officer.type";
import { PageArgs } from "../../schema/common/page.args";
import { CreateOfficerPayload } from "../../schema/cases/payloads";
import { toUserError } from "../../schema/common/user-error.type";
import { Viewer } from "../../schema/security/viewer.type";
import { listOfficers } from "../../services/cases/case-queries";
import { Region } from "../../domain/security/region.enum";
import { forbidden } from "../../domain/errors/client-error";
import type { AccessControl, CaseScope } from "../../services/security/access-control";
import { OfficerConnection, toConnection } from "../../graphql/connections";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";

@Resolver()
export class OfficerResolver {
  @Query(() => Viewer, { description: "Who you are: your name, roles and officer record." })
  viewer(@Ctx() context: RequestContext): Viewer {
    return {
      actor: context.actor,
      roles: [...context.access.roles],
      officer: context.access.officer && toOfficer(context.access.officer),
    };
  }

  @Query(() => OfficerConnection, {
    description:
      "Registered officers, by user name: every region's for administrators (MANAGE_OFFICERS), your own region's for managers (ASSIGN_CASES), to pick whom to assign a case to.",
  })
  async officers(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("region", () => Region, { nullable: true, description: "Only the officers of this region." })
    region: Region | null,
    @Ctx() context: RequestContext,
  ): Promise<OfficerConnection> {
    const scope = officerListScope(context.access);
    return toConnection(await listOfficers(context.dataSource, scope, region, page), toOfficer) as OfficerConnection;
  }

  @Authorized(Permission.MANAGE_OFFICERS)
  @Mutation(() => CreateOfficerPayload, {
    description: "Register a member of staff, with the region whose cases they work on (administrators).",
  })
  async createOfficer(
    @Arg("input", () => CreateOfficerInput, { description: "The officer." }) input: CreateOfficerInput,
    @Ctx() context: RequestContext,
  ): Promise<CreateOfficerPayload> {
    const result = await executeCreateOfficer(
      context.dataSource,
      { username: input.username, name: input.name, region: input.region, team: input.team },
      commandMeta("createOfficer", input, context),
    );
    if (!result.ok) return { officer: null, userErrors: [toUserError(result.error)] };
    const officer = await context.dataSource.manager.findOneByOrFail(OfficerEntity, { id: result.value.officerId });
    return { officer: toOfficer(officer), userErrors: [] };
  }
}

// Administrators see every officer; a manager, the officers they may assign their region's cases to.
function officerListScope(access: AccessControl): CaseScope {
  if (access.has(Permission.MANAGE_OFFICERS)) return access.scope(Permission.MANAGE_OFFICERS);
  const assign = access.scope(Permission.ASSIGN_CASES);
  if (assign.kind !== "NONE") return assign;
  const refusal =
    access.refusalFor(Permission.ASSIGN_CASES, undefined) ??
    `This needs ${Permission.MANAGE_OFFICERS} or ${Permission.ASSIGN_CASES}.`;
  // ASSIGN_CASES's refusal names its own mismatched roles; add those that would grant MANAGE_OFFICERS.
  const notes = access.mismatchNotes([Permission.MANAGE_OFFICERS]).filter((note) => !refusal.includes(note));
  throw forbidden([refusal, ...notes].join(" "));
}
