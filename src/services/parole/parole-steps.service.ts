import type { EntityManager } from "typeorm";
import { CaseStatus, isInScheme } from "../../domain/cases/case.enums";
import { DomainError, requireCurrentVersion } from "../../domain/errors/domain-error";
import type { HearingType, StatementFormat } from "../../domain/parole/parole.enums";
import { ParoleRequestKind, StatementStatus } from "../../domain/parole/parole.enums";
import { statementDueOn } from "../../domain/parole/parole-deadlines";
import { TaskKind } from "../../domain/work/task.enums";
import { UserErrorCode } from "../../domain/errors/user-error-code.enum";
import type { ParoleReviewEntity } from "../../entities/parole/parole-review.entity";
import type { VictimCaseEntity } from "../../entities/cases/victim-case.entity";
import type { CaseScope } from "../security/access-control";
import { appendCaseNote, lockCase, openCaseIdsOf, type AppliedTransition } from "../cases/case-transition.service";
import { today } from "../../domain/calendar/london-date";
import { encryptField } from "../../entities/field-encryption.transformer";
import { applyParoleReviewEvent, lockParoleReview, requireParoleStep } from "./parole-review.service";
import { closeOpenTasks, raiseTask, TASK_NOT_CANCELLED } from "../work/task-outbox";
import { TASK_RECORD } from "../work/task.record";
import { insertRecords, insertSelected } from "../pipeline/apply-event";
import { PERSONAL_STATEMENT_RECORD } from "./personal-statement.record";
import { alreadyRequestedRefusal, notInSchemeRefusal, PAROLE_REQUEST_STEPS } from "./parole-step-actions";
import { SqlExpression } from "../pipeline/stateful-record";
import { selectRows } from "../platform/sql";

export interface CaseStepOptions {
  actor: string;
  scope: CaseScope;
  expectedVersion?: number | null;
}

export type AppliedParoleStep = AppliedTransition & { recordId: string };

/**
 * Locks the case and the review it names and checks they belong together. Only a victim in the
 * scheme takes parole steps: the VLO is how they reach the Board.
 */
async function lockCaseAndReview(
  manager: EntityManager,
  caseId: string,
  reviewId: string,
  options: CaseStepOptions,
): Promise<{ victimCase: VictimCaseEntity; review: ParoleReviewEntity }> {
  // Review before case: the order the custody pipeline and hearing scheduling take their locks in.
  const review = await lockParoleReview(manager, reviewId);
  const victimCase = await lockCase(manager, caseId, options.scope);
  requireCurrentVersion(options.expectedVersion, victimCase.version, "case");
  if (review.offenderId !== victimCase.offenderId)
    throw new DomainError(UserErrorCode.NOT_FOUND, "This parole review is not of the case's offender.", [
      "input",
      "paroleReviewId",
    ]);
  const outside = notInSchemeRefusal(victimCase.status);
  if (outside) throw outside;
  return { victimCase, review };
}

async function noteOnCase(
  manager: EntityManager,
  victimCase: VictimCaseEntity,
  event: string,
  actor: string,
  payload: Record<string, unknown>,
  recordId: string,
): Promise<AppliedParoleStep> {
  const transitionId = await appendCaseNote(manager, victimCase, { event, actor, reason: null, payload });
  return { caseId: victimCase.id, transitionId, recordId };
}

export async function inviteVictimPersonalStatement(
  manager: EntityManager,
  caseId: string,
  reviewId: string,
  options: CaseStepOptions,
): Promise<AppliedParoleStep> {
  const { victimCase, review } = await lockCaseAndReview(manager, caseId, reviewId, options);
  const on = today();
  requireParoleStep(review, { type: "INVITE_STATEMENT", on });
  const invite = { type: "INVITE" } as const;
  const [created] = await insertRecords(
    manager,
    PERSONAL_STATEMENT_RECORD,
    [{ values: { parole_review_id: review.id, case_id: victimCase.id, invited_on: on } }],
    {
      event: invite,
      onConflict: new SqlExpression(`ON CONFLICT ("parole_review_id", "case_id") DO NOTHING`),
      returning: `"id"`,
    },
  );
  // The row already there was invited or sent: the machine records either as already done.
  if (!created)
    throw PERSONAL_STATEMENT_RECORD.refuse({ id: "", status: StatementStatus.INVITED }, "ALREADY_RECORDED", invite);
  // Without a hearing date there is no deadline yet: the task comes when the hearing is set.
  if (review.targetHearingDate)
    await raiseTask(manager, victimCase.id, {
      kind: TaskKind.PERSONAL_STATEMENT,
      subjectId: review.id,
      dueOn: statementDueOn(review.targetHearingDate),
    });
  return noteOnCase(
    manager,
    victimCase,
    "PERSONAL_STATEMENT_INVITED",
    options.actor,
    { paroleReviewId: review.id },
    created.id,
  );
}

export async function submitVictimPersonalStatement(
  manager: EntityManager,
  caseId: string,
  reviewId: string,
  statement: { format: StatementFormat; text: string },
  options: CaseStepOptions,
): Promise<AppliedParoleStep> {
  const { victimCase, review } = await lockCaseAndReview(manager, caseId, reviewId, options);
  const on = today();
  requireParoleStep(review, { type: "SUBMIT_STATEMENT", on });
  // A statement goes to the Board once; an invitation is not needed first (the victim may offer one).
  const submit = { type: "SUBMIT" } as const;
  const [saved] = await insertRecords(
    manager,
    PERSONAL_STATEMENT_RECORD,
    [
      {
        values: {
          parole_review_id: review.id,
          case_id: victimCase.id,
          submitted_on: on,
          format: statement.format,
          text: encryptField(statement.text),
        },
      },
    ],
    {
      event: submit,
      upsert: { conflict: ["parole_review_id", "case_id"], columns: ["submitted_on", "format", "text"] },
      returning: `"id"`,
    },
  );
  // Only a row the machine does not take SUBMIT from is left alone: one already sent.
  if (!saved)
    throw PERSONAL_STATEMENT_RECORD.refuse({ id: "", status: StatementStatus.SUBMITTED }, "ALREADY_RECORDED", submit);
  await closeOpenTasks(
    manager,
    { caseId: victimCase.id, subjectId: review.id, kinds: [TaskKind.PERSONAL_STATEMENT] },
    { type: "RESOLVE" },
    { actor: options.actor, reason: "PERSONAL_STATEMENT_SUBMITTED" },
  );
  return noteOnCase(
    manager,
    victimCase,
    "PERSONAL_STATEMENT_SUBMITTED",
    options.actor,
    { paroleReviewId: review.id, format: statement.format },
    saved.id,
  );
}

/** Records what the victim asked for (observe, public hearing, reconsideration, summary), inside its window. */
export async function recordParoleRequest(
  manager: EntityManager,
  caseId: string,
  reviewId: string,
  kind: ParoleRequestKind,
  options: CaseStepOptions,
): Promise<AppliedParoleStep> {
  const { victimCase, review } = await lockCaseAndReview(manager, caseId, reviewId, options);
  const on = today();
  requireParoleStep(review, { type: PAROLE_REQUEST_STEPS[kind], on });
  const [created] = await selectRows<{ id: string }>(
    manager,
    `INSERT INTO "parole_request" ("parole_review_id", "case_id", "kind", "requested_on", "actor") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("parole_review_id", "case_id", "kind") DO NOTHING RETURNING "id"`,
    [review.id, victimCase.id, kind, on, options.actor],
  );
  if (!created) throw alreadyRequestedRefusal();
  return noteOnCase(manager, victimCase, `${kind}_REQUESTED`, options.actor, { paroleReviewId: review.id }, created.id);
}

/**
 * Sets (or moves) the target hearing date and type; every open case of the offender records it,
 * since the victim's deadlines follow from it.
 */
export async function scheduleParoleHearing(
  manager: EntityManager,
  reviewId: string,
  hearing: { targetHearingDate: string; hearingType: HearingType },
  options: { actor: string; expectedVersion?: number | null },
): Promise<{ paroleReviewId: string; affectedCaseIds: string[] }> {
  const review = await lockParoleReview(manager, reviewId);
  if (hearing.targetHearingDate < review.referredOn) {
    throw new DomainError(
      UserErrorCode.INVALID_INPUT,
      `The hearing cannot be before the referral (${review.referredOn}).`,
      ["input", "targetHearingDate"],
    );
  }
  await applyParoleReviewEvent(manager, review, { type: "SCHEDULE_HEARING", ...hearing }, options.expectedVersion);
  const openCaseIds = await openCaseIdsOf(manager, review.offenderId);
  for (const id of openCaseIds) {
    const victimCase = await lockCase(manager, id, { kind: "ALL" });
    await appendCaseNote(manager, victimCase, {
      event: "PAROLE_HEARING_SCHEDULED",
      actor: options.actor,
      reason: null,
      payload: { paroleReviewId: review.id, hearingType: hearing.hearingType },
    });
  }
  await followHearingWithStatementTasks(manager, review.id, hearing.targetHearingDate);
  return { paroleReviewId: review.id, affectedCaseIds: openCaseIds };
}

const IN_SCHEME = Object.values(CaseStatus).filter(isInScheme);

/**
 * A statement invited and not yet sent is due 28 days before the hearing: a hearing set raises its
 * task, and a hearing moved moves the open task's due date (not its status). One statement; the
 * cases are locked by the caller.
 */
async function followHearingWithStatementTasks(
  manager: EntityManager,
  reviewId: string,
  targetHearingDate: string,
): Promise<void> {
  await insertSelected(
    manager,
    TASK_RECORD,
    ["case_id", "kind", "subject_id", "due_on"],
    (raised) =>
      new SqlExpression(
        `SELECT s."case_id", ?, s."parole_review_id", ?, ${raised}
           FROM "victim_personal_statement" s JOIN "victim_case" c ON c."id" = s."case_id"
          WHERE s."parole_review_id" = ? AND s."status" = ? AND c."status" = ANY(?)
         ON CONFLICT ("case_id", "kind", "subject_id") WHERE ${TASK_NOT_CANCELLED} DO UPDATE SET "due_on" = EXCLUDED."due_on", "version" = "task"."version" + 1
          WHERE "task"."status" = ${raised} AND "task"."due_on" <> EXCLUDED."due_on"`,
        [TaskKind.PERSONAL_STATEMENT, statementDueOn(targetHearingDate), reviewId, StatementStatus.INVITED, IN_SCHEME],
      ),
    { kind: TaskKind.PERSONAL_STATEMENT },
  );
}
