import { NotificationStatus } from "../../domain/notifications/notification.enums";
import { TaskStatus } from "../../domain/work/task.enums";
import { sqlList } from "../../entities/sql-list";

/** What still has to be done: notifications to send and calls to make, escalations to resolve. */
export const OPEN_NOTIFICATION_STATUSES: readonly NotificationStatus[] = [
  NotificationStatus.DUE,
  NotificationStatus.FAILED,
  NotificationStatus.ESCALATED,
];

/**
 * SQL for a case's next due date: the earliest due date of its open tasks and notifications (null
 * when nothing is open). The statuses are written out, not bound, so the planner can use the
 * partial indexes of open work.
 */
export function nextDueOnSql(caseId: string): string {
  return `(SELECT min(w."due_on") FROM (
     SELECT t."due_on" FROM "task" t WHERE t."case_id" = ${caseId} AND t."status" = '${TaskStatus.OPEN}'
     UNION ALL
     SELECT n."due_on" FROM "notification" n WHERE n."case_id" = ${caseId} AND n."status" IN (${sqlList(OPEN_NOTIFICATION_STATUSES)})
   ) w)`;
}

/**
 * SQL for "the ids of cases with open work due before (or on) the given bound", a set the planner
 * reads from the open-work indexes by due date (idx_task_open, idx_notification_open) and joins by
 * hash, rather than working out every case's next due date.
 */
export function casesWithOpenWorkDue(comparison: "<" | "<=", bound: string): string {
  return `(SELECT t."case_id" FROM "task" t WHERE t."status" = '${TaskStatus.OPEN}' AND t."due_on" ${comparison} ${bound}
     UNION
     SELECT n."case_id" FROM "notification" n WHERE n."status" IN (${sqlList(OPEN_NOTIFICATION_STATUSES)}) AND n."due_on" ${comparison} ${bound})`;
}
