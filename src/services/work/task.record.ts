import { DomainError } from "../../domain/errors/domain-error";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import type { TaskEntity } from "../../entities/work/task.entity";
import { explainTaskRefusal, taskMachine, type TaskEvent } from "../../machines/task.machine";
import type { StatefulRecord } from "../pipeline/stateful-record";

// The step that closes each kind the officer does not close by hand, for the refusal's message.
const CLOSED_BY_STEP: Record<TaskKind, string | null> = {
  [TaskKind.FIRST_CONTACT]: "sending the first invitation (sendInvitation)",
  [TaskKind.INVITATION_FOLLOW_UP]: "sending the follow-up invitation (sendInvitation), or the victim's reply",
  [TaskKind.PERSONAL_STATEMENT]: "sending the statement to the Board (submitVictimPersonalStatement)",
  [TaskKind.CONTACT_VICTIM_DIRECTLY]: null,
  [TaskKind.SEEK_VICTIM_VIEWS]: null,
};

type StoredTask = Pick<TaskEntity, "id" | "version" | "status" | "kind">;

/** An officer's task (DESIGN §4): OPEN until its own step does its work, the officer completes it, or it is moot. */
export const TASK_RECORD: StatefulRecord<StoredTask, TaskEvent> = {
  noun: "task",
  table: "task",
  statusColumn: "status",
  machine: taskMachine,
  updatedAt: false,
  stateOf: (task) => ({ value: task.status, context: { kind: task.kind } }),
  explain: (snapshot, event) => explainTaskRefusal(snapshot, event),
  refuse(task, code) {
    const field = ["input", "taskId"];
    if (code === "ALREADY_RECORDED")
      return new DomainError(UserErrorCode.ALREADY_RECORDED, "The task is already done.", field);
    if (code === "INVALID_INPUT")
      return new DomainError(
        UserErrorCode.INVALID_INPUT,
        `This task closes itself on ${CLOSED_BY_STEP[task.kind] ?? "its own step"}; to complete it by hand, say why in reason.`,
        ["input", "reason"],
      );
    if (task.status === TaskStatus.CANCELLED) {
      return new DomainError(
        UserErrorCode.TRANSITION_NOT_ALLOWED,
        "The task was cancelled: it is no longer needed.",
        field,
      );
    }
    return new DomainError(UserErrorCode.TRANSITION_NOT_ALLOWED, `The task is ${task.status}: it is closed.`, field);
  },
};
