import { GraphQLError } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { TaskKind } from "../domain/task.enums";
import { TaskEntity } from "../entities/task.entity";
import { availableTaskEvents, taskMachine } from "../machines/task.machine";
import { today } from "../services/case-transition.service";
import { executeTaskEvent } from "../services/case-commands";
import { Permission } from "../services/policy";
import { CompleteTaskInput } from "../schema/inputs/complete-task.input";
import { ParoleReview, toParoleReview } from "../schema/parole-review.type";
import { TaskAction } from "../schema/step-actions.enums";
import { CompleteTaskPayload, type TaskPayloadShape } from "../schema/task-payloads";
import { Task, toTask } from "../schema/task.type";
import { toVictimCase, VictimCase } from "../schema/victim-case.type";
import { commandMeta } from "./command-meta";
import type { RequestContext } from "./context";
import { toCasePayload } from "./payload-builders";

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => [TaskAction], { description: "The steps you may record now: COMPLETE on an open task only you can close, if your role and region permit. Drive buttons from this." })
  async availableActions(@Root() task: Task, @Ctx() context: RequestContext): Promise<TaskAction[]> {
    const victimCase = await context.loaders.victimCase.load(task.caseDatabaseId);
    if (!victimCase || !context.access.allows(Permission.CHANGE_CASES, victimCase.region)) return [];
    return availableTaskEvents(taskMachine.resolveState({ value: task.status, context: { kind: task.kind } })) as TaskAction[];
  }

  @FieldResolver(() => VictimCase, { description: "The case the task is on." })
  async victimCase(@Root() task: Task, @Ctx() context: RequestContext): Promise<VictimCase> {
    const entity = await context.loaders.victimCase.load(task.caseDatabaseId);
    if (!entity) throw new GraphQLError("A task's case is missing.");
    return toVictimCase(entity);
  }

  @FieldResolver(() => ParoleReview, { nullable: true, description: "The parole review, for a PERSONAL_STATEMENT task (null for other kinds)." })
  async paroleReview(@Root() task: Task, @Ctx() context: RequestContext): Promise<ParoleReview | null> {
    if (task.kind !== TaskKind.PERSONAL_STATEMENT) return null;
    const review = await context.loaders.paroleReview.load(task.subjectDatabaseId);
    if (!review) throw new GraphQLError("A task's parole review is missing.");
    return toParoleReview(review);
  }
}

@Resolver(() => VictimCase)
export class CaseTaskResolver {
  @FieldResolver(() => [Task], { description: "The officer's tasks on the case, open and closed, oldest due first." })
  async tasks(@Root() victimCase: VictimCase, @Ctx() context: RequestContext): Promise<Task[]> {
    const on = today();
    return (await context.loaders.tasksByCase.load(victimCase.databaseId)).map((row) => toTask(row, on));
  }
}

@Resolver()
export class TaskMutationResolver {
  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => CompleteTaskPayload, {
    description:
      "Record that you have done a task only you can close (CONTACT_VICTIM_DIRECTLY: OPEN → DONE), written to the case's history. Other kinds close with their own step (TRANSITION_NOT_ALLOWED); a task already done answers ALREADY_RECORDED, a cancelled one TRANSITION_NOT_ALLOWED.",
  })
  async completeTask(@Arg("input", () => CompleteTaskInput, { description: "The task." }) input: CompleteTaskInput, @Ctx() context: RequestContext): Promise<TaskPayloadShape> {
    const result = await executeTaskEvent(context.dataSource, input.taskId, { type: "COMPLETE" }, commandMeta("completeTask", input, context));
    const payload = await toCasePayload(result, context);
    if (!result.ok || !payload.victimCase) return { ...payload, task: null };
    const task = await context.dataSource.manager.findOneByOrFail(TaskEntity, { id: result.value.taskId });
    context.loaders.tasksByCase.clear(task.caseId);
    return { ...payload, task: toTask(task, today()) };
  }
}
