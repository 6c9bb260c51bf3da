import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { toVictimCase, VictimCase } from "../../schema/cases/victim-case.type";
import { WorkQueueChange } from "../../schema/work/work-queue-change.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => WorkQueueChange)
export class WorkQueueChangeResolver {
  @FieldResolver(() => VictimCase, {
    nullable: true,
    description: "The case whose work changed; null on a resync, or when the case has just moved out of your regions.",
  })
  async victimCase(@Root() change: WorkQueueChange, @Ctx() context: RequestContext): Promise<VictimCase | null> {
    const entity = change.caseDatabaseId ? await context.loaders.victimCase.load(change.caseDatabaseId) : null;
    return entity && toVictimCase(entity);
  }
}
