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

  @Authorized(Permission.MANAGE_OFFICERS)
  @Query(() => OfficerConnection, { description: "Registered officers, by user name (administrators)." })
  async officers(@Args(() => PageArgs) page: PageArgs, @Ctx() context: RequestContext): Promise<OfficerConnection> {
    return toConnection(await listOfficers(context.dataSource, page), toOfficer) as OfficerConnection;
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
