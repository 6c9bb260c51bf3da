import type { EntityManager } from "typeorm";
import { initialTransition, transition } from "xstate";
import { CaseStatus } from "../../domain/cases/case.enums";
import { ParoleReviewStatus, StatementStatus } from "../../domain/parole/parole.enums";
import { statementDueOn } from "../../domain/parole/parole-deadlines";
import { TaskKind, TaskStatus } from "../../domain/work/task.enums";
import { taskMachine, type TaskEvent } from "../../machines/task.machine";
import type { CaseEvent } from "../../machines/machine-events";
import { FIRST_CONTACT_WORKING_DAYS } from "../../domain/work/deadline-rules";
import { addWorkingDays } from "../../domain/calendar/working-days";

// Tasks are rows written with the event or timer that raises them, and closed in the same
// transaction as the event that does their work or makes them moot (DESIGN §4 step 4). Every
// status comes from the task machine; callers hold the case's lock.

/** The status a task is raised in: the machine's initial state. */
export const RAISED_STATUS = initialTransition(taskMachine, { kind: TaskKind.FIRST_CONTACT })[0].value as TaskStatus;

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
  const [inserted] = (await manager.query(
    `INSERT INTO "task" ("case_id", "kind", "subject_id", "due_on", "status") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("case_id", "kind", "subject_id") WHERE ${TASK_NOT_CANCELLED} DO NOTHING RETURNING "id"`,
    [caseId, task.kind, task.subjectId, task.dueOn, RAISED_STATUS],
  )) as { id: string }[];
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
): Promise<number> {
  const byTarget = new Map<TaskStatus, TaskKind[]>();
  for (const kind of match.kinds ?? Object.values(TaskKind)) {
    const open = taskMachine.resolveState({ value: TaskStatus.OPEN, context: { kind } });
    if (!open.can(event)) continue;
    const target = transition(taskMachine, open, event)[0].value as TaskStatus;
    byTarget.set(target, [...(byTarget.get(target) ?? []), kind]);
  }
  let closed = 0;
  for (const [target, kinds] of byTarget) {
    const result = (await manager.query(
      `UPDATE "task" SET "status" = $1, "version" = "version" + 1, "closed_at" = now(), "closed_by" = $2, "closed_reason" = $3
        WHERE "status" = $4 AND "kind" = ANY($5) AND ($6::uuid IS NULL OR "case_id" = $6) AND ($7::uuid IS NULL OR "subject_id" = $7)`,
      [target, closure.actor, closure.reason, TaskStatus.OPEN, kinds, match.caseId ?? null, match.subjectId ?? null],
    )) as [unknown[], number];
    closed += result[1];
  }
  return closed;
}

// Coming of age gives the adult victim their own say: a parent or guardian opting out for them
// does not take away the officer's task to ask the victim themselves.
const SURVIVES_OPT_OUT: ReadonlySet<TaskKind> = new Set([TaskKind.CONTACT_VICTIM_DIRECTLY]);

/** What a case's own event does to its tasks, in the case pipeline's transaction. */
export async function tasksFollowCaseEvent(
  manager: EntityManager,
  caseId: string,
  event: CaseEvent,
  from: CaseStatus,
  to: CaseStatus,
  actor: string,
): Promise<void> {
  const closure = { actor, reason: event.type };
  if (to === CaseStatus.CLOSED && from !== CaseStatus.CLOSED) {
    await closeOpenTasks(manager, { caseId }, { type: "CANCEL" }, closure);
  } else if (event.type === "RECORD_OPT_OUT") {
    await closeOpenTasks(
      manager,
      { caseId, kinds: Object.values(TaskKind).filter((kind) => !SURVIVES_OPT_OUT.has(kind)) },
      { type: "CANCEL" },
      closure,
    );
  } else if (event.type === "SEND_INVITATION") {
    // The first invitation is the first contact; a second is the follow-up.
    const kind = from === CaseStatus.REFERRED ? TaskKind.FIRST_CONTACT : TaskKind.INVITATION_FOLLOW_UP;
    await closeOpenTasks(manager, { caseId, kinds: [kind] }, { type: "RESOLVE" }, closure);
  } else if (from === CaseStatus.INVITED && to !== CaseStatus.INVITED) {
    // A reply or the expiry leaves nothing to follow up.
    await closeOpenTasks(manager, { caseId, kinds: [TaskKind.INVITATION_FOLLOW_UP] }, { type: "CANCEL" }, closure);
  } else if (event.type === "RECORD_OPT_IN") {
    // From DECLINED or OPTED_OUT (a reply to the invitation is the branch above).
    await raiseStatementTasksAgain(manager, caseId);
  }
}

/**
 * A victim back in the scheme (opted out or declined, now opted in) whose statement is still
 * invited for a review not yet decided, with a hearing set, is owed the statement task again: the
 * one cancelled at the opt-out stays cancelled, with who cancelled it and why, and a new one is
 * raised, due 28 days before the hearing as it stands now (already overdue, if that day has
 * passed: the officer still sees it). An offender has at most one undecided review.
 */
async function raiseStatementTasksAgain(manager: EntityManager, caseId: string): Promise<void> {
  const invited = (await manager.query(
    `SELECT s."parole_review_id", r."target_hearing_date"::text AS "target_hearing_date"
       FROM "victim_personal_statement" s JOIN "parole_review" r ON r."id" = s."parole_review_id"
      WHERE s."case_id" = $1 AND s."status" = $2 AND r."target_hearing_date" IS NOT NULL AND r."status" = ANY($3)`,
    [caseId, StatementStatus.INVITED, [ParoleReviewStatus.REFERRED, ParoleReviewStatus.HEARING_SCHEDULED]],
  )) as { parole_review_id: string; target_hearing_date: string }[];
  for (const statement of invited) {
    await raiseTask(manager, caseId, {
      kind: TaskKind.PERSONAL_STATEMENT,
      subjectId: statement.parole_review_id,
      dueOn: statementDueOn(statement.target_hearing_date),
    });
  }
}
