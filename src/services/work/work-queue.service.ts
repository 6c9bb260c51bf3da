import { In, type DataSource } from "typeorm";
import type { NotificationKind } from "../../domain/notifications/notification.enums";
import { TaskStatus, type TaskKind } from "../../domain/work/task.enums";
import { NotificationEntity } from "../../entities/notifications/notification.entity";
import { TaskEntity } from "../../entities/work/task.entity";
import { scopeCondition, type CaseScope } from "../security/access-control";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../paging/pagination";
import { selectRows } from "../platform/sql";
import { OPEN_NOTIFICATION_STATUSES } from "./open-work";

export interface WorkQueueCriteria {
  scope: CaseScope;
  /** Only the cases of this officer. */
  officerId?: string | null;
  /** Only notifications of these kinds (and no tasks unless taskKinds is given too). */
  kinds?: NotificationKind[] | null;
  /** Only tasks of these kinds (and no notifications unless kinds is given too). */
  taskKinds?: TaskKind[] | null;
  /** Only what is past its due date on this day. */
  overdueOn?: string | null;
  /** Only what is due on or before this day (overdue included). */
  dueBy?: string | null;
}

/** One item of the queue: a notification or a task. */
export type WorkQueueRow =
  | { notification: NotificationEntity; task?: undefined }
  | { task: TaskEntity; notification?: undefined };

// Notifications and tasks in one keyset order (oldest due first, then id), so a page boundary is
// stable while items of either are added. A page costs four statements whatever its size: the
// count, the page of ids, then the notifications and the tasks on it.
export async function listWorkQueue(
  dataSource: DataSource,
  criteria: WorkQueueCriteria,
  page: PageRequest,
): Promise<Page<WorkQueueRow>> {
  const limit = pageSize(page.first);
  const after = decodeCursor("WorkItem", page.after);
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const inScope = scopeCondition(criteria.scope, `c."region"`, values.length + 1);
  values.push(...inScope.values);
  const caseConditions = [inScope.sql];
  if (criteria.officerId !== undefined && criteria.officerId !== null)
    caseConditions.push(`c."officer_id" = ${bind(criteria.officerId)}`);
  if (criteria.overdueOn) caseConditions.push(`x."due_on" < ${bind(criteria.overdueOn)}`);
  if (criteria.dueBy) caseConditions.push(`x."due_on" <= ${bind(criteria.dueBy)}`);

  const filtered = Boolean(criteria.kinds?.length || criteria.taskKinds?.length);
  const parts: string[] = [];
  if (!filtered || criteria.kinds?.length) {
    const conditions = [...caseConditions, `x."status" = ANY(${bind(OPEN_NOTIFICATION_STATUSES)})`];
    if (criteria.kinds?.length) conditions.push(`x."kind" = ANY(${bind(criteria.kinds)})`);
    parts.push(
      `SELECT 'N' AS "source", x."id", x."due_on" FROM "notification" x JOIN "victim_case" c ON c."id" = x."case_id" WHERE ${conditions.join(" AND ")}`,
    );
  }
  if (!filtered || criteria.taskKinds?.length) {
    const conditions = [...caseConditions, `x."status" = ${bind(TaskStatus.OPEN)}`];
    if (criteria.taskKinds?.length) conditions.push(`x."kind" = ANY(${bind(criteria.taskKinds)})`);
    parts.push(
      `SELECT 'T' AS "source", x."id", x."due_on" FROM "task" x JOIN "victim_case" c ON c."id" = x."case_id" WHERE ${conditions.join(" AND ")}`,
    );
  }
  const union = parts.join(" UNION ALL ");

  const [{ count }] = await selectRows<{ count: number }>(
    dataSource,
    `SELECT count(*)::int AS "count" FROM (${union}) q`,
    values,
  );
  const pageValues = [...values];
  let position = "";
  if (after) {
    const [dueOn, id] = after.split("|");
    pageValues.push(dueOn, id);
    position = `WHERE (q."due_on", q."id") > ($${pageValues.length - 1}::date, $${pageValues.length}::uuid)`;
  }
  pageValues.push(limit + 1);
  const ids = await selectRows<{ source: "N" | "T"; id: string }>(
    dataSource,
    `SELECT q."source", q."id" FROM (${union}) q ${position} ORDER BY q."due_on", q."id" LIMIT $${pageValues.length}`,
    pageValues,
  );

  const idsOf = (source: "N" | "T") => ids.filter((row) => row.source === source).map((row) => row.id);
  const [notifications, tasks] = await Promise.all([
    idsOf("N").length ? dataSource.manager.findBy(NotificationEntity, { id: In(idsOf("N")) }) : [],
    idsOf("T").length ? dataSource.manager.findBy(TaskEntity, { id: In(idsOf("T")) }) : [],
  ]);
  const notificationById = new Map(notifications.map((row) => [row.id, row]));
  const taskById = new Map(tasks.map((row) => [row.id, row]));
  // Rows go only with their case: one deleted between the two reads is left out.
  const rows: WorkQueueRow[] = ids.flatMap((row): WorkQueueRow[] => {
    if (row.source === "N")
      return notificationById.has(row.id) ? [{ notification: notificationById.get(row.id)! }] : [];
    return taskById.has(row.id) ? [{ task: taskById.get(row.id)! }] : [];
  });
  const dueOnOf = (row: WorkQueueRow) => (row.notification ?? row.task).dueOn;
  const idOf = (row: WorkQueueRow) => (row.notification ?? row.task).id;
  return toPage(rows, limit, (row) => encodeCursor("WorkItem", `${dueOnOf(row)}|${idOf(row)}`), count, after !== null);
}
