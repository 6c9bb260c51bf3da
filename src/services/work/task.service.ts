import type { EntityManager } from "typeorm";
import { TaskEntity } from "../../entities/work/task.entity";
import type { TaskEvent } from "../../machines/task.machine";
import { applyEvent } from "../pipeline/apply-event";
import { NOW } from "../pipeline/stateful-record";
import { TASK_RECORD } from "./task.record";
import type { CaseScope } from "../security/access-control";
import { appendCaseNote, lockCaseOfRecord } from "../cases/case-transition.service";
import { selectRows } from "../platform/sql";

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

// A task changed at the officer's hand: the case's history records it, and the case's version
// moves on with it.
export async function applyTaskEvent(
  manager: EntityManager,
  taskId: string,
  event: TaskEvent,
  options: { actor: string; scope: CaseScope; expectedVersion?: number | null },
): Promise<AppliedTaskEvent> {
  const [found] = await selectRows<{ case_id: string }>(manager, `SELECT "case_id" FROM "task" WHERE "id" = $1`, [
    taskId,
  ]);
  // Case, then task: the order every path locks them in.
  const victimCase = await lockCaseOfRecord(manager, found?.case_id, options.scope, ["input", "taskId"], "task");
  const task = await manager.findOneOrFail(TaskEntity, { where: { id: taskId }, lock: { mode: "pessimistic_write" } });
  const applied = await applyEvent(manager, TASK_RECORD, task, event, {
    expectedVersion: options.expectedVersion,
    columns: {
      closed_at: NOW,
      closed_by: options.actor,
      closed_reason: event.type === "COMPLETE" ? "COMPLETED" : event.type,
    },
  });
  const transitionId = await appendCaseNote(manager, victimCase, {
    event: NOTE[event.type],
    actor: options.actor,
    reason: null,
    // The officer's own words: personal data, sealed beside the history row.
    note: event.type === "RESOLVE" ? null : event.reason,
    payload: { taskId: task.id, kind: task.kind, status: applied.to },
  });
  return { caseId: victimCase.id, transitionId, taskId: task.id };
}
