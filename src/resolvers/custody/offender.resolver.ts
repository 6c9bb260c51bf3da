import { GraphQLError } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { listOffenders } from "../../services/cases/case-queries";
import { offenderNameWords } from "../../services/custody/offender-name-words";
import { badUserInput } from "../../domain/errors/client-error";
import { OffenderFilter } from "../../schema/custody/offender-filter.input";
import { decodeCursor, pageSize } from "../../services/paging/pagination";
import { fromGlobalId } from "../../domain/ids/global-id";
import { Offender, toOffender } from "../../schema/custody/offender.type";
import { PageArgs } from "../../schema/common/page.args";
import { Permission } from "../../domain/security/policy";
import { Sentence, toSentence } from "../../schema/sentences/sentence.type";
import { toVictimCase } from "../../schema/cases/victim-case.type";
import { OffenderConnection, toConnection, VictimCaseConnection } from "../../graphql/connections";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => Offender)
export class OffenderResolver {
  @Authorized(Permission.READ_OFFENDERS)
  @Query(() => Offender, { nullable: true, description: "One offender by global id; null when there is none." })
  async offender(
    @Arg("id", () => ID, { description: "Global id of the offender." }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Offender | null> {
    const offenderId = fromGlobalId(id, "Offender");
    const entity = offenderId ? await context.loaders.offender.load(offenderId) : null;
    return entity && toOffender(entity);
  }

  @Authorized(Permission.READ_OFFENDERS)
  @Query(() => OffenderConnection, { description: "Offenders, oldest first, optionally filtered." })
  async offenders(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => OffenderFilter, { nullable: true, description: "Conditions the offenders must meet." })
    filter: OffenderFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<OffenderConnection> {
    const nameWords = filter?.name == null ? null : offenderNameWords(filter.name);
    if (nameWords?.length === 0) throw badUserInput("name must contain letters or digits.", ["filter", "name"]);
    const criteria = {
      prisonNumber: filter?.prisonNumber?.trim().toUpperCase(),
      crn: filter?.crn?.trim().toUpperCase(),
      nameWords,
    };
    const result = await listOffenders(context.dataSource, criteria, page);
    for (const { row } of result.items) context.loaders.offender.prime(row.id, row);
    return toConnection(result, toOffender) as OffenderConnection;
  }

  @FieldResolver(() => Sentence, { description: "The sentence being served." })
  async sentence(@Root() offender: Offender, @Ctx() context: RequestContext): Promise<Sentence> {
    const sentence = await context.loaders.sentenceByOffender.load(offender.databaseId);
    if (!sentence) throw new GraphQLError("An offender's sentence is missing.");
    return toSentence(sentence);
  }

  @Authorized(Permission.READ_CASES)
  @FieldResolver(() => VictimCaseConnection, {
    description: "The victim cases about this offender that you may see, in reference order.",
  })
  async victimCases(
    @Root() offender: Offender,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<VictimCaseConnection> {
    const key = {
      parentId: offender.databaseId,
      first: pageSize(page.first),
      after: decodeCursor("VictimCase", page.after),
    };
    const result = await context.loaders.offenderCasesPage.load(key);
    return toConnection(result, toVictimCase) as VictimCaseConnection;
  }
}
