import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { TaskEntity } from "../../entities/work/task.entity";
import { today } from "../../domain/calendar/london-date";
import { executeTaskEvent } from "../../services/cases/case-commands";
import { Permission } from "../../domain/security/policy";
import { CompleteTaskInput } from "../../schema/work/complete-task.input";
import { CompleteTaskPayload, type TaskPayloadShape } from "../../schema/work/task-payloads";
import { toTask } from "../../schema/work/task.type";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { toCasePayload } from "../../graphql/payload-builders";

@Resolver()
export class TaskMutationResolver {
  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => CompleteTaskPayload, {
    description:
      "Record that you have done a task only you can close (CONTACT_VICTIM_DIRECTLY: OPEN → DONE), written to the case's history. Other kinds close with their own step (TRANSITION_NOT_ALLOWED); a task already done answers ALREADY_RECORDED, a cancelled one TRANSITION_NOT_ALLOWED.",
  })
  async completeTask(
    @Arg("input", () => CompleteTaskInput, { description: "The task." }) input: CompleteTaskInput,
    @Ctx() context: RequestContext,
  ): Promise<TaskPayloadShape> {
    const result = await executeTaskEvent(
      context.dataSource,
      input.taskId,
      { type: "COMPLETE" },
      commandMeta("completeTask", input, context),
    );
    const payload = await toCasePayload(result, context);
    if (!result.ok || !payload.victimCase) return { ...payload, task: null };
    const task = await context.dataSource.manager.findOneByOrFail(TaskEntity, { id: result.value.taskId });
    context.loaders.tasksByCase.clear(task.caseId);
    return { ...payload, task: toTask(task, today()) };
  }
}
