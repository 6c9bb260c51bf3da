import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { TaskEntity } from "../../entities/work/task.entity";
import { today } from "../../domain/calendar/london-date";
import { executeTaskEvent } from "../../services/cases/case-commands";
import { Permission } from "../../domain/security/policy";
import type { TaskEvent } from "../../machines/task.machine";
import { CancelTaskInput, CompleteTaskInput } from "../../schema/work/complete-task.input";
import { CancelTaskPayload, CompleteTaskPayload, type TaskPayloadShape } from "../../schema/work/task-payloads";
import { toTask } from "../../schema/work/task.type";
import { commandMeta } from "../../graphql/command-meta";
import type { RequestContext } from "../../graphql/context";
import { toCasePayload } from "../../graphql/payload-builders";

@Resolver()
export class TaskMutationResolver {
  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => CompleteTaskPayload, {
    description:
      "Record that you have done a task (OPEN → DONE), written to the case's history. A task its own step closes (FIRST_CONTACT, INVITATION_FOLLOW_UP, PERSONAL_STATEMENT) needs a reason (INVALID_INPUT at input.reason without one); a task already done answers ALREADY_RECORDED, a cancelled one TRANSITION_NOT_ALLOWED.",
  })
  async completeTask(
    @Arg("input", () => CompleteTaskInput, { description: "The task." }) input: CompleteTaskInput,
    @Ctx() context: RequestContext,
  ): Promise<TaskPayloadShape> {
    return stepTask("completeTask", input, { type: "COMPLETE", reason: input.reason ?? undefined }, context);
  }

  @Authorized(Permission.CHANGE_CASES)
  @Mutation(() => CancelTaskPayload, {
    description:
      "Cancel an open task that is no longer needed (OPEN → CANCELLED), with a reason written to the case's history. A closed task answers TRANSITION_NOT_ALLOWED.",
  })
  async cancelTask(
    @Arg("input", () => CancelTaskInput, { description: "The task and why." }) input: CancelTaskInput,
    @Ctx() context: RequestContext,
  ): Promise<TaskPayloadShape> {
    return stepTask("cancelTask", input, { type: "CANCEL", reason: input.reason }, context);
  }
}

async function stepTask(
  operation: string,
  input: CompleteTaskInput | CancelTaskInput,
  event: TaskEvent,
  context: RequestContext,
): Promise<TaskPayloadShape> {
  const result = await executeTaskEvent(
    context.dataSource,
    input.taskId,
    event,
    commandMeta(operation, input, context),
  );
  const payload = await toCasePayload(result, context);
  if (!result.ok || !payload.victimCase) return { ...payload, task: null };
  const task = await context.dataSource.manager.findOneByOrFail(TaskEntity, { id: result.value.taskId });
  context.loaders.tasksByCase.clear(task.caseId);
  return { ...payload, task: toTask(task, today()) };
}
