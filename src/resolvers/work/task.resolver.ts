import { GraphQLError } from "graphql";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { TaskKind } from "../../domain/work/task.enums";
import { availableTaskEvents, taskMachine } from "../../machines/task.machine";
import { Permission } from "../../domain/security/policy";
import { ParoleReview, toParoleReview } from "../../schema/parole/parole-review.type";
import { TaskAction } from "../../schema/common/step-actions.enums";
import { Task } from "../../schema/work/task.type";
import { toVictimCase, VictimCase } from "../../schema/cases/victim-case.type";
import type { RequestContext } from "../../graphql/context";

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => [TaskAction], {
    description:
      "The steps you may record now on an open task, if your role and region permit: COMPLETE (with a reason when needsReasonToComplete) and CANCEL (with a reason). Drive buttons from this.",
  })
  async availableActions(@Root() task: Task, @Ctx() context: RequestContext): Promise<TaskAction[]> {
    const victimCase = await context.loaders.victimCase.load(task.caseDatabaseId);
    if (!victimCase || !context.access.allows(Permission.CHANGE_CASES, victimCase.region)) return [];
    return availableTaskEvents(
      taskMachine.resolveState({ value: task.status, context: { kind: task.kind } }),
    ) as TaskAction[];
  }

  @FieldResolver(() => VictimCase, { description: "The case the task is on." })
  async victimCase(@Root() task: Task, @Ctx() context: RequestContext): Promise<VictimCase> {
    const entity = await context.loaders.victimCase.load(task.caseDatabaseId);
    if (!entity) throw new GraphQLError("A task's case is missing.");
    return toVictimCase(entity);
  }

  @FieldResolver(() => ParoleReview, {
    nullable: true,
    description: "The parole review, for a PERSONAL_STATEMENT task (null for other kinds).",
  })
  async paroleReview(@Root() task: Task, @Ctx() context: RequestContext): Promise<ParoleReview | null> {
    if (task.kind !== TaskKind.PERSONAL_STATEMENT) return null;
    const review = await context.loaders.paroleReview.load(task.subjectDatabaseId);
    if (!review) throw new GraphQLError("A task's parole review is missing.");
    return toParoleReview(review);
  }
}
