import type { EntityManager } from "typeorm";
import { ParoleReviewStatus, StatementStatus } from "../../domain/parole/parole.enums";
import { statementDueOn } from "../../domain/parole/parole-deadlines";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import type { TaskEvent } from "../../machines/task.machine";
import { applyEventToMatchingLater, insertRecords } from "../pipeline/apply-event";
import { NOW, SqlExpression } from "../pipeline/stateful-record";
import { TASK_RECORD } from "./task.record";
import { FIRST_CONTACT_WORKING_DAYS } from "../../domain/work/deadline-rules";
import { addWorkingDays } from "../../domain/calendar/working-days";
import { selectRows } from "../platform/sql";

// Tasks are rows written with the event or timer that raises them, and closed in the same
// transaction as the event that does their work or makes them moot (DESIGN §4 step 4). Every
// status comes from the task machine; callers hold the case's lock.

/**
 * Working days the officer has to reach a victim who has come of age: an assumption (the Policy
 * Framework's figure is not public), the same as for an ordinary notification.
 */
export const DIRECT_CONTACT_WORKING_DAYS = 5;

export function firstContactDueOn(referredOn: string): string {
  return addWorkingDays(referredOn, FIRST_CONTACT_WORKING_DAYS);
}

export interface NewTask {
  kind: TaskKind;
  /** Which occurrence: the case, the parole review or the victim's contact. */
  subjectId: string;
  dueOn: string;
}

/**
 * The predicate of the unique index on (case, kind, subject): one task per occurrence is open or
 * done, and a cancelled one does not stop the work being asked for afresh when it is needed again
 * (a victim back in the scheme). An ON CONFLICT on that index names it, as a literal.
 */
export const TASK_NOT_CANCELLED = `"status" <> '${TaskStatus.CANCELLED}'`;

/** Raises a task unless the same one (case, kind, subject) is open or done; the new id, or null. */
export async function raiseTask(manager: EntityManager, caseId: string, task: NewTask): Promise<string | null> {
  const [inserted] = await insertRecords(
    manager,
    TASK_RECORD,
    [
      {
        values: { case_id: caseId, kind: task.kind, subject_id: task.subjectId, due_on: task.dueOn },
        input: { kind: task.kind },
      },
    ],
    {
      onConflict: new SqlExpression(
        `ON CONFLICT ("case_id", "kind", "subject_id") WHERE ${TASK_NOT_CANCELLED} DO NOTHING`,
      ),
      returning: `"id"`,
    },
  );
  return inserted?.id ?? null;
}

export interface OpenTaskMatch {
  caseId?: string;
  subjectId?: string;
  kinds?: readonly TaskKind[];
}

/**
 * Applies RESOLVE or CANCEL to every open task that matches, in one statement: the machine gives
 * the target for each kind from OPEN, and the status predicate guarantees that is where they are.
 */
export async function closeOpenTasks(
  manager: EntityManager,
  match: OpenTaskMatch,
  event: Extract<TaskEvent, { type: "RESOLVE" | "CANCEL" }>,
  closure: { actor: string; reason: string },
): Promise<void> {
  await applyEventToMatchingLater(manager, TASK_RECORD, event, {
    from: [TaskStatus.OPEN],
    by: { column: "kind", values: match.kinds ?? Object.values(TaskKind) },
    contextOf: (_status, kind) => ({ kind }),
    where: new SqlExpression(`(?::uuid IS NULL OR "case_id" = ?) AND (?::uuid IS NULL OR "subject_id" = ?)`, [
      match.caseId ?? null,
      match.caseId ?? null,
      match.subjectId ?? null,
      match.subjectId ?? null,
    ]),
    columns: { closed_at: NOW, closed_by: closure.actor, closed_reason: closure.reason },
  });
}

/**
 * A victim back in the scheme (opted out or declined, now opted in) whose statement is still
 * invited for a review not yet decided, with a hearing set, is owed the statement task again: the
 * one cancelled at the opt-out stays cancelled, with who cancelled it and why, and a new one is
 * raised, due 28 days before the hearing as it stands now (already overdue, if that day has
 * passed: the officer still sees it). An offender has at most one undecided review.
 */
export async function raiseStatementTasksAgain(manager: EntityManager, caseId: string): Promise<void> {
  const invited = await selectRows<{ parole_review_id: string; target_hearing_date: string }>(
    manager,
    `SELECT s."parole_review_id", r."target_hearing_date"::text AS "target_hearing_date"
       FROM "victim_personal_statement" s JOIN "parole_review" r ON r."id" = s."parole_review_id"
      WHERE s."case_id" = $1 AND s."status" = $2 AND r."target_hearing_date" IS NOT NULL AND r."status" = ANY($3)`,
    [caseId, StatementStatus.INVITED, [ParoleReviewStatus.REFERRED, ParoleReviewStatus.HEARING_SCHEDULED]],
  );
  for (const statement of invited) {
    await raiseTask(manager, caseId, {
      kind: TaskKind.PERSONAL_STATEMENT,
      subjectId: statement.parole_review_id,
      dueOn: statementDueOn(statement.target_hearing_date),
    });
  }
}
