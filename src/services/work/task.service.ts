import type { EntityManager } from "typeorm";
import { transition } from "xstate";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { TaskEntity } from "../../entities/work/task.entity";
import { explainTaskRefusal, taskMachine, type TaskEvent } from "../../machines/task.machine";
import type { CaseScope } from "../security/access-control";
import { appendCaseNote, lockCaseOfRecord } from "../cases/case-transition.service";

// The step that closes each kind the officer does not close by hand, for the refusal's message.
const CLOSED_BY_STEP: Record<TaskKind, string | null> = {
  [TaskKind.FIRST_CONTACT]: "sending the first invitation (sendInvitation)",
  [TaskKind.INVITATION_FOLLOW_UP]: "sending the follow-up invitation (sendInvitation), or the victim's reply",
  [TaskKind.PERSONAL_STATEMENT]: "sending the statement to the Board (submitVictimPersonalStatement)",
  [TaskKind.CONTACT_VICTIM_DIRECTLY]: null,
};

const NOTE: Record<TaskEvent["type"], string> = {
  COMPLETE: "TASK_COMPLETED",
  RESOLVE: "TASK_RESOLVED",
  CANCEL: "TASK_CANCELLED",
};

export interface AppliedTaskEvent {
  caseId: string;
  transitionId: string;
  taskId: string;
}

function refusal(task: TaskEntity, code: "TRANSITION_NOT_ALLOWED" | "ALREADY_RECORDED"): DomainError {
  const field = ["input", "taskId"];
  if (code === "ALREADY_RECORDED")
    return new DomainError(UserErrorCode.ALREADY_RECORDED, "The task is already done.", field);
  if (task.status === TaskStatus.CANCELLED)
    return new DomainError(
      UserErrorCode.TRANSITION_NOT_ALLOWED,
      "The task was cancelled: it is no longer needed.",
      field,
    );
  return new DomainError(
    UserErrorCode.TRANSITION_NOT_ALLOWED,
    `This task closes itself on ${CLOSED_BY_STEP[task.kind] ?? "its own step"}.`,
    field,
  );
}

// The one path that changes one task's status at the officer's hand (DESIGN §4); the case's
// history records it, and the case's version moves on with it.
export async function applyTaskEvent(
  manager: EntityManager,
  taskId: string,
  event: TaskEvent,
  options: { actor: string; scope: CaseScope; expectedVersion?: number | null },
): Promise<AppliedTaskEvent> {
  const [found] = (await manager.query(`SELECT "case_id" FROM "task" WHERE "id" = $1`, [taskId])) as {
    case_id: string;
  }[];
  // Case, then task: the order every path locks them in.
  const victimCase = await lockCaseOfRecord(manager, found?.case_id, options.scope, ["input", "taskId"], "task");
  const task = await manager.findOneOrFail(TaskEntity, { where: { id: taskId }, lock: { mode: "pessimistic_write" } });
  requireCurrentVersion(options.expectedVersion, task.version, "task");
  const snapshot = taskMachine.resolveState({ value: task.status, context: { kind: task.kind } });
  const code = explainTaskRefusal(snapshot, event);
  if (code) throw refusal(task, code);
  const [next] = transition(taskMachine, snapshot, event);
  await manager.query(
    `UPDATE "task" SET "status" = $3, "version" = "version" + 1, "closed_at" = now(), "closed_by" = $4, "closed_reason" = $5 WHERE "id" = $1 AND "version" = $2`,
    [task.id, task.version, next.value, options.actor, event.type === "COMPLETE" ? "COMPLETED" : event.type],
  );
  const transitionId = await appendCaseNote(manager, victimCase, {
    event: NOTE[event.type],
    actor: options.actor,
    reason: null,
    payload: { taskId: task.id, kind: task.kind, status: next.value },
  });
  return { caseId: victimCase.id, transitionId, taskId: task.id };
}
